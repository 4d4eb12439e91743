/**
 * The vault's routing: keychain accounts to the OS keychain, session accounts to memory, and
 * every account to memory while no keychain is available.
 *
 * Routing with a keychain runs against the real Secret Service (keytar; gnome-keyring under
 * dbus-run-session), each test under its own service name and account ids, read back with keytar
 * itself and cleaned up afterwards. Those tests skip where no Secret Service is reachable, and
 * CLOUTILITY_REQUIRE_KEYCHAIN=1 turns the skip into a failure. Only a keychain that is missing or
 * fails is simulated: a store that refuses every call, so nothing can be routed to it unnoticed, and
 * a keytar that never answers (timeouts, on a fake clock).
 */
import keytar from 'keytar'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import { AccountStore } from '../../../../src/main/accounts/store'
import { KeychainSecretStore, type KeytarLike } from '../../../../src/main/credentials/keychain'
import type { SecretStore } from '../../../../src/main/credentials/types'
import { CredentialVault, type SecretOwner } from '../../../../src/main/credentials/vault'
import { announceSkip, keychainRequired, secretServiceSkipReason, testServiceName } from '../../../helpers/keyring'
import { deskRejection } from '../../../helpers/desk-rejection'

const noSecretService = announceSkip('vault.test')

const UNAVAILABLE = {
  available: false as const,
  code: 'no-service' as const,
  reason: 'No Secret Service is reachable on D-Bus (Could not connect: No such file or directory)'
}

/** A keychain that is not there: every call fails as the real store's would, and is counted. */
function unreachableKeychain(): SecretStore & { calls: number } {
  const refuse = (): Promise<never> => {
    store.calls++
    return Promise.reject(new DeskError('keychain', 'No Secret Service is reachable on D-Bus', { code: 'no-service' }))
  }
  const store = { backend: 'keychain' as const, calls: 0, get: refuse, set: refuse, delete: refuse, deleteAll: refuse }
  return store
}


/** The real keytar, with each call recorded as "<method> <service> <account>". */
function recordedKeytar(): KeytarLike & { calls: string[] } {
  const calls: string[] = []
  const record = (method: string, s: string, a: string): void => {
    calls.push(`${method} ${s} ${a}`)
  }
  return {
    calls,
    getPassword: (s, a) => {
      record('getPassword', s, a)
      return keytar.getPassword(s, a)
    },
    setPassword: (s, a, p) => {
      record('setPassword', s, a)
      return keytar.setPassword(s, a, p)
    },
    deletePassword: (s, a) => {
      record('deletePassword', s, a)
      return keytar.deletePassword(s, a)
    }
  }
}

/** A keytar that never answers. */
const silentKeytar: KeytarLike = {
  getPassword: () => new Promise(() => undefined),
  setPassword: () => new Promise(() => undefined),
  deletePassword: () => new Promise(() => undefined)
}

/** Per test: a service name and account ids of its own in the real keyring. */
let service: string
let kc: SecretOwner
let sess: SecretOwner
const services: string[] = []

beforeEach(() => {
  service = testServiceName()
  services.push(service)
  const run = randomUUID().slice(0, 8)
  kc = { id: `kc-${run}`, secretMode: 'keychain' }
  sess = { id: `sess-${run}`, secretMode: 'session' }
})

/** What the real keyring holds under this test's service, as keytar itself reads it. */
async function inKeyring(): Promise<Record<string, string>> {
  const entries = await keytar.findCredentials(service)
  return Object.fromEntries(entries.map((c) => [c.account, c.password]))
}

