import type { KeytarLike } from '../../src/main/credentials/keychain'

/** An in-memory keytar whose methods can be replaced to fail or hang (the real one is exercised in keychain.test.ts). */
export function fakeKeytar(overrides: Partial<KeytarLike> = {}): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return {
    entries,
    getPassword: async (s, a) => entries.get(`${s}|${a}`) ?? null,
    setPassword: async (s, a, p) => {
      entries.set(`${s}|${a}`, p)
    },
    deletePassword: async (s, a) => entries.delete(`${s}|${a}`),
    ...overrides
  }
}
