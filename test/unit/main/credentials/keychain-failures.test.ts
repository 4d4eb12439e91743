/**
 * Keychain failures as the user sees them (codes, reasons, messages), checked in this process.
 *
 * libsecret reads the D-Bus address once per process, so the real "no Secret Service", "empty
 * address", "locked" and "no keyring" failures are produced in child processes by keychain.test.ts.
 * Here a keytar stand-in replays the exact texts those real failures carry, so the classification
 * and wording are checked where a mutation run can see them. The real keytar is used wherever it
 * fails on demand (an empty service name is refused before D-Bus is reached).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import { KeychainSecretStore, type KeytarLike, errorText, probeKeychain } from '../../../../src/main/credentials/keychain'
import type { SecretKind } from '../../../../src/main/credentials/types'
import { deskRejection } from '../../../helpers/desk-rejection'
import { fakeKeytar } from '../../../helpers/fake-keytar'



const failing = (text: string): KeytarLike => {
  const fail = (): Promise<never> => Promise.reject(new Error(text))
  return { getPassword: fail, setPassword: fail, deletePassword: fail }
}
const hanging = (): Promise<never> => new Promise<never>(() => undefined)

afterEach(() => {
  vi.useRealTimers()
})

// The texts in the first rows are what the real keytar/libsecret said in keychain.test.ts's child
// processes; the others are documented Secret Service, macOS and Windows wordings.
const FAILURES: { case: string; text: string; code: string; reason: string }[] = [
  {
    case: 'D-Bus socket missing',
    text: 'Could not connect: No such file or directory',
    code: 'no-service',
    reason: 'No Secret Service is reachable on D-Bus (Could not connect: No such file or directory)'
  },
  {
    case: 'no session bus at all',
    text: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
    code: 'no-service',
    reason: 'No Secret Service is reachable on D-Bus (Cannot autolaunch D-Bus without X11 $DISPLAY)'
  },
  {
    case: 'DBUS_SESSION_BUS_ADDRESS empty',
    text: 'The given address is empty',
    code: 'no-service',
    reason: 'No Secret Service is reachable: the D-Bus session address (DBUS_SESSION_BUS_ADDRESS) is empty (The given address is empty)'
  },
  {
    case: 'keyring locked',
    text: 'Cannot create an item in a locked collection',
    code: 'locked',
    reason: 'The system keychain is locked (Cannot create an item in a locked collection)'
  },
  {
    case: 'no login keyring',
    text: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    code: 'no-keyring',
    reason: 'The system keychain has no usable default keyring (Object does not exist at path “/org/freedesktop/secrets/collection/login”)'
  },
  {
    case: 'no such collection (libsecret)',
    text: 'No such secret collection at path: /',
    code: 'no-keyring',
    reason: 'The system keychain has no usable default keyring (No such secret collection at path: /)'
  },
  {
    case: 'no Secret Service on the bus',
    text: 'The name org.freedesktop.secrets was not provided by any .service files',
    code: 'no-service',
    reason: 'No Secret Service is reachable on D-Bus (The name org.freedesktop.secrets was not provided by any .service files)'
  },
  {
    case: 'macOS without a prompt',
    text: 'User interaction is not allowed.',
    code: 'denied',
    reason: 'Access to the system keychain was refused (User interaction is not allowed.)'
  },
  {
    case: 'prompt dismissed',
    text: 'Operation was cancelled',
    code: 'denied',
    reason: 'Access to the system keychain was refused (Operation was cancelled)'
  }
]

describe('failure classification', () => {
  it.each(FAILURES)('probe: $case', async ({ text, code, reason }) => {
    expect(await probeKeychain({ loadKeytar: async () => failing(text) })).toEqual({ available: false, code, reason })
  })

  it.each(FAILURES)('store call: $case', async ({ text, code }) => {
    const store = new KeychainSecretStore({ loadKeytar: async () => failing(text) })
    const err = await deskRejection(store.set('acct-1', 'password', 'pw'))
    expect(err.toShape()).toEqual({
      kind: 'keychain',
      message: `Could not store the password in the system keychain: ${text}`,
      details: { code, accountId: 'acct-1', kind: 'password' }
    })
  })

  it('any other failure of the real keytar is a generic keychain error', async () => {
    // The real keytar refuses an empty service name before it reaches D-Bus.
    expect(await probeKeychain({ service: '' })).toEqual({
      available: false,
      code: 'error',
      reason: 'The system keychain failed (Service is required.)'
    })
    const err = await deskRejection(new KeychainSecretStore({ service: '' }).get('acct-1', 'refreshToken'))
    expect(err.toShape()).toEqual({
      kind: 'keychain',
      message: 'Could not read the sign-in token from the system keychain: Service is required.',
      details: { code: 'error', accountId: 'acct-1', kind: 'refreshToken' }
    })
  })

  it('a thrown non-Error is reported as an unknown error', async () => {
    const k = fakeKeytar({ setPassword: () => Promise.reject({ status: -25308 }) })
    expect(await probeKeychain({ loadKeytar: async () => k })).toEqual({
      available: false,
      code: 'error',
      reason: 'The system keychain failed (unknown error)'
    })
    const err = await deskRejection(new KeychainSecretStore({ loadKeytar: async () => k }).set('acct-1', 'password', 'pw'))
    expect(err.message).toBe('Could not store the password in the system keychain: unknown error')
  })

  const CALLS: { kind: SecretKind; call: (s: KeychainSecretStore) => Promise<unknown>; message: string }[] = [
    { kind: 'password', call: (s) => s.get('acct-1', 'password'), message: 'Could not read the password from the system keychain' },
    { kind: 'refreshToken', call: (s) => s.set('acct-1', 'refreshToken', 'rt'), message: 'Could not store the sign-in token in the system keychain' },
    { kind: 'proxyPassword', call: (s) => s.delete('acct-1', 'proxyPassword'), message: 'Could not delete the proxy password from the system keychain' }
  ]
  it.each(CALLS)('names what failed: $message', async ({ kind, call, message }) => {
    const err = await deskRejection(call(new KeychainSecretStore({ loadKeytar: async () => failing('Access is denied.') })))
    expect(err.message).toBe(`${message}: Access is denied.`)
    expect(err.details).toEqual({ code: 'denied', accountId: 'acct-1', kind })
  })
})

describe('keytar that cannot be loaded', () => {
  it('makes each call fail as module-unavailable, with the loader’s reason', async () => {
    const store = new KeychainSecretStore({ loadKeytar: () => Promise.reject(new Error('Cannot find module keytar.node')) })
    const err = await deskRejection(store.set('acct-1', 'password', 'pw'))
    expect(err.toShape()).toEqual({
      kind: 'keychain',
      message: 'The keychain module (keytar) could not be loaded: Cannot find module keytar.node',
      details: { code: 'module-unavailable' }
    })
  })

  it('passes the loader’s own keychain error through unchanged', async () => {
    const own = new DeskError('keychain', 'The keychain module (keytar) loaded but does not provide the expected functions', {
      code: 'module-unavailable'
    })
    const store = new KeychainSecretStore({ loadKeytar: () => Promise.reject(own) })
    expect(await deskRejection(store.get('acct-1', 'password'))).toBe(own)
    expect(await probeKeychain({ loadKeytar: () => Promise.reject(own) })).toEqual({
      available: false,
      code: 'module-unavailable',
      reason: own.message
    })
  })

  it('turns any other loader error into a keychain error', async () => {
    const store = new KeychainSecretStore({ loadKeytar: () => Promise.reject(new DeskError('storage', 'disk full')) })
    const err = await deskRejection(store.get('acct-1', 'password'))
    expect(err.toShape()).toEqual({
      kind: 'keychain',
      message: 'The keychain module (keytar) could not be loaded: disk full',
      details: { code: 'module-unavailable' }
    })
  })
})

describe('timeouts (fake clock)', () => {
  it.each([
    { timeoutMs: 1_000, shown: '1 s' },
    { timeoutMs: 1_500, shown: '1500 ms' },
    { timeoutMs: undefined, shown: '5 s' } // the default
  ])('a probe that gets no answer in $shown reports a timeout', async ({ timeoutMs, shown }) => {
    vi.useFakeTimers()
    const k = fakeKeytar({ setPassword: hanging })
    const probe = probeKeychain({ loadKeytar: async () => k, ...(timeoutMs !== undefined ? { timeoutMs } : {}) })
    let settled = false
    void probe.then(() => (settled = true))
    await vi.advanceTimersByTimeAsync((timeoutMs ?? 5_000) - 1)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await probe).toEqual({
      available: false,
      code: 'timeout',
      reason: `The system keychain did not answer within ${shown} (it may be locked or waiting for an unlock prompt)`
    })
  })

  it.each([
    { timeoutMs: 1_000, shown: '1 s' },
    { timeoutMs: 250, shown: '250 ms' },
    { timeoutMs: undefined, shown: '60 s' } // the default: long enough for an unlock prompt
  ])('a store call that gets no answer in $shown fails as a timeout', async ({ timeoutMs, shown }) => {
    vi.useFakeTimers()
    const store = new KeychainSecretStore({
      loadKeytar: async () => fakeKeytar({ getPassword: hanging }),
      ...(timeoutMs !== undefined ? { timeoutMs } : {})
    })
    const err = deskRejection(store.get('acct-1', 'refreshToken'))
    await vi.advanceTimersByTimeAsync(timeoutMs ?? 60_000)
    expect((await err).toShape()).toEqual({
      kind: 'keychain',
      message: `The system keychain did not answer within ${shown} (it may be locked)`,
      details: { code: 'timeout', accountId: 'acct-1', kind: 'refreshToken' }
    })
  })
})

describe('probe round trip', () => {
  it('an entry that reads back differently is inconsistent; the entry is removed', async () => {
    const k = fakeKeytar()
    k.getPassword = async () => 'not what was stored'
    expect(await probeKeychain({ loadKeytar: async () => k })).toEqual({
      available: false,
      code: 'inconsistent',
      reason: 'The system keychain did not return the test entry it had just stored'
    })
    expect(k.entries.size).toBe(0)
  })

  it('an entry that is not deleted is inconsistent; the probe tries again to remove it', async () => {
    const k = fakeKeytar()
    const del = k.deletePassword
    let deletes = 0
    k.deletePassword = async (s, a) => (++deletes === 1 ? false : del(s, a))
    expect(await probeKeychain({ loadKeytar: async () => k })).toEqual({
      available: false,
      code: 'inconsistent',
      reason: 'The system keychain did not delete the test entry it had just stored'
    })
    expect(deletes).toBe(2)
    expect(k.entries.size).toBe(0)
  })

  it('never shows its throwaway value in a reason', async () => {
    const k = fakeKeytar()
    k.getPassword = async (s, a) => {
      throw new Error(`cannot decode "${k.entries.get(`${s}|${a}`) ?? ''}"`)
    }
    const probe = await probeKeychain({ loadKeytar: async () => k })
    expect(probe).toEqual({ available: false, code: 'error', reason: 'The system keychain failed (cannot decode "[redacted]")' })
    expect(k.entries.size).toBe(0)
  })
})

describe('errorText', () => {
  const long = 'x'.repeat(300)
  it.each([
    { case: 'an Error', err: new Error('boom'), secrets: [], text: 'boom' },
    { case: 'a string', err: '  keyring said no  ', secrets: [], text: 'keyring said no' },
    { case: 'anything else', err: { code: 5 }, secrets: [], text: 'unknown error' },
    { case: 'runs of whitespace', err: new Error(' a \n\n b\t\tc '), secrets: [], text: 'a b c' },
    { case: 'only whitespace', err: new Error(' \n '), secrets: [], text: 'unknown error' },
    { case: 'secrets', err: new Error('bad s3cr3t, s3cr3t!'), secrets: ['s3cr3t'], text: 'bad [redacted], [redacted]!' },
    { case: 'an empty secret', err: new Error('nothing to hide'), secrets: [''], text: 'nothing to hide' },
    { case: '300 characters', err: new Error(long), secrets: [], text: long },
    { case: '301 characters', err: new Error(`${long}y`), secrets: [], text: `${long}…` }
  ])('$case', ({ err, secrets, text }) => {
    expect(errorText(err, secrets)).toBe(text)
  })
})
