import keytar from 'keytar'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  KeychainSecretStore,
  loadKeytar,
  probeKeychain
} from '../../../../src/main/credentials/keychain'
import {
  announceSkip,
  hasCommand,
  keychainRequired,
  lastJsonLine,
  runCommand,
  runTsx,
  secretServiceSkipReason,
  testServiceName
} from '../../../helpers/keyring'
import { deskRejection } from '../../../helpers/desk-rejection'
import { fakeKeytar } from '../../../helpers/fake-keytar'

/** What fixtures/keychain-child.ts prints. */
interface ChildOutput {
  probe: { available: boolean; code?: string; reason?: string }
  setError: unknown
  status: unknown
  message: string | null
  addError: unknown
}

const CHILD = path.join(import.meta.dirname, 'fixtures', 'keychain-child.ts')
const noSecretService = announceSkip('keychain.test')
const SERVICE = testServiceName()



describe('keytar loading', () => {
  it('loads the real native module (no D-Bus needed to load it)', async () => {
    const k = await loadKeytar()
    expect(typeof k.getPassword).toBe('function')
    expect(typeof k.setPassword).toBe('function')
    expect(typeof k.deletePassword).toBe('function')
  })

  it('a module that fails to load makes the probe report module-unavailable and calls fail as keychain errors', async () => {
    const loader = () => Promise.reject(new Error('Cannot find module keytar.node'))
    const probe = await probeKeychain({ loadKeytar: loader })
    expect(probe).toEqual({
      available: false,
      code: 'module-unavailable',
      reason: expect.stringContaining('Cannot find module keytar.node')
    })
    const store = new KeychainSecretStore({ loadKeytar: loader })
    const err = await deskRejection(store.set('a1', 'password', 'hunter2'))
    expect(err.kind).toBe('keychain')
    expect(err.message).not.toContain('hunter2')
  })
})

describe('keychain fault handling', () => {
  it('a real keytar failure becomes a keychain error without the secret', async () => {
    // An empty service name makes the real keytar throw before it reaches D-Bus, so this runs everywhere.
    const broken = new KeychainSecretStore({ service: '' })
    const err = await deskRejection(broken.set('acct-a', 'password', 'topsecret-value'))
    expect(err.kind).toBe('keychain')
    expect(err.message).toMatch(/^Could not store the password in the system keychain/)
    expect(JSON.stringify(err.toShape())).not.toContain('topsecret-value')
  })

  it('bounds a hanging probe by its timeout', async () => {
    const hang = fakeKeytar({ setPassword: () => new Promise<void>(() => undefined) })
    const started = Date.now()
    const probe = await probeKeychain({ loadKeytar: async () => hang, timeoutMs: 200 })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(probe).toMatchObject({ available: false, code: 'timeout' })
    if (!probe.available) expect(probe.reason).toContain('200 ms')
  })

  it('bounds a hanging store call and reports it as a keychain timeout', async () => {
    const hang = fakeKeytar({ getPassword: () => new Promise<string | null>(() => undefined) })
    const store = new KeychainSecretStore({ loadKeytar: async () => hang, timeoutMs: 100 })
    const err = await deskRejection(store.get('a1', 'password'))
    expect(err.kind).toBe('keychain')
    expect(err.details).toMatchObject({ code: 'timeout', accountId: 'a1', kind: 'password' })
  })

  it('redacts the secret if an underlying error message contains it', async () => {
    const leaky = fakeKeytar({
      setPassword: async (_s, _a, p) => {
        throw new Error(`backend choked on "${p}"`)
      }
    })
    const store = new KeychainSecretStore({ loadKeytar: async () => leaky })
    const err = await deskRejection(store.set('a1', 'password', 'hunter2-secret'))
    expect(err.kind).toBe('keychain')
    expect(err.message).toContain('[redacted]')
    expect(JSON.stringify(err.toShape())).not.toContain('hunter2-secret')
  })

  it('a probe that reads back something else is inconsistent, and cleans up its entry', async () => {
    const k = fakeKeytar()
    k.getPassword = async () => 'not what was stored'
    const probe = await probeKeychain({ loadKeytar: async () => k, service: 'svc' })
    expect(probe).toMatchObject({ available: false, code: 'inconsistent' })
    expect(k.entries.size).toBe(0)
  })

  it('a probe whose read fails still removes the throwaway entry', async () => {
    const k = fakeKeytar()
    k.getPassword = async () => {
      throw new Error('Access denied by user')
    }
    const probe = await probeKeychain({ loadKeytar: async () => k, service: 'svc' })
    expect(probe).toMatchObject({ available: false, code: 'denied' })
    expect(k.entries.size).toBe(0)
  })

  it('classifies a locked collection', async () => {
    const k = fakeKeytar({
      setPassword: async () => {
        throw new Error('Cannot create an item in a locked collection')
      }
    })
    expect(await probeKeychain({ loadKeytar: async () => k })).toMatchObject({ available: false, code: 'locked' })
  })
})

