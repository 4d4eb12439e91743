import {
  CloutilityError,
  cancelledError,
  isRetryableNetworkError,
  networkError,
  redirectError,
  timeoutError
} from './errors'
import type { RequestInfo } from './options'
import type { AdaptiveLimiter } from './limiter'
import { backoffMs, parseRetryAfter, sleep } from './retry'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'
export type QueryValue = string | number | boolean | Date | undefined | ReadonlyArray<string | number>

export interface HttpRequest {
  method: HttpMethod
  /** Below the API base, no leading slash: "bunits/5/consumers". */
  path: string
  query?: Record<string, QueryValue>
  headers?: Record<string, string>
  body?: string
  /** May this request be sent again after a failure the server may or may not have acted on? */
  retry: boolean
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  retryAfter: number | undefined
  /** An earlier attempt got no answer: the portal may have acted on it (issue 14, lost answers). */
  afterLostAttempt?: boolean
}

export interface TransportConfig {
  baseUrl: string
  origin: string
  /** The transport seam: Node's fetch through undici, or Electron's net.fetch (see src/main/network). */
  fetch: typeof fetch
  timeoutMs: number
  maxRetries: number
  retryBaseMs: number
  retryCapMs: number
  maxRetryAfterSeconds: number
  /** Retries of answers 429 (the portal did not act on them), counted apart from maxRetries. */
  maxRateLimitRetries?: number
  /** The portal's shared concurrency limiter (limiter.ts): one slot per attempt in flight. */
  limiter?: AdaptiveLimiter
  now: () => number
  onRequest?: (info: RequestInfo) => void
}

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

/** Statuses that mean "not handled, try again later". */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504])

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(path, baseUrl)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue
    const values = Array.isArray(value) ? value : [value]
    for (const v of values) url.searchParams.append(key, v instanceof Date ? v.toISOString() : String(v))
  }
  return url.toString()
}

/**
 * One logical HTTP exchange: Origin on every attempt, a per-attempt timeout combined with the
 * caller's signal, and bounded retries (full-jitter backoff, Retry-After honoured) for requests
 * marked retryable. Non-2xx responses are returned, not thrown: the caller knows what they mean.
 */
export class Transport {
  constructor(private readonly cfg: TransportConfig) {}

  get baseUrl(): string {
    return this.cfg.baseUrl
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const { cfg } = this
    const url = buildUrl(cfg.baseUrl, req.path, req.query)
    const headers: Record<string, string> = { Accept: 'application/json', Origin: cfg.origin, ...req.headers }
    const cancelled = (): CloutilityError => cancelledError(req.method, req.path)
    const attempts = req.retry ? cfg.maxRetries + 1 : 1
    // A 429 was refused before anything happened, so even a POST may be sent again; those
    // retries have their own budget so a rate-limit storm does not eat the one for failures.
    const rateLimitRetries = cfg.maxRateLimitRetries ?? 0
    let rateLimited = 0
    let counted = 0 // attempts that count against `attempts`
    let lost = false

    for (let attempt = 1; ; attempt++) {
      counted++
      if (req.signal?.aborted) throw cancelled()
      const ticket = cfg.limiter ? await cfg.limiter.acquire(req.signal, cancelled) : 0
      if (req.signal?.aborted) {
        cfg.limiter?.release(ticket, null)
        throw cancelled()
      }
      const timeout = AbortSignal.timeout(cfg.timeoutMs)
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
      const started = performance.now()
      let response: HttpResponse | undefined
      let failure: CloutilityError | undefined
      let retryableFailure = false
      try {
        const res = await this.fetchFollowingSameOrigin(url, req, headers, signal)
        const text = await res.text()
        response = { status: res.status, headers: res.headers, text, retryAfter: parseRetryAfter(res.headers.get('retry-after'), cfg.now()) }
      } catch (err) {
        cfg.limiter?.release(ticket, null)
        if (err instanceof CloutilityError) throw err
        if (req.signal?.aborted) {
          this.report(req, null, started, attempt)
          throw cancelled()
        }
        if (timeout.aborted) {
          failure = timeoutError(req.method, req.path, cfg.timeoutMs)
          retryableFailure = true
        } else {
          failure = networkError(err, req.method, req.path)
          retryableFailure = isRetryableNetworkError(err)
        }
      }
      if (response !== undefined) cfg.limiter?.release(ticket, response.status, response.retryAfter)
      this.report(req, response?.status ?? null, started, attempt)

      const canRetry = counted < attempts
      if (failure !== undefined) {
        if (!canRetry || !retryableFailure) throw failure
        lost = true
        await sleep(backoffMs(counted - 1, cfg.retryBaseMs, cfg.retryCapMs), req.signal, cancelled)
        continue
      }
      const res: HttpResponse = lost ? { ...(response as HttpResponse), afterLostAttempt: true } : (response as HttpResponse)
      const rateLimitRetry = res.status === 429 && rateLimited < rateLimitRetries
      if (rateLimitRetry) {
        rateLimited++
        counted-- // does not use up the budget for failures
      } else if (!canRetry || !RETRYABLE_STATUS.has(res.status)) return res
      let delayMs = backoffMs(rateLimitRetry ? Math.min(rateLimited - 1, 5) : counted - 1, cfg.retryBaseMs, cfg.retryCapMs)
      if (res.retryAfter !== undefined) {
        // A wait longer than we are willing to block for goes back to the caller as rate-limited.
        if (res.retryAfter > cfg.maxRetryAfterSeconds) return res
        delayMs = Math.max(res.retryAfter * 1000, delayMs)
      }
      await sleep(delayMs, req.signal, cancelled)
    }
  }

  /**
   * Redirects are followed by hand, and only within the portal's own origin: a redirect elsewhere
   * would carry the password (token POST), the bearer token and our Origin to a third party, so it
   * ends the call with an error instead. 303 (and 301/302 after a POST) continue as a bodiless GET.
   */
  private async fetchFollowingSameOrigin(url: string, req: HttpRequest, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
    const portalOrigin = new URL(this.cfg.baseUrl).origin
    let target = url
    let method: string = req.method
    let body = req.body
    let hopHeaders = headers
    for (let hop = 0; ; hop++) {
      const res = await this.cfg.fetch(target, { method, headers: hopHeaders, body, signal, redirect: 'manual' })
      if (!REDIRECT_STATUS.has(res.status) && res.type !== 'opaqueredirect') return res
      await res.body?.cancel().catch(() => undefined)
      const location = res.headers.get('location')
      let next: URL | null
      try {
        next = location ? new URL(location, target) : null
      } catch {
        next = null
      }
      if (next === null || next.origin !== portalOrigin) throw redirectError(req.method, req.path, res.status, next === null ? null : next.origin)
      if (hop >= MAX_REDIRECTS) throw redirectError(req.method, req.path, res.status, `${next.origin} (more than ${MAX_REDIRECTS} redirects)`)
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
        hopHeaders = Object.fromEntries(Object.entries(hopHeaders).filter(([k]) => k.toLowerCase() !== 'content-type'))
      }
      target = next.toString()
    }
  }

  private report(req: HttpRequest, status: number | null, started: number, attempt: number): void {
    if (!this.cfg.onRequest) return
    try {
      this.cfg.onRequest({ method: req.method, path: req.path, status, ms: Math.round(performance.now() - started), attempt })
    } catch {
      // A metrics hook must never break a request.
    }
  }
}