describe('CredentialVault routing with the real keychain', () => {
  it.runIf(keychainRequired)('has a real Secret Service, as CLOUTILITY_REQUIRE_KEYCHAIN=1 demands', () => {
    expect(secretServiceSkipReason()).toBeNull()
  })

  afterEach(async () => {
    if (noSecretService) return
    for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  })
  afterAll(async () => {
    if (noSecretService) return
    for (const s of services) expect(await keytar.findCredentials(s)).toEqual([])
  })

  it.skipIf(noSecretService)('keychain accounts go to the keychain, session accounts stay in memory', async () => {
    const vault = await CredentialVault.open({ service })
    expect(vault.keychainStatus).toEqual({ available: true })
    expect(vault.keychainMessage).toBeNull()
    expect(vault.backendFor(kc)).toBe('keychain')
    expect(vault.backendFor(sess)).toBe('memory')
    expect(vault.isSessionOnly(sess)).toBe(true)
    expect(vault.isSessionOnly(kc)).toBe(false)

    await vault.set(kc, 'password', 'kc-pw')
    await vault.set(sess, 'password', 'sess-pw')
    expect(await inKeyring()).toEqual({ [`${kc.id}:password`]: 'kc-pw' })
    expect(await vault.get(kc, 'password')).toBe('kc-pw')
    expect(await vault.get(sess, 'password')).toBe('sess-pw')

    // A value put in the keyring behind the vault's back is what the vault reads.
    await keytar.setPassword(service, `${kc.id}:refreshToken`, 'rt-from-keyring')
    expect(await vault.get(kc, 'refreshToken')).toBe('rt-from-keyring')

    vault.clearSession()
    expect(await vault.get(sess, 'password')).toBeNull()
    expect(await vault.get(kc, 'password')).toBe('kc-pw')
    await vault.delete(kc, 'password')
    expect(await inKeyring()).toEqual({ [`${kc.id}:refreshToken`]: 'rt-from-keyring' })
  })

  it.skipIf(noSecretService)('changeSecretMode moves secrets into the keyring and back out of it', async () => {
    const vault = await CredentialVault.open({ service })
    await vault.set(sess, 'password', 'pw')
    await vault.set(sess, 'refreshToken', 'rt')
    expect(await inKeyring()).toEqual({})

    await vault.changeSecretMode(sess.id, 'session', 'keychain')
    expect(await inKeyring()).toEqual({ [`${sess.id}:password`]: 'pw', [`${sess.id}:refreshToken`]: 'rt' })
    expect(await vault.get(sess, 'password')).toBeNull() // no longer in memory

    await vault.changeSecretMode(sess.id, 'keychain', 'session')
    expect(await inKeyring()).toEqual({})
    expect(await vault.get(sess, 'password')).toBe('pw')
    expect(await vault.get(sess, 'refreshToken')).toBe('rt')
  })

  it.skipIf(noSecretService)('forgetAccount clears the keyring and memory, and only that account', async () => {
    const vault = await CredentialVault.open({ service })
    const other: SecretOwner = { id: `${kc.id}-other`, secretMode: 'keychain' }
    await vault.set(kc, 'password', 'a')
    await vault.set(kc, 'proxyPassword', 'p')
    await vault.set({ ...kc, secretMode: 'session' }, 'refreshToken', 'b')
    await vault.set(other, 'password', 'kept')
    expect(await vault.forgetAccount(kc.id)).toEqual({ keychainCleared: true })
    expect(await inKeyring()).toEqual({ [`${other.id}:password`]: 'kept' })
    expect(await vault.get({ ...kc, secretMode: 'session' }, 'refreshToken')).toBeNull()
  })

  it.skipIf(noSecretService)('allows either mode', async () => {
    const vault = await CredentialVault.open({ service })
    expect(() => vault.assertSecretModeAvailable('keychain')).not.toThrow()
    expect(() => vault.assertSecretModeAvailable('session')).not.toThrow()
  })

  it.skipIf(noSecretService)('probes and stores with the service and keytar it is given', async () => {
    const k = recordedKeytar()
    const vault = await CredentialVault.open({ service, loadKeytar: async () => k })
    expect(vault.keychainStatus).toEqual({ available: true })
    // The probe's round trip under the given service: store, read back and delete a throwaway entry.
    const probe = /^setPassword .* (probe:[0-9a-f-]+)$/.exec(k.calls[0] ?? '')?.[1]
    expect(k.calls).toEqual([`setPassword ${service} ${probe}`, `getPassword ${service} ${probe}`, `deletePassword ${service} ${probe}`])

    await vault.set(kc, 'password', 'via-given-keytar')
    expect(k.calls.at(-1)).toBe(`setPassword ${service} ${kc.id}:password`)
    expect(await inKeyring()).toEqual({ [`${kc.id}:password`]: 'via-given-keytar' })
  })

  it.skipIf(noSecretService)('changeSecretMode to the same mode leaves the keyring as it is', async () => {
    const vault = await CredentialVault.open({ service })
    await vault.set(kc, 'password', 'pw')
    await vault.changeSecretMode(kc.id, 'keychain', 'keychain')
    expect(await inKeyring()).toEqual({ [`${kc.id}:password`]: 'pw' })
  })

  it.skipIf(noSecretService)('recheckKeychain picks up a keychain that became available, and uses it from then on', async () => {
    // The real store throughout; only the first probe's "unavailable" is made up.
    let available = false
    const real = new KeychainSecretStore({ service })
    const vault = await CredentialVault.open({ keychain: real, probe: async () => (available ? { available: true } : UNAVAILABLE) })
    expect(vault.backendFor(kc)).toBe('memory')
    await vault.set(kc, 'password', 'while-away')
    expect(await inKeyring()).toEqual({})

    available = true
    expect(await vault.recheckKeychain()).toEqual({ available: true })
    expect(vault.backendFor(kc)).toBe('keychain')
    await vault.set(kc, 'password', 'now-kept')
    expect(await inKeyring()).toEqual({ [`${kc.id}:password`]: 'now-kept' })
  })
})

