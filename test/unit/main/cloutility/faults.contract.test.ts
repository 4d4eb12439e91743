import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { connect, recordSends, rejectionOf, startSim, track, until, useFakeClock, type Sim } from './harness'

let sim: Sim
let rootId: number
beforeAll(async () => {
  sim = await startSim()
  rootId = (await connect(sim).client.bunits.tree()).id
})
afterAll(async () => {
  await sim.close()
})
beforeEach(() => {
  sim.faults.reset()
  sim.faults.retryAfterSeconds = 1
})

/** A signed-in harness, so the fault under test hits the API call and not the sign-in. */
async function ready(overrides: Parameters<typeof connect>[1] = {}) {
  const h = connect(sim, overrides)
  await h.client.signIn()
  return h
}

describe('retries of idempotent requests', () => {
  it('5xx answers to a GET are retried until it succeeds', async () => {
    const h = await ready()
    sim.faults.failNext(1, 500, 'GET /v1/bunits/')
    sim.faults.failNext(1, 502, 'GET /v1/bunits/')
    sim.faults.failNext(1, 504, 'GET /v1/bunits/')
    const unit = await h.client.bunits.get(rootId)
    expect(unit.id).toBe(rootId)
    expect(h.attempts('GET', /^bunits\/\d+$/).map((r) => r.status)).toEqual([500, 502, 504, 200])
  })

  it('PUT and DELETE are retried too', async () => {
    const h = await ready()
    const c = await h.client.consumers.create(rootId, { name: 'retry-me' })
    sim.faults.failNext(2, 503, `PUT /v1/bunits/${rootId}/consumers/${c.id}`)
    sim.faults.retryAfterSeconds = 0
    expect(await h.client.consumers.update(rootId, c.id, { note: 'ok' })).toMatchObject({ note: 'ok' })
    sim.faults.dropNext(1, `DELETE /v1/bunits/${rootId}/consumers/${c.id}`)
    await h.client.consumers.delete(rootId, c.id)
    expect(h.attempts('DELETE', /consumers\/\d+$/).map((r) => r.status)).toEqual([null, 204])
  })

  it('retries are bounded: a persistent 503 ends as a server error after maxRetries', async () => {
    const h = await ready({ maxRetries: 2 })
    sim.faults.retryAfterSeconds = 0
    sim.faults.failNext(10, 503, 'GET /v1/me')
    const e = await rejectionOf(h.client.me())
    expect(e.kind).toBe('server')
    expect(e.details).toMatchObject({ status: 503 })
    expect(h.attempts('GET', /^me$/)).toHaveLength(3)
  })

  it('dropped connections are retried for a GET', async () => {
    const h = await ready()
    sim.faults.dropNext(2, 'GET /v1/bunits')
    const tree = await h.client.bunits.tree()
    expect(tree.id).toBe(rootId)
    expect(h.attempts('GET', /^bunits$/).map((r) => r.status)).toEqual([null, null, 200])
  })

  it('survives a noisy portal: 30% errors and drops on every call', async () => {
    const h = await ready({ maxRetries: 10, retryCapMs: 20 })
    sim.faults.errorRate = 0.2
    sim.faults.dropRate = 0.1
    sim.faults.retryAfterSeconds = 0
    const results = await Promise.all(Array.from({ length: 30 }, () => h.client.bunits.get(rootId)))
    expect(results.every((u) => u.id === rootId)).toBe(true)
    expect(h.requests.some((r) => r.status === null || (r.status ?? 0) >= 500)).toBe(true)
  })
})

