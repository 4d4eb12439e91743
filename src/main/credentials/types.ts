import { DeskError } from '../../shared/errors'

export const SECRET_KINDS = ['password', 'refreshToken', 'proxyPassword'] as const
export type SecretKind = (typeof SECRET_KINDS)[number]

export type SecretBackend = 'keychain' | 'memory'

/**
 * Where an account's secrets live. Implementations throw DeskError ('keychain' for keychain
 * failures, 'invalid-input' for bad arguments); no message or detail ever contains a secret value.
 */
export interface SecretStore {
  readonly backend: SecretBackend
  /** The stored value, or null when there is none. */
  get(accountId: string, kind: SecretKind): Promise<string | null>
  set(accountId: string, kind: SecretKind, value: string): Promise<void>
  /** Deleting something that is not there is not an error. */
  delete(accountId: string, kind: SecretKind): Promise<void>
  /** Deletes every kind of secret for the account. */
  deleteAll(accountId: string): Promise<void>
}

/** Same pattern as account ids; excludes ':' so `${accountId}:${kind}` keys cannot collide. */
const ACCOUNT_ID = /^[A-Za-z0-9._-]{1,128}$/
/** Generous for long refresh tokens, small enough for every keychain backend. */
export const MAX_SECRET_LENGTH = 16_384

export function checkAccountId(accountId: unknown): asserts accountId is string {
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
    throw new DeskError('invalid-input', 'Account id is not valid', { fields: { accountId: 'Account id is not valid' } })
  }
}

export function checkKind(kind: unknown): asserts kind is SecretKind {
  if (typeof kind !== 'string' || !(SECRET_KINDS as readonly string[]).includes(kind)) {
    throw new DeskError('invalid-input', 'Secret kind must be "password", "refreshToken" or "proxyPassword"', {
      fields: { kind: 'Unknown secret kind' }
    })
  }
}

export function checkValue(value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new DeskError('invalid-input', 'The secret must be a non-empty text value', {
      fields: { value: 'Required' }
    })
  }
  if (value.length > MAX_SECRET_LENGTH) {
    throw new DeskError('invalid-input', `The secret is too long (at most ${MAX_SECRET_LENGTH} characters)`, {
      fields: { value: 'Too long' }
    })
  }
}

export function entryKey(accountId: string, kind: SecretKind): string {
  return `${accountId}:${kind}`
}