describe('CredentialVault without a keychain (simulated: a keychain that is not there)', () => {
  it('reports the status and the UI message', async () => {
    const vault = await CredentialVault.open({ keychain: unreachableKeychain(), probe: async () => UNAVAILABLE })
    expect(vault.keychainAvailable).toBe(false)
    expect(vault.keychainStatus).toEqual(UNAVAILABLE)
    expect(vault.keychainMessage).toBe(
      'No keychain available: No Secret Service is reachable on D-Bus (Could not connect: No such file or directory). Passwords will be asked for each session.'
    )
  })

  it('keeps existing keychain accounts working for this session, in memory only', async () => {
    const keychain = unreachableKeychain()
    const vault = await CredentialVault.open({ keychain, probe: async () => UNAVAILABLE })
    expect(vault.backendFor(kc)).toBe('memory')
    await vault.set(kc, 'password', 'typed-this-session')
    expect(await vault.get(kc, 'password')).toBe('typed-this-session')
    expect(await vault.forgetAccount(kc.id)).toEqual({ keychainCleared: false })
    expect(await vault.get(kc, 'password')).toBeNull()
    expect(keychain.calls).toBe(0)
  })

  it('refuses keychain mode with a keychain error that offers session mode', async () => {
    const keychain = unreachableKeychain()
    const vault = await CredentialVault.open({ keychain, probe: async () => UNAVAILABLE })
    const err = await deskRejection(() => vault.assertSecretModeAvailable('keychain'))
    expect(err.kind).toBe('keychain')
    expect(err.message).toContain('Passwords will be asked for each session')
    expect(err.toShape()).toEqual({
      kind: 'keychain',
      message:
        'No keychain available: No Secret Service is reachable on D-Bus (Could not connect: No such file or directory). Passwords will be asked for each session. Choose "ask for the password each session" for this account.',
      details: { offerSessionMode: true, reason: UNAVAILABLE.reason, code: 'no-service', fields: { secretMode: 'No keychain available' } }
    })
    expect(() => vault.assertSecretModeAvailable('session')).not.toThrow()
    const moveErr = await deskRejection(vault.changeSecretMode(sess.id, 'session', 'keychain'))
    expect(moveErr.kind).toBe('keychain')
    expect(moveErr.details).toMatchObject({ offerSessionMode: true }) // refused up front, not by the store
    expect(keychain.calls).toBe(0)
  })

  it('keeps session-held secrets when the mode change does not move them (both in memory)', async () => {
    const keychain = unreachableKeychain()
    const vault = await CredentialVault.open({ keychain, probe: async () => UNAVAILABLE })
    await vault.set(kc, 'password', 'pw')
    await vault.set(kc, 'refreshToken', 'rt')
    await vault.changeSecretMode(kc.id, 'keychain', 'session')
    await vault.changeSecretMode(kc.id, 'session', 'session')
    expect(await vault.get({ ...kc, secretMode: 'session' }, 'password')).toBe('pw')
    expect(await vault.get({ ...kc, secretMode: 'session' }, 'refreshToken')).toBe('rt')
    expect(keychain.calls).toBe(0)
  })

  it.each([
    { case: 'an Error', thrown: new Error('boom'), reason: 'The keychain check failed (boom)' },
    { case: 'something else', thrown: 'boom', reason: 'The keychain check failed (unknown error)' }
  ])('a probe that throws $case counts as unavailable', async ({ thrown, reason }) => {
    const vault = await CredentialVault.open({ keychain: unreachableKeychain(), probe: () => Promise.reject(thrown) })
    expect(vault.keychainStatus).toEqual({ available: false, code: 'error', reason })
  })
})

