/**
 * One adaptive concurrency limiter per portal (issue 14). Every HTTP attempt to a portal — the
 * sync, the health pass, writes, token grants — takes a slot here first, so all the work aimed at
 * one portal backs off together when it pushes back.
 *
 * AIMD, as TCP does it: the window (calls allowed in flight) starts at the ceiling, is halved on
 * a 429/503 and grows by one per window's worth of successful answers. Halving happens at most
 * once per "congestion episode" (until the answers of calls started after the cut come back, and
 * at least for the Retry-After the portal asked for): a burst of 429s for calls that were already
 * in flight is one signal, not eight. The call that got the 429 itself waits out Retry-After
 * before its retry (transport.ts); the limiter never holds a slot while a call sleeps.
 *
 * The window never exceeds the configured ceiling (default 8, at most 16) and never drops below 1.
 */

export const DEFAULT_CEILING = 8
export const MAX_CEILING = 16

export interface LimiterClock {
  now(): number
}

/** Statuses that mean "too much, slow down". */
const PUSHBACK = new Set([429, 503])

export class AdaptiveLimiter {
  private ceilingValue: number
  /** Current window; fractional so additive increase can grow by 1/window per success. */
  private window: number
  private active = 0
  private readonly waiting: Array<() => void> = []
  /** A pushback is ignored (same episode) until this time and until `episodeSeq` calls answer. */
  private episodeUntil = 0
  private episodeSeq = 0
  private startedSeq = 0
  /** Counters for benchmarks and the log. */
  readonly stats = { pushbacks: 0, cuts: 0, maxActive: 0 }

  constructor(
    ceiling: number = DEFAULT_CEILING,
    private readonly clock: LimiterClock = { now: () => Date.now() }
  ) {
    this.ceilingValue = clampCeiling(ceiling)
    this.window = this.ceilingValue
  }

  get ceiling(): number {
    return this.ceilingValue
  }

  /** Calls allowed in flight right now (whole number, 1..ceiling). */
  get limit(): number {
    return Math.max(1, Math.min(this.ceilingValue, Math.floor(this.window)))
  }

  get inFlight(): number {
    return this.active
  }

  get queued(): number {
    return this.waiting.length
  }

  /** Sets the ceiling (clamped to 1..16); the window follows it down at once, up by growth. */
  setCeiling(value: number): void {
    this.ceilingValue = clampCeiling(value)
    if (this.window > this.ceilingValue) this.window = this.ceilingValue
    if (this.window < 1) this.window = 1
    this.drain()
  }

  /**
   * Waits for a slot. Resolves with a ticket: pass it to `release` when the answer (or the
   * failure) is in. Rejects with `onAbort()` if the signal aborts while waiting.
   */
  acquire(signal?: AbortSignal, onAbort: () => Error = () => new Error('aborted')): Promise<number> {
    if (signal?.aborted) return Promise.reject(onAbort())
    if (this.active < this.limit && this.waiting.length === 0) return Promise.resolve(this.start())
    return new Promise<number>((resolve, reject) => {
      const go = (): void => {
        signal?.removeEventListener('abort', abort)
        resolve(this.start())
      }
      const abort = (): void => {
        const index = this.waiting.indexOf(go)
        if (index >= 0) this.waiting.splice(index, 1)
        reject(onAbort())
      }
      this.waiting.push(go)
      signal?.addEventListener('abort', abort, { once: true })
    })
  }

  /**
   * Gives the slot back and learns from the outcome: `status` of the answer (null when none
   * arrived), `retryAfterSeconds` when the portal said how long to wait.
   */
  release(ticket: number, status: number | null, retryAfterSeconds?: number): void {
    this.active = Math.max(0, this.active - 1)
    if (status !== null && PUSHBACK.has(status)) this.pushback(ticket, retryAfterSeconds)
    else if (status !== null && status < 500) this.grow()
    this.drain()
  }

  private start(): number {
    this.active++
    if (this.active > this.stats.maxActive) this.stats.maxActive = this.active
    return ++this.startedSeq
  }

  private pushback(ticket: number, retryAfterSeconds: number | undefined): void {
    this.stats.pushbacks++
    const now = this.clock.now()
    // Calls started before the last cut answer from the old, larger window: same episode.
    if (ticket <= this.episodeSeq || now < this.episodeUntil) return
    this.stats.cuts++
    this.window = Math.max(1, this.window / 2)
    this.episodeSeq = this.startedSeq
    this.episodeUntil = now + Math.max(0, retryAfterSeconds ?? 0) * 1000
  }

  private grow(): void {
    if (this.window >= this.ceilingValue) return
    this.window = Math.min(this.ceilingValue, this.window + 1 / Math.max(1, Math.floor(this.window)))
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.active < this.limit) this.waiting.shift()?.()
  }
}

function clampCeiling(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_CEILING
  return Math.max(1, Math.min(MAX_CEILING, Math.floor(value)))
}

/**
 * The limiters of every portal this process talks to, keyed by API base URL: two accounts on the
 * same portal (and the sync, health pass and writes of one account) share one limiter.
 */
const limiters = new Map<string, AdaptiveLimiter>()

export function portalLimiter(apiUrl: string): AdaptiveLimiter {
  let limiter = limiters.get(apiUrl)
  if (!limiter) {
    limiter = new AdaptiveLimiter()
    limiters.set(apiUrl, limiter)
  }
  return limiter
}
