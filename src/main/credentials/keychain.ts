/**
 * OS keychain access through keytar (macOS Keychain, Windows Credential Vault, Secret Service on
 * Linux). keytar is a native module: it is loaded lazily with a dynamic import so that a missing or
 * broken build is reported as "no keychain" rather than crashing the main process.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { DeskError } from '../../shared/errors'
import { SECRET_KINDS, type SecretKind, type SecretStore, checkAccountId, checkKind, checkValue, entryKey } from './types'

export const KEYCHAIN_SERVICE = 'Cloutility Desk'
/** Bound for the probe's whole round trip. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5_000
/**
 * Bound for each ordinary keychain call. Longer than the probe's: on a desktop a locked keyring may
 * show an unlock prompt and the call legitimately waits for the user.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000

/** The part of keytar we use. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export type KeytarLoader = () => Promise<KeytarLike>

/** How each kind is named in error messages. */
const KIND_NAMES: Record<SecretKind, string> = {
  password: 'password',
  refreshToken: 'sign-in token',
  proxyPassword: 'proxy password'
}

let keytarPromise: Promise<KeytarLike> | undefined

/** Loads keytar once per process. Rejects with DeskError('keychain') if the module is missing or fails to load. */
export const loadKeytar: KeytarLoader = () => {
  keytarPromise ??= (async () => {
    let mod: unknown
    try {
      mod = await import('keytar')
    } catch (err) {
      throw new DeskError('keychain', `The keychain module (keytar) could not be loaded: ${errorText(err)}`, {
        code: 'module-unavailable'
      })
    }
    const candidate = (mod as { default?: unknown }).default ?? mod
    if (!isKeytarLike(candidate)) {
      throw new DeskError('keychain', 'The keychain module (keytar) loaded but does not provide the expected functions', {
        code: 'module-unavailable'
      })
    }
    return candidate
  })()
  return keytarPromise
}

function isKeytarLike(value: unknown): value is KeytarLike {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.getPassword === 'function' &&
    typeof v.setPassword === 'function' &&
    typeof v.deletePassword === 'function'
  )
}

export type KeychainFailureCode =
  | 'module-unavailable' // keytar missing or failed to load
  | 'no-service' // no Secret Service / D-Bus session
  | 'locked' // keychain locked and not unlocked
  | 'no-keyring' // a Secret Service runs but has no usable default keyring
  | 'denied' // access refused or prompt dismissed
  | 'timeout' // no answer in time
  | 'inconsistent' // the probe entry did not read back
  | 'error' // anything else

export type ProbeResult =
  | { available: true }
  | { available: false; reason: string; code: KeychainFailureCode }

export interface KeychainOptions {
  /** Keychain service name. Tests use their own so they never touch real entries. */
  service?: string
  /** How keytar is obtained; defaults to the real module. */
  loadKeytar?: KeytarLoader
  /** Bound for each call, in ms. */
  timeoutMs?: number
}

export class KeychainSecretStore implements SecretStore {
  readonly backend = 'keychain' as const
  readonly service: string
  private readonly load: KeytarLoader
  private readonly timeoutMs: number

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE
    this.load = options.loadKeytar ?? loadKeytar
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS
  }

  async get(accountId: string, kind: SecretKind): Promise<string | null> {
    checkAccountId(accountId)
    checkKind(kind)
    return this.call('read', 'from', accountId, kind, [], (k) =>
      k.getPassword(this.service, entryKey(accountId, kind))
    )
  }

  async set(accountId: string, kind: SecretKind, value: string): Promise<void> {
    checkAccountId(accountId)
    checkKind(kind)
    checkValue(value)
    await this.call('store', 'in', accountId, kind, [value], (k) =>
      k.setPassword(this.service, entryKey(accountId, kind), value)
    )
  }

  async delete(accountId: string, kind: SecretKind): Promise<void> {
    checkAccountId(accountId)
    checkKind(kind)
    await this.call('delete', 'from', accountId, kind, [], (k) =>
      k.deletePassword(this.service, entryKey(accountId, kind))
    )
  }

  async deleteAll(accountId: string): Promise<void> {
    checkAccountId(accountId)
    for (const kind of SECRET_KINDS) await this.delete(accountId, kind)
  }

  private async call<T>(
    verb: 'read' | 'store' | 'delete',
    preposition: 'from' | 'in',
    accountId: string,
    kind: SecretKind,
    secrets: string[],
    fn: (k: KeytarLike) => Promise<T>
  ): Promise<T> {
    let keytar: KeytarLike
    try {
      keytar = await this.load()
    } catch (err) {
      if (err instanceof DeskError && err.kind === 'keychain') throw err
      throw new DeskError('keychain', `The keychain module (keytar) could not be loaded: ${errorText(err, secrets)}`, {
        code: 'module-unavailable'
      })
    }
    const what = KIND_NAMES[kind]
    try {
      return await withTimeout(
        Promise.resolve().then(() => fn(keytar)),
        this.timeoutMs,
        () => new DeskError('keychain', `The system keychain did not answer within ${formatMs(this.timeoutMs)} (it may be locked)`, {
          code: 'timeout', accountId, kind
        })
      )
    } catch (err) {
      if (err instanceof DeskError) throw err
      const { code } = classify(err)
      throw new DeskError(
        'keychain',
        `Could not ${verb} the ${what} ${preposition} the system keychain: ${errorText(err, secrets)}`,
        { code, accountId, kind }
      )
    }
  }
}