describe('POST is never retried automatically', () => {
  it('a 500 on create fails once and creates nothing twice', async () => {
    const h = await ready()
    const before = (await h.client.consumers.list(rootId)).length
    sim.faults.failNext(1, 500, `POST /v1/bunits/${rootId}/consumers`)
    const e = await rejectionOf(h.client.consumers.create(rootId, { name: 'only-once' }))
    expect(e.kind).toBe('server')
    expect(h.attempts('POST', /consumers$/)).toHaveLength(1)
    expect((await h.client.consumers.list(rootId)).length).toBe(before)
  })

  it('a dropped POST is a network error, not a retry', async () => {
    const h = await ready()
    sim.faults.dropNext(1, `POST /v1/bunits/${rootId}/consumers`)
    const e = await rejectionOf(h.client.consumers.create(rootId, { name: 'dropped' }))
    expect(e.kind).toBe('network')
    expect(h.attempts('POST', /consumers$/)).toHaveLength(1)
  })

  it('a 429 on a POST was refused, not acted on: it is sent again and creates exactly one', async () => {
    const h = await ready()
    sim.faults.retryAfterSeconds = 0
    sim.faults.failNext(1, 429, `POST /v1/bunits/${rootId}/consumers`)
    const created = await h.client.consumers.create(rootId, { name: 'limited' })
    expect(h.attempts('POST', /consumers$/).map((r) => r.status)).toEqual([429, 200])
    const all = await h.client.consumers.list(rootId)
    expect(all.filter((c) => c.name === 'limited').map((c) => c.id)).toEqual([created.id])
  })

  it('a 429 on a POST past the rate-limit budget is reported as rate-limited with retryAfter', async () => {
    const h = await ready({ maxRateLimitRetries: 0 })
    sim.faults.failNext(1, 429, `POST /v1/bunits/${rootId}/consumers`)
    const e = await rejectionOf(h.client.consumers.create(rootId, { name: 'limited-2' }))
    expect(e).toMatchObject({ kind: 'rate-limited', retryAfter: 1 })
    expect(h.attempts('POST', /consumers$/)).toHaveLength(1)
  })

  it('the token endpoint itself is retried (it creates nothing twice)', async () => {
    const h = connect(sim)
    sim.faults.failNext(1, 503, 'POST /v1/oauth')
    sim.faults.retryAfterSeconds = 0
    await h.client.signIn()
    expect(h.attempts('POST', /^oauth$/).map((r) => r.status)).toEqual([503, 200])
  })
})

describe('rate limiting, on a fake clock (exact waits, no real seconds)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('a 429 storm ends: each Retry-After is waited out exactly before the call is sent again', async () => {
    const sends: number[] = []
    const h = await ready({ fetch: recordSends(sends, /\/v1\/me$/) })
    useFakeClock()
    const t0 = Date.now()
    sim.faults.failNext(2, 429, 'GET /v1/me')
    const me = h.client.me()
    for (let answered = 1; answered <= 2; answered++) {
      await until(() => h.attempts('GET', /^me$/).length === answered, `429 number ${answered}`)
      await vi.advanceTimersByTimeAsync(999)
      expect(sends).toHaveLength(answered) // Retry-After: 1 not over yet: nothing sent
      await vi.advanceTimersByTimeAsync(1)
      expect(sends).toHaveLength(answered + 1) // sent again the moment it is
    }
    await expect(me).resolves.toMatchObject({ email: sim.defaults.username })
    expect(h.attempts('GET', /^me$/).map((r) => r.status)).toEqual([429, 429, 200])
    expect(sends.map((t) => t - t0)).toEqual([0, 1000, 2000])
  })

  it('a storm that does not end is bounded and surfaces retryAfter', async () => {
    const sends: number[] = []
    const h = await ready({ maxRetries: 1, maxRateLimitRetries: 0, fetch: recordSends(sends, /\/v1\/me$/) })
    useFakeClock()
    const t0 = Date.now()
    sim.faults.failNext(5, 429, 'GET /v1/me')
    const failed = track(rejectionOf(h.client.me()))
    await until(() => h.attempts('GET', /^me$/).length === 1, 'the first 429')
    await vi.advanceTimersByTimeAsync(999)
    expect(sends).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(sends).toHaveLength(2)
    await until(failed.settled, 'the call to give up')
    const e = await failed.promise
    expect(e).toMatchObject({ kind: 'rate-limited', retryAfter: 1 })
    expect(e.details).toMatchObject({ status: 429, retryAfter: 1 })
    expect(sends.map((t) => t - t0)).toEqual([0, 1000])
  })

  it('a Retry-After longer than we will wait is returned at once, without waiting at all', async () => {
    const h = await ready({ maxRetryAfterSeconds: 5 })
    useFakeClock()
    const t0 = Date.now()
    sim.faults.retryAfterSeconds = 120
    sim.faults.failNext(1, 429, 'GET /v1/me')
    const failed = track(rejectionOf(h.client.me()))
    // Settles while the clock stands still (a client that slept would never get there).
    await until(failed.settled, 'the call to give up')
    expect(await failed.promise).toMatchObject({ kind: 'rate-limited', retryAfter: 120 })
    expect(Date.now()).toBe(t0)
    expect(h.attempts('GET', /^me$/)).toHaveLength(1)
  })
})

