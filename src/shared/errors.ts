/**
 * The one error shape that crosses process boundaries (IPC, the browser host's HTTP bridge).
 * Plain data only: never a stack trace, never a secret.
 */
export const ERROR_KINDS = [
  'invalid-input', // the caller sent something malformed (IPC payload, form, file)
  'authentication', // wrong credentials, unknown client ID, origin mismatch, expired session
  'forbidden', // signed in, but not allowed
  'not-found',
  'validation', // the API refused the content (with its message)
  'conflict', // e.g. deleting a unit that still has children, a duplicate node name
  'rate-limited',
  'server', // 5xx
  'network', // unreachable, timeout, dropped connection
  'offline', // the portal is known to be unreachable; a write was refused locally
  'cancelled',
  'keychain', // the OS keychain is missing, locked or refused access
  'storage', // config or cache file problems
  'internal'
] as const

export type DeskErrorKind = (typeof ERROR_KINDS)[number]

export interface DeskErrorShape {
  kind: DeskErrorKind
  message: string
  /** Structured extras the UI can use: field names, HTTP status, retry-after seconds... */
  details?: Record<string, unknown>
}

/** An Error subclass carrying a kind, used on both sides of the boundary. */
export class DeskError extends Error {
  readonly kind: DeskErrorKind
  readonly details?: Record<string, unknown>

  constructor(kind: DeskErrorKind, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'DeskError'
    this.kind = kind
    if (details !== undefined) this.details = details
  }

  toShape(): DeskErrorShape {
    return this.details === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, details: this.details }
  }

  static fromShape(shape: DeskErrorShape): DeskError {
    return new DeskError(shape.kind, shape.message, shape.details)
  }
}

export function isDeskErrorShape(value: unknown): value is DeskErrorShape {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.kind === 'string' &&
    (ERROR_KINDS as readonly string[]).includes(v.kind) &&
    typeof v.message === 'string'
  )
}
