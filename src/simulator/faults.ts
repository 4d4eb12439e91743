/**
 * Fault injection. Tests prefer the deterministic "next N requests" knobs;
 * the rate knobs draw from a seeded PRNG so a seed reproduces a run.
 */
import type { AuthStore } from './auth'
import { createPrng, type Prng } from './prng'

export interface FaultControls {
  /** Added before every response, plus up to jitterMs. */
  latencyMs: number
  jitterMs: number
  /** Share (0..1) of requests answered 500 or 503. */
  errorRate: number
  /** Share (0..1) of requests answered 429 with Retry-After. */
  rate429: number
  /** Retry-After value sent with 429 (and injected 503) answers. */
  retryAfterSeconds: number
  /** Share (0..1) of requests whose socket is destroyed without an answer. */
  dropRate: number
  /** Refuse service: every connection is destroyed at once. */
  offline: boolean
  /** Extra delay of `filespaces?tsmSync=true` (a sync with the SP server is slow). */
  tsmSyncDelayMs: number
  /** Answer the next n requests (optionally only those whose "METHOD /v1/path" matches) with status. */
  failNext(n: number, status?: number, match?: string | RegExp): void
  /** Destroy the socket of the next n (matching) requests without answering. */
  dropNext(n: number, match?: string | RegExp): void
  /**
   * Act on the next n (matching) requests, then destroy the socket instead of answering: the
   * portal did the work, the client never hears of it (issue 14, lost answers).
   */
  dropAnswerNext(n: number, match?: string | RegExp): void
  /** Every access token issued so far expires now (clients must refresh or sign in again). */
  expireAllTokens(): void
  /** Back to no faults at all (latency 0, rates 0, queues empty, online). */
  reset(): void
}

export type FaultDecision =
  | { kind: 'drop' }
  | { kind: 'drop-answer' }
  | { kind: 'fail'; status: number; retryAfterSeconds?: number }
  | null

interface Pending {
  remaining: number
  match?: string | RegExp
  status?: number // undefined = drop
  /** Act first, then drop (only with status undefined). */
  afterActing?: boolean
}

export class FaultState implements FaultControls {
  latencyMs = 0
  jitterMs = 0
  errorRate = 0
  rate429 = 0
  retryAfterSeconds = 1
  dropRate = 0
  offline = false
  tsmSyncDelayMs = 150
  private queue: Pending[] = []
  private readonly rng: Prng

  constructor(
    seed: number,
    private readonly auth: AuthStore
  ) {
    this.rng = createPrng(seed ^ 0x5eed)
  }

  failNext(n: number, status = 500, match?: string | RegExp): void {
    if (!Number.isInteger(n) || n < 0) throw new Error('failNext: n must be a non-negative integer')
    if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error('failNext: bad status')
    this.queue.push({ remaining: n, status, match })
  }

  dropNext(n: number, match?: string | RegExp): void {
    if (!Number.isInteger(n) || n < 0) throw new Error('dropNext: n must be a non-negative integer')
    this.queue.push({ remaining: n, match })
  }

  dropAnswerNext(n: number, match?: string | RegExp): void {
    if (!Number.isInteger(n) || n < 0) throw new Error('dropAnswerNext: n must be a non-negative integer')
    this.queue.push({ remaining: n, match, afterActing: true })
  }

  expireAllTokens(): void {
    this.auth.expireAll()
  }

  reset(): void {
    this.latencyMs = 0
    this.jitterMs = 0
    this.errorRate = 0
    this.rate429 = 0
    this.dropRate = 0
    this.offline = false
    this.queue = []
  }

  delayMs(): number {
    const jitter = this.jitterMs > 0 ? this.rng.next() * this.jitterMs : 0
    return Math.max(0, this.latencyMs + jitter)
  }

  /** What to do with this request, before it reaches a handler. */
  decide(method: string, path: string): FaultDecision {
    const target = `${method} ${path}`
    for (const p of this.queue) {
      if (p.remaining <= 0 || !matches(p.match, target)) continue
      p.remaining--
      this.queue = this.queue.filter((q) => q.remaining > 0)
      if (p.status === undefined) return { kind: p.afterActing ? 'drop-answer' : 'drop' }
      return p.status === 429 || p.status === 503
        ? { kind: 'fail', status: p.status, retryAfterSeconds: this.retryAfterSeconds }
        : { kind: 'fail', status: p.status }
    }
    if (this.dropRate > 0 && this.rng.chance(this.dropRate)) return { kind: 'drop' }
    if (this.rate429 > 0 && this.rng.chance(this.rate429)) {
      return { kind: 'fail', status: 429, retryAfterSeconds: this.retryAfterSeconds }
    }
    if (this.errorRate > 0 && this.rng.chance(this.errorRate)) {
      return this.rng.chance(0.5)
        ? { kind: 'fail', status: 500 }
        : { kind: 'fail', status: 503, retryAfterSeconds: this.retryAfterSeconds }
    }
    return null
  }
}

function matches(match: string | RegExp | undefined, target: string): boolean {
  if (match === undefined) return true
  return typeof match === 'string' ? target.includes(match) : match.test(target)
}
