/** What identifies one portal account; safe to store in config and show in the UI (no secrets). */
export interface CloutilityConnection {
  /** As typed by the user; the client keeps the normalized form ("https://host/v1/"). */
  apiUrl: string
  clientId: string
  origin: string
  username: string
}

export interface RequestInfo {
  method: string
  /** Path below the API base, without the query string (queries may carry names and comments). */
  path: string
  /** HTTP status, or null when no response arrived (network error, timeout, cancel). */
  status: number | null
  ms: number
  /** 1-based attempt number within one logical call. */
  attempt: number
}

export interface ClientOptions extends CloutilityConnection {
  /** Called when a password grant is needed (first sign-in, or the refresh token was refused). */
  getPassword: () => Promise<string>
  /** Restored from the keychain. */
  refreshToken?: string
  /** Persist a new or changed refresh token. */
  onRefreshToken?: (token: string) => void | Promise<void>
  /** The transport seam (src/main/network builds one per account); default: global fetch. */
  fetch?: typeof fetch
  /** Accept a plain-http API URL on a non-loopback host (the account's explicit opt-in). */
  allowInsecureHttp?: boolean
  /** Per attempt; default 30000. */
  timeoutMs?: number
  /** Retries after the first attempt for idempotent requests; default 4. */
  maxRetries?: number
  /** Backoff base (full jitter), default 250 ms, capped at retryCapMs. */
  retryBaseMs?: number
  /** Backoff cap, default 8000 ms. */
  retryCapMs?: number
  /** A Retry-After longer than this is not waited out: the call fails as rate-limited instead. Default 60 s. */
  maxRetryAfterSeconds?: number
  /** Retries of 429 answers (refused, so safe even for a POST), apart from maxRetries; default 12. */
  maxRateLimitRetries?: number
  /** Ceiling of calls in flight to this portal (shared limiter, default 8, at most 16). */
  maxConcurrency?: number
  /** Use this limiter instead of the portal's shared one (tests). */
  limiter?: import('./limiter').AdaptiveLimiter
  /** Refresh this long before expiry; default 30 (never more than half the token lifetime). */
  refreshSkewSeconds?: number
  /** Metrics hook, once per HTTP attempt. Never sees tokens. */
  onRequest?: (info: RequestInfo) => void
  /** Injectable clock (ms since epoch) for token expiry and Retry-After dates. */
  now?: () => number
}

export interface CallOptions {
  signal?: AbortSignal
}
