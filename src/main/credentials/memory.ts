import { SECRET_KINDS, type SecretKind, type SecretStore, checkAccountId, checkKind, checkValue, entryKey } from './types'

/**
 * Session-only secrets: kept in this process's memory, never written anywhere. Used for accounts
 * in 'session' mode, and for keychain accounts while no keychain is available.
 */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const
  private readonly entries = new Map<string, string>()

  async get(accountId: string, kind: SecretKind): Promise<string | null> {
    checkAccountId(accountId)
    checkKind(kind)
    return this.entries.get(entryKey(accountId, kind)) ?? null
  }

  async set(accountId: string, kind: SecretKind, value: string): Promise<void> {
    checkAccountId(accountId)
    checkKind(kind)
    checkValue(value)
    this.entries.set(entryKey(accountId, kind), value)
  }

  async delete(accountId: string, kind: SecretKind): Promise<void> {
    checkAccountId(accountId)
    checkKind(kind)
    this.entries.delete(entryKey(accountId, kind))
  }

  async deleteAll(accountId: string): Promise<void> {
    checkAccountId(accountId)
    for (const kind of SECRET_KINDS) this.entries.delete(entryKey(accountId, kind))
  }

  /** Forgets every secret (e.g. on sign-out of all accounts or app lock). */
  clear(): void {
    this.entries.clear()
  }

  /** How many secrets are held (for diagnostics; never the values). */
  get size(): number {
    return this.entries.size
  }
}
