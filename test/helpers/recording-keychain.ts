/**
 * A SecretStore standing in for the OS keychain in core tests that must see what was stored and
 * when (the real keychain is exercised in test/unit/main/credentials). Plain memory, keyed like
 * keytar entries.
 */
import type { SecretKind, SecretStore } from '../../src/main/credentials/types'
import type { CredentialVaultOptions } from '../../src/main/credentials/vault'

export class RecordingKeychain implements SecretStore {
  readonly backend = 'keychain' as const
  readonly entries = new Map<string, string>()
  readonly writes: { accountId: string; kind: SecretKind }[] = []

  async get(accountId: string, kind: SecretKind): Promise<string | null> {
    return this.entries.get(`${accountId}:${kind}`) ?? null
  }

  async set(accountId: string, kind: SecretKind, value: string): Promise<void> {
    this.writes.push({ accountId, kind })
    this.entries.set(`${accountId}:${kind}`, value)
  }

  async delete(accountId: string, kind: SecretKind): Promise<void> {
    this.entries.delete(`${accountId}:${kind}`)
  }

  async deleteAll(accountId: string): Promise<void> {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${accountId}:`)) this.entries.delete(key)
  }

  /** Options for createAppCore: this store as an available keychain. */
  vaultOptions(): CredentialVaultOptions {
    return { keychain: this, probe: async () => ({ available: true as const }) }
  }
}
