import keytar from 'keytar'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import { AccountStore } from '../../../../src/main/accounts/store'
import { KeychainSecretStore } from '../../../../src/main/credentials/keychain'
import { MemorySecretStore } from '../../../../src/main/credentials/memory'
import type { SecretStore } from '../../../../src/main/credentials/types'
import { CredentialVault, type SecretOwner } from '../../../../src/main/credentials/vault'
import { announceSkip, testServiceName } from '../../../helpers/keyring'

const noSecretService = announceSkip('vault.test')

const kc: SecretOwner = { id: 'acct-keychain', secretMode: 'keychain' }
const sess: SecretOwner = { id: 'acct-session', secretMode: 'session' }

const UNAVAILABLE = {
  available: false as const,
  code: 'no-service' as const,
  reason: 'No Secret Service is reachable on D-Bus (Could not connect: No such file or directory)'
}

/** A keychain stand-in that is a real MemorySecretStore wearing the keychain label, so routing is observable. */
function keychainDouble(): SecretStore & { inner: MemorySecretStore } {
  const inner = new MemorySecretStore()
  return {
    inner,
    backend: 'keychain',
    get: (a, k) => inner.get(a, k),
    set: (a, k, v) => inner.set(a, k, v),
    delete: (a, k) => inner.delete(a, k),
    deleteAll: (a) => inner.deleteAll(a)
  }
}

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<DeskError> {
  let err: unknown = null
  try {
    await (typeof p === 'function' ? p() : p)
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(DeskError)
  return err as DeskError
}

describe('CredentialVault routing (keychain available)', () => {
  it('keychain accounts go to the keychain store, session accounts stay in memory', async () => {
    const keychain = keychainDouble()
    const vault = await CredentialVault.open({ keychain, probe: async () => ({ available: true }) })
    expect(vault.keychainStatus).toEqual({ available: true })
    expect(vault.keychainMessage).toBeNull()
    expect(vault.backendFor(kc)).toBe('keychain')
    expect(vault.backendFor(sess)).toBe('memory')
    expect(vault.isSessionOnly(sess)).toBe(true)

    await vault.set(kc, 'password', 'kc-pw')
    await vault.set(sess, 'password', 'sess-pw')
    expect(await keychain.inner.get(kc.id, 'password')).toBe('kc-pw')
    expect(await keychain.inner.get(sess.id, 'password')).toBeNull()
    expect(await vault.get(kc, 'password')).toBe('kc-pw')
    expect(await vault.get(sess, 'password')).toBe('sess-pw')

    vault.clearSession()
    expect(await vault.get(sess, 'password')).toBeNull()
    expect(await vault.get(kc, 'password')).toBe('kc-pw')
  })

  it('changeSecretMode moves secrets both ways', async () => {
    const keychain = keychainDouble()
    const vault = await CredentialVault.open({ keychain, probe: async () => ({ available: true }) })
    await vault.set(sess, 'password', 'pw')
    await vault.set(sess, 'refreshToken', 'rt')

    await vault.changeSecretMode(sess.id, 'session', 'keychain')
    expect(await keychain.inner.get(sess.id, 'password')).toBe('pw')
    expect(await keychain.inner.get(sess.id, 'refreshToken')).toBe('rt')
    expect(await vault.get(sess, 'password')).toBeNull() // no longer in memory

    await vault.changeSecretMode(sess.id, 'keychain', 'session')
    expect(keychain.inner.size).toBe(0)
    expect(await vault.get(sess, 'password')).toBe('pw')
  })

  it('forgetAccount clears both stores', async () => {
    const keychain = keychainDouble()
    const vault = await CredentialVault.open({ keychain, probe: async () => ({ available: true }) })
    await vault.set(kc, 'password', 'a')
    await vault.set({ ...kc, secretMode: 'session' }, 'refreshToken', 'b')
    expect(await vault.forgetAccount(kc.id)).toEqual({ keychainCleared: true })
    expect(keychain.inner.size).toBe(0)
    expect(await vault.get({ ...kc, secretMode: 'session' }, 'refreshToken')).toBeNull()
  })

  it('allows either mode', async () => {
    const vault = await CredentialVault.open({ keychain: keychainDouble(), probe: async () => ({ available: true }) })
    expect(() => vault.assertSecretModeAvailable('keychain')).not.toThrow()
    expect(() => vault.assertSecretModeAvailable('session')).not.toThrow()
  })
})

describe('CredentialVault without a keychain', () => {
  it('reports the status and the UI message', async () => {
    const vault = await CredentialVault.open({ keychain: keychainDouble(), probe: async () => UNAVAILABLE })
    expect(vault.keychainAvailable).toBe(false)
    expect(vault.keychainStatus).toEqual(UNAVAILABLE)
    expect(vault.keychainMessage).toBe(
      'No keychain available: No Secret Service is reachable on D-Bus (Could not connect: No such file or directory). Passwords will be asked for each session.'
    )
  })

  it('keeps existing keychain accounts working for this session, in memory only', async () => {
    const keychain = keychainDouble()
    const vault = await CredentialVault.open({ keychain, probe: async () => UNAVAILABLE })
    expect(vault.backendFor(kc)).toBe('memory')
    await vault.set(kc, 'password', 'typed-this-session')
    expect(await vault.get(kc, 'password')).toBe('typed-this-session')
    expect(keychain.inner.size).toBe(0)
    expect(await vault.forgetAccount(kc.id)).toEqual({ keychainCleared: false })
    expect(await vault.get(kc, 'password')).toBeNull()
  })

  it('refuses keychain mode with a keychain error that offers session mode', async () => {
    const vault = await CredentialVault.open({ keychain: keychainDouble(), probe: async () => UNAVAILABLE })
    const err = await rejection(() => vault.assertSecretModeAvailable('keychain'))
    expect(err.kind).toBe('keychain')
    expect(err.message).toContain('Passwords will be asked for each session')
    expect(err.details).toMatchObject({ offerSessionMode: true, code: 'no-service', fields: { secretMode: expect.any(String) } })
    expect(() => vault.assertSecretModeAvailable('session')).not.toThrow()
    const moveErr = await rejection(vault.changeSecretMode(sess.id, 'session', 'keychain'))
    expect(moveErr.kind).toBe('keychain')
  })

  it('a probe that throws counts as unavailable', async () => {
    const vault = await CredentialVault.open({
      keychain: keychainDouble(),
      probe: () => Promise.reject(new Error('boom'))
    })
    expect(vault.keychainStatus).toMatchObject({ available: false, code: 'error' })
  })

  it('recheckKeychain picks up a keychain that became available', async () => {
    let available = false
    const vault = await CredentialVault.open({
      keychain: keychainDouble(),
      probe: async () => (available ? { available: true } : UNAVAILABLE)
    })
    expect(vault.backendFor(kc)).toBe('memory')
    available = true
    expect(await vault.recheckKeychain()).toEqual({ available: true })
    expect(vault.backendFor(kc)).toBe('keychain')
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
    const vault = await CredentialVault.open({ keychain: keychainDouble(), probe: async () => UNAVAILABLE })
    const store = await AccountStore.open(dir, { assertSecretMode: (m) => vault.assertSecretModeAvailable(m) })

    const err = await rejection(store.add({ ...input, secretMode: 'keychain' }))
    expect(err.kind).toBe('keychain')
    expect(err.details).toMatchObject({ offerSessionMode: true })
    expect(await readdir(dir)).toEqual([])

    const acct = await store.add({ ...input, secretMode: 'session' })
    const err2 = await rejection(store.update(acct.id, { secretMode: 'keychain' }))
    expect(err2.kind).toBe('keychain')
    expect(store.get(acct.id)?.secretMode).toBe('session')
    // Changes that do not touch the mode are unaffected.
    await store.update(acct.id, { label: 'PROD' })
    expect(store.get(acct.id)?.label).toBe('PROD')
  })
})

describe('CredentialVault with the real Secret Service', () => {
  const service = testServiceName()
  afterEach(async () => {
    if (noSecretService) return
    for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  })

  it.skipIf(noSecretService)('probes the real keychain and stores keychain accounts in it', async () => {
    const vault = await CredentialVault.open({ service })
    expect(vault.keychainStatus).toEqual({ available: true })
    await vault.set(kc, 'password', 'real-kc-pw')
    await vault.set(sess, 'password', 'real-sess-pw')
    const direct = new KeychainSecretStore({ service })
    expect(await direct.get(kc.id, 'password')).toBe('real-kc-pw')
    expect(await direct.get(sess.id, 'password')).toBeNull()
    expect((await keytar.findCredentials(service)).map((c) => c.account)).toEqual([`${kc.id}:password`])

    await vault.changeSecretMode(kc.id, 'keychain', 'session')
    expect(await keytar.findCredentials(service)).toEqual([])
    expect(await vault.get({ ...kc, secretMode: 'session' }, 'password')).toBe('real-kc-pw')

    await vault.changeSecretMode(kc.id, 'session', 'keychain')
    expect(await direct.get(kc.id, 'password')).toBe('real-kc-pw')
    await vault.forgetAccount(kc.id)
    expect(await keytar.findCredentials(service)).toEqual([])
  })
})