export interface ProbeOptions {
  service?: string
  loadKeytar?: KeytarLoader
  /** Bound for the whole set/get/delete round trip; default 5 s. */
  timeoutMs?: number
}

/**
 * Checks the keychain really works by storing, reading back and deleting a throwaway entry.
 * Never rejects.
 */
export async function probeKeychain(options: ProbeOptions = {}): Promise<ProbeResult> {
  const service = options.service ?? KEYCHAIN_SERVICE
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS
  const load = options.loadKeytar ?? loadKeytar
  const account = `probe:${randomUUID()}`
  const value = randomBytes(16).toString('hex')
  const TIMEOUT = Symbol('timeout')

  let keytar: KeytarLike
  try {
    keytar = await load()
  } catch (err) {
    const reason = err instanceof DeskError ? err.message : `The keychain module (keytar) could not be loaded: ${errorText(err)}`
    return { available: false, code: 'module-unavailable', reason }
  }

  let stored = false // true while the throwaway entry may exist
  const roundTrip = async (): Promise<ProbeResult> => {
    await keytar.setPassword(service, account, value)
    stored = true
    const readBack = await keytar.getPassword(service, account)
    const deleted = await keytar.deletePassword(service, account)
    stored = !deleted
    if (readBack !== value) {
      return { available: false, code: 'inconsistent', reason: 'The system keychain did not return the test entry it had just stored' }
    }
    if (!deleted) {
      return { available: false, code: 'inconsistent', reason: 'The system keychain did not delete the test entry it had just stored' }
    }
    return { available: true }
  }

  const attempt = Promise.resolve().then(roundTrip)
  // Whenever the attempt settles (even after a timeout), remove the entry if it is still there.
  // An answered probe waits for that; a timed-out one does not wait for the stuck attempt.
  const cleanup = attempt
    .catch(() => undefined)
    .then(() => (stored ? keytar.deletePassword(service, account) : undefined))
    .catch(() => undefined)
  try {
    const result = await withTimeout(attempt, timeoutMs, () => TIMEOUT)
    await cleanup
    return result
  } catch (err) {
    if (err === TIMEOUT) {
      return {
        available: false,
        code: 'timeout',
        reason: `The system keychain did not answer within ${formatMs(timeoutMs)} (it may be locked or waiting for an unlock prompt)`
      }
    }
    await cleanup
    const { code, reason } = classify(err, [value])
    return { available: false, code, reason }
  }
}

/** Maps a keytar/libsecret/OS error to a failure code and a UI-ready reason. */
function classify(err: unknown, secrets: string[] = []): { code: KeychainFailureCode; reason: string } {
  const text = errorText(err, secrets)
  if (/locked/i.test(text)) {
    return { code: 'locked', reason: `The system keychain is locked (${text})` }
  }
  if (/Object does not exist at path|No such (secret )?collection|no default (keyring|collection)/i.test(text)) {
    return { code: 'no-keyring', reason: `The system keychain has no usable default keyring (${text})` }
  }
  // libsecret's words when DBUS_SESSION_BUS_ADDRESS is set but empty (a stripped environment).
  if (/given address is empty/i.test(text)) {
    return { code: 'no-service', reason: `No Secret Service is reachable: the D-Bus session address (DBUS_SESSION_BUS_ADDRESS) is empty (${text})` }
  }
  if (
    /autolaunch D-Bus|Could not connect|DBus\.Error\.(ServiceUnknown|NoServer|FileNotFound|Spawn|NameHasNoOwner)|org\.freedesktop\.secrets|not provided by any \.service|DBUS_SESSION_BUS_ADDRESS/i.test(
      text
    )
  ) {
    return { code: 'no-service', reason: `No Secret Service is reachable on D-Bus (${text})` }
  }
  if (/denied|not allowed|dismissed|cancel|user interaction|authoriz/i.test(text)) {
    return { code: 'denied', reason: `Access to the system keychain was refused (${text})` }
  }
  return { code: 'error', reason: `The system keychain failed (${text})` }
}

/** An error's message, with any of `secrets` redacted and length bounded. */
export function errorText(err: unknown, secrets: string[] = []): string {
  let text = err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error'
  for (const s of secrets) if (s.length > 0) text = text.split(s).join('[redacted]')
  text = text.replace(/\s+/g, ' ').trim()
  if (text.length > 300) text = `${text.slice(0, 300)}…`
  return text.length > 0 ? text : 'unknown error'
}

/** Races `promise` against a timer. The loser is ignored (a late rejection is swallowed). */
export function withTimeout<T, E>(promise: Promise<T>, ms: number, onTimeout: () => E): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms)
    promise.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      }
    )
  })
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
}
