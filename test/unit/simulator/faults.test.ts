import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { call, login, session, type CallOptions, type J } from './helpers'

describe('simulator fault injection', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J; headers: Headers }>
  beforeAll(async () => {
    ;({ sim, api } = await session({ estate: 'empty', seed: 5 }))
  })
  beforeEach(() => sim.faults.reset())
  afterAll(() => sim.close())

  it('failNext answers exactly the next n requests with the status, as JSON', async () => {
    sim.faults.failNext(2, 503)
    const a = await api('fullVersion')
    const b = await api('fullVersion')
    const c = await api('fullVersion')
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200])
    expect(a.body).toMatchObject({ status: 503, code: 'service_unavailable' })
    expect(a.headers.get('retry-after')).toBe('1')
  })

  it('failNext can target one route', async () => {
    sim.faults.failNext(1, 500, '/v1/me')
    expect((await api('fullVersion')).status).toBe(200)
    expect((await api('me')).status).toBe(500)
    expect((await api('me')).status).toBe(200)
  })

  it('429 carries Retry-After from retryAfterSeconds', async () => {
    sim.faults.retryAfterSeconds = 7
    sim.faults.failNext(1, 429)
    const r = await api('fullVersion')
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBe('7')
    expect(r.body.code).toBe('too_many_requests')
  })

  it('rate429 = 1 and errorRate = 1 fail every request; 0 none', async () => {
    sim.faults.rate429 = 1
    expect((await api('fullVersion')).status).toBe(429)
    sim.faults.rate429 = 0
    sim.faults.errorRate = 1
    for (let i = 0; i < 5; i++) expect([500, 503]).toContain((await api('fullVersion')).status)
    sim.faults.errorRate = 0
    expect((await api('fullVersion')).status).toBe(200)
  })

  it('random rates are seeded: about the requested share', async () => {
    sim.faults.errorRate = 0.3
    let failed = 0
    for (let i = 0; i < 200; i++) if ((await api('fullVersion')).status >= 500) failed++
    expect(failed).toBeGreaterThan(30)
    expect(failed).toBeLessThan(90)
  })

  it('dropNext destroys the connection without an answer', async () => {
    sim.faults.dropNext(1)
    await expect(api('fullVersion')).rejects.toThrow()
    expect((await api('fullVersion')).status).toBe(200)
  })

  it('offline refuses every connection until switched back', async () => {
    sim.faults.offline = true
    await expect(api('fullVersion')).rejects.toThrow()
    sim.faults.offline = false
    expect((await api('fullVersion')).status).toBe(200)
  })

  it('latency delays each answer', async () => {
    sim.faults.latencyMs = 120
    const t0 = Date.now()
    await api('fullVersion')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110)
    sim.faults.latencyMs = 0
    const t1 = Date.now()
    await api('fullVersion')
    expect(Date.now() - t1).toBeLessThan(100)
  })

  it('expireAllTokens makes current tokens 401 token_expired; new sign-ins work', async () => {
    const { access_token } = await login(sim)
    expect((await call(sim, 'me', {}, access_token)).status).toBe(200)
    sim.faults.expireAllTokens()
    const r = await call(sim, 'me', {}, access_token)
    expect(r.status).toBe(401)
    expect(r.body.code).toBe('token_expired')
    const again = await login(sim)
    expect((await call(sim, 'me', {}, again.access_token)).status).toBe(200)
  })

  it('counts requests, in-flight maximum and routes; reset() clears them', async () => {
    const { sim: s2, api: api2 } = await session({ estate: 'empty', latencyMs: 50 })
    try {
      s2.stats.reset()
      await Promise.all(Array.from({ length: 6 }, () => api2('fullVersion')))
      expect(s2.stats.requests).toBe(6)
      expect(s2.stats.maxInFlight).toBe(6)
      expect(s2.stats.inFlight).toBe(0)
      expect(s2.stats.byRoute['GET fullVersion']).toBe(6)
      s2.stats.reset()
      expect(s2.stats.requests).toBe(0)
      expect(s2.stats.byRoute).toEqual({})
    } finally {
      await s2.close()
    }
  })
})
