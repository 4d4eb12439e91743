/**
 * The transport's retry arithmetic against the real simulator, on a fake clock: the exact wait
 * before each attempt, which budget a 429 uses, the Retry-After limit, the time reported per
 * attempt, and a cancel that lands the moment the limiter grants a slot.
 * Math.random is pinned to 0.5 where the backoff is measured, so full jitter gives exact waits.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { AdaptiveLimiter, type RequestInfo } from '../../../../src/main/cloutility'
import { connect, recordSends, rejectionOf, startSim, until, useFakeClock, type Sim } from './harness'

let sim: Sim
beforeAll(async () => {
  sim = await startSim({ bunits: 2, consumers: 0 })
})
afterAll(async () => {
  await sim.close()
})
beforeEach(() => {
  sim.faults.reset()
  sim.faults.retryAfterSeconds = 0
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** Signed in (real clock), then on the fake clock with pinned jitter; sends of GET me are timed. */
async function ready(overrides: Parameters<typeof connect>[1] = {}) {
  const sends: number[] = []
  const h = connect(sim, { fetch: recordSends(sends, /\/v1\/me$/), retryBaseMs: 1000, retryCapMs: 60_000, ...overrides })
  await h.client.signIn()
  useFakeClock()
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
  return { ...h, sends, t0: Date.now() }
}

/** Waits for answer number `n` to GET me, then moves the clock `ms`. */
async function afterAnswer(h: Awaited<ReturnType<typeof ready>>, n: number, ms: number): Promise<void> {
  await until(() => h.attempts('GET', /^me$/).length === n, `answer ${n}`)
  await vi.advanceTimersByTimeAsync(ms)
}

describe('backoff waits', () => {
  it('429 retries back off from the base, doubling: base/2, base, 2·base with jitter at 0.5', async () => {
    const h = await ready()
    sim.faults.failNext(3, 429, 'GET /v1/me')
    const me = h.client.me()
    await afterAnswer(h, 1, 499)
    expect(h.sends).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await afterAnswer(h, 2, 1000)
    await afterAnswer(h, 3, 2000)
    await expect(me).resolves.toMatchObject({ email: sim.defaults.username })
    expect(h.sends.map((t) => t - h.t0)).toEqual([0, 500, 1500, 3500])
  })

  it('5xx retries back off the same way, by failure count', async () => {
    const h = await ready()
    sim.faults.failNext(2, 500, 'GET /v1/me')
    const me = h.client.me()
    await afterAnswer(h, 1, 500)
    await afterAnswer(h, 2, 1000)
    await expect(me).resolves.toMatchObject({ email: sim.defaults.username })
    expect(h.sends.map((t) => t - h.t0)).toEqual([0, 500, 1500])
    expect(h.attempts('GET', /^me$/).map((r) => r.status)).toEqual([500, 500, 200])
  })

  it('a 429 leaves the failure budget whole: with one retry, a 5xx after a 429 is still retried', async () => {
    const h = await ready({ maxRetries: 1 })
    sim.faults.failNext(1, 429, 'GET /v1/me')
    sim.faults.failNext(1, 500, 'GET /v1/me')
    const me = h.client.me()
    await afterAnswer(h, 1, 500)
    await afterAnswer(h, 2, 500)
    await expect(me).resolves.toMatchObject({ email: sim.defaults.username })
    expect(h.attempts('GET', /^me$/).map((r) => r.status)).toEqual([429, 500, 200])
  })

  it('a Retry-After of exactly the longest wait allowed is waited out', async () => {
    const h = await ready({ maxRetryAfterSeconds: 2 })
    sim.faults.retryAfterSeconds = 2
    sim.faults.failNext(1, 503, 'GET /v1/me')
    const me = h.client.me()
    await afterAnswer(h, 1, 1999)
    expect(h.sends).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await expect(me).resolves.toMatchObject({ email: sim.defaults.username })
    expect(h.sends.map((t) => t - h.t0)).toEqual([0, 2000])
  })
})

describe('what each attempt reports', () => {
  it('ms is the time the attempt took', async () => {
    const h = connect(sim)
    await h.client.signIn()
    const before = performance.now()
    await h.client.me()
    const took = performance.now() - before
    const info = h.attempts('GET', /^me$/)[0] as RequestInfo
    expect(info.ms).toBeGreaterThanOrEqual(0)
    expect(info.ms).toBeLessThanOrEqual(Math.ceil(took))
  })

  it('a call cancelled just as the limiter grants it a slot sends nothing and reports nothing', async () => {
    const controller = new AbortController()
    const requests: RequestInfo[] = []
    const h = connect(sim, {
      limiter: new AdaptiveLimiter(1),
      onRequest: (info) => {
        requests.push(info)
        // The slot just went to the queued call; its caller gives up before it can use it.
        if (info.path === 'me') controller.abort()
      }
    })
    await h.client.signIn()
    const first = h.client.me()
    const queued = rejectionOf(h.client.fullVersion({ signal: controller.signal }))
    await first
    expect((await queued).kind).toBe('cancelled')
    expect(requests.map((r) => r.path)).toEqual(['oauth', 'me'])
    expect(sim.stats.inFlight).toBe(0)
  })
})
