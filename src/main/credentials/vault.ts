/**
 * Picks the secret store per account and keeps the keychain status for the UI.
 *
 * - 'keychain' accounts use the OS keychain when it is available.
 * - 'session' accounts use the in-memory store (asked for each session).
 * - When the keychain is unavailable, existing 'keychain' accounts degrade to the in-memory store
 *   for this session (never to plain-text storage), and adding or switching an account to
 *   'keychain' is refused with DeskError('keychain', ..., { offerSessionMode: true }).
 */
import { DeskError } from '../../shared/errors'
import type { SecretMode } from '../accounts/schema'
import { KeychainSecretStore, type KeytarLoader, type ProbeResult, probeKeychain } from './keychain'
import { MemorySecretStore } from './memory'
import { rememberSecret } from '../logging/redact'
import { SECRET_KINDS, type SecretBackend, type SecretKind, type SecretStore, checkAccountId } from './types'

/** What the vault needs to know about an account. */
export interface SecretOwner {
  id: string
  secretMode: SecretMode
}

export type KeychainStatus = ProbeResult

export interface CredentialVaultOptions {
  /** Keychain service name (tests use their own). */
  service?: string
  loadKeytar?: KeytarLoader
  probeTimeoutMs?: number
  callTimeoutMs?: number
  /** Replaces the real probe (tests). */
  probe?: () => Promise<ProbeResult>
  /** Replaces the keychain store (tests). */
  keychain?: SecretStore
}

export interface ForgetResult {
  /** False when the keychain was unavailable, so entries of a 'keychain' account may remain in it. */
  keychainCleared: boolean
}

export class CredentialVault {
  private status: KeychainStatus
  private readonly keychain: SecretStore
  private readonly memory = new MemorySecretStore()
  private readonly probe: () => Promise<ProbeResult>

  private constructor(status: KeychainStatus, keychain: SecretStore, probe: () => Promise<ProbeResult>) {
    this.status = status
    this.keychain = keychain
    this.probe = probe
  }

  /** Probes the keychain once and returns a ready vault. Never rejects because of the keychain. */
  static async open(options: CredentialVaultOptions = {}): Promise<CredentialVault> {
    const probe =
      options.probe ??
      (() =>
        probeKeychain({
          ...(options.service !== undefined ? { service: options.service } : {}),
          ...(options.loadKeytar !== undefined ? { loadKeytar: options.loadKeytar } : {}),
          ...(options.probeTimeoutMs !== undefined ? { timeoutMs: options.probeTimeoutMs } : {})
        }))
    const keychain =
      options.keychain ??
      new KeychainSecretStore({
        ...(options.service !== undefined ? { service: options.service } : {}),
        ...(options.loadKeytar !== undefined ? { loadKeytar: options.loadKeytar } : {}),
        ...(options.callTimeoutMs !== undefined ? { timeoutMs: options.callTimeoutMs } : {})
      })
    const status = await safeProbe(probe)
    return new CredentialVault(status, keychain, probe)
  }

  get keychainStatus(): KeychainStatus {
    return { ...this.status }
  }

  get keychainAvailable(): boolean {
    return this.status.available
  }

  /** A sentence for the UI when the keychain is unavailable, else null. */
  get keychainMessage(): string | null {
    return this.status.available ? null : unavailableMessage(this.status.reason)
  }

  /** Probes again (e.g. after the user unlocked or installed a keyring). */
  async recheckKeychain(): Promise<KeychainStatus> {
    this.status = await safeProbe(this.probe)
    return this.keychainStatus
  }

  /**
   * Throws DeskError('keychain', ..., { offerSessionMode: true, reason }) if `mode` cannot be used
   * now. Pass this to AccountStore as `assertSecretMode`.
   */
  assertSecretModeAvailable(mode: SecretMode): void {
    if (mode === 'keychain' && !this.status.available) {
      throw new DeskError(
        'keychain',
        `${unavailableMessage(this.status.reason)} Choose "ask for the password each session" for this account.`,
        { offerSessionMode: true, reason: this.status.reason, code: this.status.code, fields: { secretMode: 'No keychain available' } }
      )
    }
  }

  /** Which backend actually holds this account's secrets right now. */
  backendFor(account: SecretOwner): SecretBackend {
    return this.storeFor(account).backend
  }

  /** True when the user will be asked for this account's password each session. */
  isSessionOnly(account: SecretOwner): boolean {
    return this.backendFor(account) === 'memory'
  }

  storeFor(account: SecretOwner): SecretStore {
    checkAccountId(account.id)
    return account.secretMode === 'keychain' && this.status.available ? this.keychain : this.memory
  }

  // Every secret passing through is remembered by the log redactor (never written anywhere).
  async get(account: SecretOwner, kind: SecretKind): Promise<string | null> {
    const value = await this.storeFor(account).get(account.id, kind)
    rememberSecret(value)
    return value
  }

  set(account: SecretOwner, kind: SecretKind, value: string): Promise<void> {
    rememberSecret(value)
    return this.storeFor(account).set(account.id, kind, value)
  }

  delete(account: SecretOwner, kind: SecretKind): Promise<void> {
    return this.storeFor(account).delete(account.id, kind)
  }

  /** Removes every secret of an account from both stores (call when the account is removed). */
  async forgetAccount(accountId: string): Promise<ForgetResult> {
    checkAccountId(accountId)
    await this.memory.deleteAll(accountId)
    if (!this.status.available) return { keychainCleared: false }
    await this.keychain.deleteAll(accountId)
    return { keychainCleared: true }
  }

  /**
   * Moves an account's secrets when its mode changes: session -> keychain stores what is held in
   * memory in the keychain; keychain -> session takes them out of the keychain and keeps them in
   * memory for the rest of this session. Call after AccountStore.update succeeded.
   */
  async changeSecretMode(accountId: string, from: SecretMode, to: SecretMode): Promise<void> {
    checkAccountId(accountId)
    this.assertSecretModeAvailable(to)
    const source = this.storeFor({ id: accountId, secretMode: from })
    const target = this.storeFor({ id: accountId, secretMode: to })
    if (source === target) return
    for (const kind of SECRET_KINDS) {
      const value = await source.get(accountId, kind)
      if (value !== null) await target.set(accountId, kind, value)
    }
    await source.deleteAll(accountId)
  }

  /** Forgets all session-held secrets (e.g. "lock" or sign out of everything). */
  clearSession(): void {
    this.memory.clear()
  }
}

export function unavailableMessage(reason: string): string {
  return `No keychain available: ${reason}. Passwords will be asked for each session.`
}

async function safeProbe(probe: () => Promise<ProbeResult>): Promise<KeychainStatus> {
  try {
    return await probe()
  } catch (err) {
    const text = err instanceof Error ? err.message : 'unknown error'
    return { available: false, code: 'error', reason: `The keychain check failed (${text})` }
  }
}
