import { DeskError, type DeskErrorKind } from '../../shared/errors'
import { classifyNetworkFailure, stageMessage } from './network-failure'

/**
 * The error every client call rejects with. `details` is plain data that may cross IPC: the HTTP
 * status, the API's own status/code/message/developerMessage, the request method and path (never
 * its query, never a header), retryAfter in seconds. Secrets are scrubbed before they get here.
 */
export class CloutilityError extends DeskError {
  /** HTTP status of the final attempt; null when no response arrived. */
  readonly status: number | null
  /** Seconds the portal asked us to wait (rate-limited / 503), when it said so. */
  readonly retryAfter: number | undefined

  constructor(kind: DeskErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, stripUndefined(details))
    this.name = 'CloutilityError'
    this.status = typeof details.status === 'number' ? details.status : null
    this.retryAfter = typeof details.retryAfter === 'number' ? details.retryAfter : undefined
  }
}

export function isCloutilityError(e: unknown): e is CloutilityError {
  return e instanceof CloutilityError
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}

/** Replace every known secret in `text`; the API may echo what we sent (e.g. a password in a validation message). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]')
  return out
}

export interface ApiErrorBody {
  status?: number | string
  code?: string | number
  message?: string
  developerMessage?: string
}

const MAX_TEXT = 500

/**
 * Pull status/code/message/developerMessage out of whatever the portal sent: its documented JSON
 * shape, OAuth's {error, error_description}, ASP.NET's {Message, ExceptionMessage}, a JSON string
 * or plain text. HTML error pages are ignored (useless to a technician).
 */
export function parseErrorBody(text: string, secrets: readonly string[]): ApiErrorBody {
  const clean = (v: unknown): string | undefined => {
    if (typeof v !== 'string') return undefined
    const t = v.trim()
    return t.length === 0 ? undefined : redact(t.slice(0, MAX_TEXT), secrets)
  }
  const trimmed = text.trim()
  if (trimmed.length === 0) return {}
  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    if (trimmed.startsWith('<')) return {}
    const message = clean(trimmed)
    return message === undefined ? {} : { message }
  }
  if (typeof json === 'string') {
    const message = clean(json)
    return message === undefined ? {} : { message }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {}
  const o = json as Record<string, unknown>
  const out: ApiErrorBody = {}
  if (typeof o.status === 'number' || typeof o.status === 'string') out.status = o.status
  const code = o.code ?? o.error
  if (typeof code === 'number') out.code = code
  else if (typeof code === 'string') out.code = clean(code)
  const message =
    clean(o.message) ?? clean(o.Message) ?? clean(o.error_description) ?? clean(o.title) ?? clean(o.detail) ?? clean(o.error)
  if (message !== undefined) out.message = message
  const dev = clean(o.developerMessage) ?? clean(o.ExceptionMessage) ?? clean(o.MessageDetail)
  if (dev !== undefined) out.developerMessage = dev
  return out
}

export function kindForStatus(status: number): DeskErrorKind {
  if (status === 401) return 'authentication'
  if (status === 403) return 'forbidden'
  if (status === 404 || status === 410) return 'not-found'
  if (status === 409) return 'conflict'
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'server'
  return 'validation'
}

export interface ResponseErrorInput {
  status: number
  bodyText: string
  method: string
  path: string
  retryAfter?: number
  secrets: readonly string[]
  /** OAuth endpoint: a 400 there means bad credentials, not bad content. */
  auth?: boolean
}