describe('cancellation and timeouts', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('an already aborted signal sends nothing', async () => {
    const h = await ready()
    const n = h.requests.length
    const e = await rejectionOf(h.client.me({ signal: AbortSignal.abort() }))
    expect(e.kind).toBe('cancelled')
    expect(h.requests.length).toBe(n)
  })

  it('aborting an in-flight request cancels it at once, without retry', async () => {
    const controller = new AbortController()
    const h = await ready({
      // Abort as soon as the API call (not the sign-in) is on the wire.
      fetch: (input, init) => {
        const p = fetch(input, init)
        if (String(input).endsWith('/v1/bunits')) controller.abort()
        return p
      }
    })
    useFakeClock()
    const t0 = Date.now()
    sim.faults.latencyMs = 3000 // on the fake clock: the answer never comes while it stands still
    const call = track(rejectionOf(h.client.bunits.tree({ signal: controller.signal })))
    await until(call.settled, 'the cancellation')
    expect((await call.promise).kind).toBe('cancelled')
    expect(Date.now()).toBe(t0)
    expect(h.attempts('GET', /^bunits$/)).toHaveLength(1)
  })

  it('aborting during a backoff wait cancels at once', async () => {
    const h = await ready()
    useFakeClock()
    const t0 = Date.now()
    sim.faults.retryAfterSeconds = 30
    sim.faults.failNext(1, 503, 'GET /v1/me')
    const controller = new AbortController()
    const call = track(rejectionOf(h.client.me({ signal: controller.signal })))
    await until(() => h.attempts('GET', /^me$/).length === 1, 'the 503')
    await vi.advanceTimersByTimeAsync(10_000) // a third of the way through the wait
    expect(call.settled()).toBe(false)
    controller.abort()
    await until(call.settled, 'the cancellation')
    expect((await call.promise).kind).toBe('cancelled')
    expect(Date.now() - t0).toBe(10_000) // the rest of the 30 s was not waited
    await vi.advanceTimersByTimeAsync(30_000)
    expect(h.attempts('GET', /^me$/)).toHaveLength(1) // and nothing is sent when it would have ended
  })

  it('one caller cancelling does not fail others sharing the same sign-in', async () => {
    useFakeClock()
    sim.faults.latencyMs = 200
    const h = connect(sim)
    const controller = new AbortController()
    const cancelled = h.client.me({ signal: controller.signal })
    const other = track(h.client.fullVersion())
    controller.abort()
    expect((await rejectionOf(cancelled)).kind).toBe('cancelled')
    // The shared sign-in goes on: its answer, then the other call's, each after the latency.
    await until(() => sim.stats.inFlight === 1, 'the sign-in to reach the portal')
    await vi.advanceTimersByTimeAsync(200)
    await until(() => h.oauthCalls() === 1 && sim.stats.inFlight === 1, 'the other call to reach the portal')
    await vi.advanceTimersByTimeAsync(200)
    await until(other.settled, 'the other call')
    expect(await other.promise).toMatch(/\d/)
    expect(h.oauthCalls()).toBe(1)
    expect(h.attempts('GET', /^me$/)).toHaveLength(0)
  })

  it('a slow portal times out per attempt and is retried, then reported as network', async () => {
    const h = await ready({ timeoutMs: 100, maxRetries: 1 })
    sim.faults.latencyMs = 400
    const e = await rejectionOf(h.client.me())
    expect(e.kind).toBe('network')
    expect(e.details).toMatchObject({ code: 'TIMEOUT' })
    expect(h.attempts('GET', /^me$/).map((r) => r.status)).toEqual([null, null])
  })

  it('an unreachable portal is a network error saying so', async () => {
    const dead = await startSim({ bunits: 1, consumers: 0 })
    const url = dead.apiUrl
    await dead.close()
    const h = connect(dead, { apiUrl: url, maxRetries: 1 })
    const e = await rejectionOf(h.client.signIn())
    expect(e.kind).toBe('network')
    expect(e.message).toMatch(/unreachable/i)
    expect(e.details).toMatchObject({ code: 'ECONNREFUSED', unreachable: true })
  })

  it('an offline portal (connections destroyed) is a network error after bounded retries', async () => {
    const h = await ready({ maxRetries: 2 })
    sim.faults.offline = true
    const e = await rejectionOf(h.client.bunits.tree())
    expect(e.kind).toBe('network')
    expect(h.attempts('GET', /^bunits$/)).toHaveLength(3)
  })
})