describe('CredentialVault timeouts (fake clock; a keychain that never answers)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('bounds the probe by probeTimeoutMs', async () => {
    vi.useFakeTimers()
    const opening = CredentialVault.open({ loadKeytar: async () => silentKeytar, probeTimeoutMs: 1_000 })
    await vi.advanceTimersByTimeAsync(5_000)
    expect((await opening).keychainStatus).toEqual({
      available: false,
      code: 'timeout',
      reason: 'The system keychain did not answer within 1 s (it may be locked or waiting for an unlock prompt)'
    })
  })

  it('bounds each keychain call by callTimeoutMs', async () => {
    vi.useFakeTimers()
    const vault = await CredentialVault.open({ probe: async () => ({ available: true }), loadKeytar: async () => silentKeytar, callTimeoutMs: 1_000 })
    const err = deskRejection(vault.get(kc, 'password'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect((await err).toShape()).toEqual({
      kind: 'keychain',
      message: 'The system keychain did not answer within 1 s (it may be locked)',
      details: { code: 'timeout', accountId: kc.id, kind: 'password' }
    })
  })
})

describe('AccountStore wired to the vault', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    dir = undefined
  })

  const input = {
    displayName: 'Acme',
    apiUrl: 'https://portal.example.com/api',
    clientId: 'client-1',
    username: 'tech@example.com'
  }

  it('adding a keychain account fails (nothing written) while session accounts work', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cd-vault-'))
    const vault = await CredentialVault.open({ keychain: unreachableKeychain(), probe: async () => UNAVAILABLE })
    const store = await AccountStore.open(dir, { assertSecretMode: (m) => vault.assertSecretModeAvailable(m) })

    const err = await deskRejection(store.add({ ...input, secretMode: 'keychain' }))
    expect(err.kind).toBe('keychain')
    expect(err.details).toMatchObject({ offerSessionMode: true })
    expect(await readdir(dir)).toEqual([])

    const acct = await store.add({ ...input, secretMode: 'session' })
    const err2 = await deskRejection(store.update(acct.id, { secretMode: 'keychain' }))
    expect(err2.kind).toBe('keychain')
    expect(store.get(acct.id)?.secretMode).toBe('session')
    // Changes that do not touch the mode are unaffected.
    await store.update(acct.id, { label: 'PROD' })
    expect(store.get(acct.id)?.label).toBe('PROD')
  })
})