export function errorFromResponse(i: ResponseErrorInput): CloutilityError {
  const body = parseErrorBody(i.bodyText, i.secrets)
  const kind: DeskErrorKind = i.auth && (i.status === 400 || i.status === 401) ? 'authentication' : kindForStatus(i.status)
  // The portal's own sentence is quoted inside ours: drop its final period so ours ends it once.
  const api = body.message?.replace(/[.\s]+$/, '') || undefined
  let message: string
  switch (kind) {
    case 'authentication':
      message = i.auth
        ? `Sign-in refused by the portal${api ? `: ${api}` : ''}. Check the username, password, client ID and origin.`
        : `The portal no longer accepts this session${api ? `: ${api}` : ''}.`
      break
    case 'forbidden':
      message = `Your portal account is not allowed to do this${api ? `: ${api}` : ''}.`
      break
    case 'not-found':
      message = body.message ?? `Not found on the portal (${i.method} ${i.path}).`
      break
    case 'rate-limited':
      message = `The portal is rate-limiting requests${i.retryAfter !== undefined ? `; try again in ${Math.ceil(i.retryAfter)} s` : ''}.`
      break
    case 'server':
      message = `The portal failed with HTTP ${i.status}${api ? `: ${api}` : ''}.`
      break
    default:
      message = body.message ?? `The portal refused the request (HTTP ${i.status}).`
  }
  return new CloutilityError(kind, message, {
    status: i.status,
    method: i.method,
    path: i.path,
    retryAfter: i.retryAfter,
    apiStatus: body.status,
    code: body.code,
    apiMessage: body.message,
    developerMessage: body.developerMessage
  })
}

export function cancelledError(method: string, path: string): CloutilityError {
  return new CloutilityError('cancelled', 'The request was cancelled.', { method, path })
}

/** Node/undici network failure codes that mean "the portal cannot be reached at all". */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])
/** Failures where retrying cannot help (bad DNS name, TLS trust problems). */
const PERMANENT = /^(ENOTFOUND|ERR_TLS_CERT_ALTNAME_INVALID|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_INVALID_URL)/

export function networkErrorCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code.length > 0) return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

export function isRetryableNetworkError(err: unknown): boolean {
  // A name that does not resolve or a certificate we do not trust will not change on a retry.
  const { stage } = classifyNetworkFailure(err)
  if (stage === 'dns' || stage === 'tls') return false
  const code = networkErrorCode(err)
  return code === undefined || !PERMANENT.test(code)
}

export function networkError(err: unknown, method: string, path: string): CloutilityError {
  // `stage` says where it broke (dns, proxy, tls, connect); `certificate` names a refused certificate.
  const { stage, code: stageCode, certificate } = classifyNetworkFailure(err)
  const code = networkErrorCode(err) ?? stageCode
  const base = { method, path, code: stageCode ?? code, stage, ...(certificate ? { certificate } : {}) }
  if (stage === 'dns' || stage === 'proxy' || stage === 'tls') {
    return new CloutilityError('network', stageMessage(stage, stageCode, certificate), { ...base, ...(stage === 'dns' ? { unreachable: true } : {}) })
  }
  if (code !== undefined && UNREACHABLE.has(code)) {
    return new CloutilityError('network', 'The portal is unreachable. Check the API URL and your network connection.', { ...base, code, unreachable: true })
  }
  return new CloutilityError('network', 'The connection to the portal failed or was dropped.', { ...base, code })
}

/** A redirect the client will not follow (another origin, a loop, no Location). Nothing was re-sent. */
export function redirectError(method: string, path: string, status: number, target: string | null): CloutilityError {
  const where = target === null ? 'an unknown address' : target
  return new CloutilityError(
    'server',
    `The portal answered ${status} and redirected to ${where}. Cloutility Desk does not follow redirects away from the portal's address (your credentials would go there); check the API URL.`,
    { method, path, status, code: 'REDIRECT_REFUSED', ...(target !== null ? { redirectOrigin: target } : {}) }
  )
}

export function timeoutError(method: string, path: string, timeoutMs: number): CloutilityError {
  return new CloutilityError('network', `The portal did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
    method,
    path,
    code: 'TIMEOUT',
    timeoutMs
  })
}

export function unexpectedResponseError(method: string, path: string, issues: string[]): CloutilityError {
  return new CloutilityError('server', 'The portal sent a response this app does not understand.', {
    method,
    path,
    code: 'UNEXPECTED_RESPONSE',
    issues: issues.slice(0, 5)
  })
}

export function invalidInput(message: string, details?: Record<string, unknown>): CloutilityError {
  return new CloutilityError('invalid-input', message, details)
}
