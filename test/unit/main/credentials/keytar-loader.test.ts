/**
 * The default keytar loader: what it accepts as keytar, and what the user sees when the module is
 * missing or is not keytar.
 *
 * loadKeytar caches its promise per module instance, so each case imports a fresh copy of the
 * keychain module (vi.resetModules). The real module is loaded in the first case; the broken ones
 * are stand-ins for the `keytar` import (a missing native build cannot be produced otherwise), and
 * the `keytar` module is put back afterwards (mutation runs share one worker between test files).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

type KeychainModule = typeof import('../../../../src/main/credentials/keychain')
type ErrorsModule = typeof import('../../../../src/shared/errors')

let original: unknown

beforeAll(async () => {
  original = await import('keytar')
})

afterAll(() => {
  vi.doMock('keytar', () => original as Record<string, unknown>)
  vi.resetModules()
})

/** A fresh keychain module whose `import('keytar')` yields `factory()` (or the current keytar). */
async function freshKeychain(factory?: () => unknown): Promise<KeychainModule & { DeskError: ErrorsModule['DeskError'] }> {
  vi.resetModules()
  if (factory) vi.doMock('keytar', factory as () => Record<string, unknown>)
  else vi.doMock('keytar', () => original as Record<string, unknown>)
  const keychain = await import('../../../../src/main/credentials/keychain')
  const { DeskError } = await import('../../../../src/shared/errors')
  return { ...keychain, DeskError }
}

const fns = () => ({
  getPassword: async () => null,
  setPassword: async () => undefined,
  deletePassword: async () => true
})

describe('loadKeytar', () => {
  it('loads the real module once and hands out its default export', async () => {
    const { loadKeytar } = await freshKeychain()
    const k = await loadKeytar()
    expect(k).toBe((original as { default: unknown }).default)
    expect(await loadKeytar()).toBe(k)
  })

  it('takes the module itself when it has no default export', async () => {
    const named = fns()
    const { loadKeytar } = await freshKeychain(() => ({ default: undefined, ...named }))
    const k = await loadKeytar()
    expect(k.getPassword).toBe(named.getPassword)
    expect(k.setPassword).toBe(named.setPassword)
    expect(k.deletePassword).toBe(named.deletePassword)
  })

  it('prefers the default export over named ones', async () => {
    const def = fns()
    const { loadKeytar } = await freshKeychain(() => ({ default: def, ...fns() }))
    expect(await loadKeytar()).toBe(def)
  })

  const NOT_KEYTAR: { case: string; module: () => Record<string, unknown> }[] = [
    { case: 'a default export that is not an object', module: () => ({ default: 42 }) },
    { case: 'no getPassword', module: () => ({ default: { ...fns(), getPassword: undefined } }) },
    { case: 'no setPassword', module: () => ({ default: { ...fns(), setPassword: 'nope' } }) },
    { case: 'no deletePassword', module: () => ({ default: { ...fns(), deletePassword: null } }) }
  ]
  it.each(NOT_KEYTAR)('refuses a module with $case, and calls fail as module-unavailable', async ({ module }) => {
    const { loadKeytar, KeychainSecretStore, probeKeychain, DeskError } = await freshKeychain(module)
    const message = 'The keychain module (keytar) loaded but does not provide the expected functions'
    const err = await loadKeytar().then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(DeskError)
    expect((err as InstanceType<typeof DeskError>).toShape()).toEqual({ kind: 'keychain', message, details: { code: 'module-unavailable' } })
    expect(await probeKeychain()).toEqual({ available: false, code: 'module-unavailable', reason: message })
    await expect(new KeychainSecretStore().get('acct-1', 'password')).rejects.toBe(err)
  })

  it('reports a module that fails to load as module-unavailable, and remembers that', async () => {
    // Vitest words the failed import itself, so only the prefix is ours.
    const { loadKeytar, KeychainSecretStore, DeskError } = await freshKeychain(() => {
      throw new Error('libsecret-1.so.0: cannot open shared object file')
    })
    const err = await new KeychainSecretStore().set('acct-1', 'password', 'pw').then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(DeskError)
    const shape = (err as InstanceType<typeof DeskError>).toShape()
    expect(shape).toEqual({ kind: 'keychain', message: expect.any(String), details: { code: 'module-unavailable' } })
    expect(shape.message).toMatch(/^The keychain module \(keytar\) could not be loaded: \S/)
    await expect(loadKeytar()).rejects.toBe(err) // the failure is remembered, not retried per call
  })
})
