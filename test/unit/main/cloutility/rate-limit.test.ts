/**
 * The client under rate limiting (issue 14), on a fake clock: Retry-After is waited out exactly
 * (no real seconds), 429 retries do not use up the failure budget, and every attempt to a portal
 * goes through its limiter. `fetch` is a stand-in here because the point is the timing, which a
 * real server cannot show without real waiting; the simulator tests cover the same paths live.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AdaptiveLimiter, CloutilityClient } from '../../../../src/main/cloutility'

type Answer = { status: number; body: unknown; retryAfter?: string }

/** A portal stand-in: oauth always works; `fullVersion` answers from the script, then 200. */
function fakePortal(script: Answer[]) {
  const calls: number[] = []
  let inFlight = 0
  let maxInFlight = 0
  const pending: (() => void)[] = []
  let hold = false
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input)
    if (url.endsWith('/oauth')) return Response.json({ access_token: 'a', refresh_token: 'r', expires_in: 3600 })
    calls.push(Date.now())
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    if (hold) await new Promise<void>((resolve) => pending.push(resolve))
    inFlight--
    const next = script.shift() ?? { status: 200, body: '1.0.4480.0' }
    return new Response(JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': 'application/json', ...(next.retryAfter ? { 'retry-after': next.retryAfter } : {}) }
    })
  }) as typeof globalThis.fetch
  return {
    fetch,
    calls,
    maxInFlight: () => maxInFlight,
    holdAnswers: () => void (hold = true),
    releaseAll: () => {
      hold = false
      for (const r of pending.splice(0)) r()
    }
  }
}

function clientFor(fetch: typeof globalThis.fetch, extra: Partial<ConstructorParameters<typeof CloutilityClient>[0]> = {}) {
  return new CloutilityClient({
    apiUrl: 'http://127.0.0.1:9/v1/',
    clientId: 'c',
    origin: 'http://localhost',
    username: 'u',
    getPassword: async () => 'p',
    fetch,
    retryBaseMs: 0,
    limiter: new AdaptiveLimiter(8),
    ...extra
  })
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 1_000_000 })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('rate limiting on a fake clock', () => {
  it('waits out each Retry-After exactly, and 429s do not use up the failure budget', async () => {
    const portal = fakePortal([
      { status: 429, body: { message: 'slow down' }, retryAfter: '1' },
      { status: 429, body: { message: 'slow down' }, retryAfter: '2' },
      { status: 429, body: { message: 'slow down' }, retryAfter: '1' }
    ])
    const limiter = new AdaptiveLimiter(8)
    const client = clientFor(portal.fetch, { maxRetries: 0, limiter })
    const version = client.fullVersion()
    await vi.advanceTimersByTimeAsync(0)
    expect(portal.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(999)
    expect(portal.calls).toHaveLength(1) // not a millisecond early
    await vi.advanceTimersByTimeAsync(1)
    expect(portal.calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(2000)
    expect(portal.calls).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1000)
    await expect(version).resolves.toBe('1.0.4480.0')
    expect(portal.calls.map((t) => t - portal.calls[0]!)).toEqual([0, 1000, 3000, 4000])
    // The portal pushed back: the window was cut (once per episode) and is climbing back.
    expect(limiter.stats.pushbacks).toBe(3)
    expect(limiter.limit).toBeLessThan(8)
  })

  it('a storm longer than the 429 budget ends as rate-limited', async () => {
    const portal = fakePortal(Array.from({ length: 5 }, () => ({ status: 429, body: {}, retryAfter: '1' })))
    const client = clientFor(portal.fetch, { maxRateLimitRetries: 2, maxRetries: 0 })
    const version = client.fullVersion().catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(5000)
    expect(await version).toMatchObject({ kind: 'rate-limited', retryAfter: 1 })
    expect(portal.calls).toHaveLength(3)
  })

  it('never has more calls in flight than the limiter allows', async () => {
    const portal = fakePortal([])
    const client = clientFor(portal.fetch, { limiter: new AdaptiveLimiter(2) })
    await client.signIn()
    portal.holdAnswers()
    const all = Promise.all(Array.from({ length: 6 }, () => client.fullVersion()))
    await vi.advanceTimersByTimeAsync(10)
    expect(portal.calls).toHaveLength(2)
    portal.releaseAll()
    await vi.advanceTimersByTimeAsync(10)
    portal.releaseAll()
    await vi.advanceTimersByTimeAsync(10)
    portal.releaseAll()
    await all
    expect(portal.calls).toHaveLength(6)
    expect(portal.maxInFlight()).toBe(2)
  })
})