// Mutants are active only in the test process, so keychain-failures.test.ts replays these failures' texts in-process.
describe('keychain unavailable (child processes)', () => {
  it('reports no Secret Service when D-Bus points at a nonexistent socket', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/cloutility-bus', CHILD_SECRET: 'pa55-child-secret' }
    const res = await runTsx(CHILD, { env })
    expect(res.code, res.stderr).toBe(0)
    const out = lastJsonLine(res.stdout) as ChildOutput
    expect(out.probe).toMatchObject({ available: false, code: 'no-service' })
    expect(out.probe.reason).toMatch(/D-Bus/)
    expect(out.status).toEqual(out.probe)
    expect(out.setError).toMatchObject({ isDeskError: true, kind: 'keychain' })
    expect(JSON.stringify(out.setError)).not.toContain('pa55-child-secret')
    expect(out.message).toMatch(/^No keychain available: No Secret Service is reachable on D-Bus .*\. Passwords will be asked for each session\.$/)
    expect(out.addError).toMatchObject({ kind: 'keychain', details: { offerSessionMode: true } })
  })

  it('reports no Secret Service (not a generic failure) when DBUS_SESSION_BUS_ADDRESS is empty', async () => {
    const res = await runTsx(CHILD, { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' } })
    expect(res.code, res.stderr).toBe(0)
    const out = lastJsonLine(res.stdout) as ChildOutput
    expect(out.probe).toMatchObject({ available: false, code: 'no-service' })
    expect(out.probe.reason).toMatch(/No Secret Service is reachable: the D-Bus session address \(DBUS_SESSION_BUS_ADDRESS\) is empty/)
  })

  it('reports no Secret Service when no session bus is configured at all', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY
    const res = await runTsx(CHILD, { env })
    expect(res.code, res.stderr).toBe(0)
    const out = lastJsonLine(res.stdout) as ChildOutput
    expect(out.probe).toMatchObject({ available: false })
    expect(['no-service', 'no-keyring']).toContain(out.probe.code)
    expect(out.setError).toMatchObject({ isDeskError: true, kind: 'keychain' })
  })

  const lockedSkip =
    process.platform !== 'linux'
      ? 'not Linux'
      : !hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')
        ? 'dbus-run-session or gnome-keyring-daemon is not installed'
        : null
  if (lockedSkip !== null) console.warn(`[keychain.test] locked-keyring test skipped: ${lockedSkip}`)

  it.skipIf(lockedSkip !== null)('reports a locked keyring (gnome-keyring started without unlocking)', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cd-keyring-'))
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: home, XDG_RUNTIME_DIR: home }
      delete env.DBUS_SESSION_BUS_ADDRESS
      // Session 1 creates a login keyring with a password; session 2 starts the daemon without unlocking it.
      const create = await runCommand(
        ['dbus-run-session', '--', 'sh', '-c', 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; sleep 0.5'],
        { env }
      )
      expect(create.code, create.stderr).toBe(0)
      const res = await runTsx(CHILD, {
        env,
        wrap: (cmd) => ['dbus-run-session', '--', 'sh', '-c', `gnome-keyring-daemon --components=secrets >/dev/null 2>&1; ${cmd}`]
      })
      expect(res.code, res.stderr).toBe(0)
      const out = lastJsonLine(res.stdout) as ChildOutput
      expect(out.probe).toMatchObject({ available: false, code: 'locked' })
      expect(out.setError).toMatchObject({ isDeskError: true, kind: 'keychain', details: { code: 'locked' } })
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})

describe('real Secret Service', () => {
  it.runIf(keychainRequired)('is reachable, as CLOUTILITY_REQUIRE_KEYCHAIN=1 demands', () => {
    expect(secretServiceSkipReason()).toBeNull()
  })

  const store = new KeychainSecretStore({ service: SERVICE, timeoutMs: 10_000 })

  afterEach(async () => {
    if (noSecretService) return
    for (const c of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, c.account)
  })
  afterAll(async () => {
    if (noSecretService) return
    expect(await keytar.findCredentials(SERVICE)).toEqual([])
  })

  it.skipIf(noSecretService)('probe round-trips a throwaway entry and leaves nothing behind', async () => {
    expect(await probeKeychain({ service: SERVICE })).toEqual({ available: true })
    expect(await keytar.findCredentials(SERVICE)).toEqual([])
  })

  it.skipIf(noSecretService)('set / get / overwrite / delete', async () => {
    expect(await store.get('acct-a', 'password')).toBeNull()
    await store.set('acct-a', 'password', 'first')
    expect(await store.get('acct-a', 'password')).toBe('first')
    await store.set('acct-a', 'password', 'second ✓ ünïcödé')
    expect(await store.get('acct-a', 'password')).toBe('second ✓ ünïcödé')
    await store.delete('acct-a', 'password')
    expect(await store.get('acct-a', 'password')).toBeNull()
    await store.delete('acct-a', 'password') // absent: not an error
  })

  it.skipIf(noSecretService)('stores entries under the service as "<accountId>:<kind>"', async () => {
    await store.set('acct-a', 'refreshToken', 'rt-value')
    expect(await keytar.findCredentials(SERVICE)).toEqual([{ account: 'acct-a:refreshToken', password: 'rt-value' }])
  })

  it.skipIf(noSecretService)('keeps kinds and accounts isolated; deleteAll clears one account only', async () => {
    await store.set('acct-a', 'password', 'a-pw')
    await store.set('acct-a', 'refreshToken', 'a-rt')
    await store.set('acct-b', 'password', 'b-pw')
    expect(await store.get('acct-b', 'refreshToken')).toBeNull()
    await store.deleteAll('acct-a')
    expect(await store.get('acct-a', 'password')).toBeNull()
    expect(await store.get('acct-a', 'refreshToken')).toBeNull()
    expect(await store.get('acct-b', 'password')).toBe('b-pw')
  })

  it.skipIf(noSecretService)('handles a long refresh token', async () => {
    const token = 'x'.repeat(4096)
    await store.set('acct-a', 'refreshToken', token)
    expect(await store.get('acct-a', 'refreshToken')).toBe(token)
  })
})
