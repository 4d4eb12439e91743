/**
 * How wide a sync runs: the concurrency option clamped to 1..16 (default 8) and recorded with the
 * snapshot; without a shared limiter the pool itself is the bound, with one the limiter gets the
 * ceiling and the pool runs 16 tasks per slot (a task waiting out a Retry-After holds no slot).
 * Calls under way are counted in the call wrapper, requests in flight by the simulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, syncAccount } from '../../../../src/main/sync'
import { callsUnderWay, openHarness, syncClient, type Harness } from './harness'

let h: Harness

beforeEach(async () => {
  // 4 units and 20 consumers: the node phase has 24 jobs, more than the widest pool without a limiter.
  h = await openHarness({ seed: 5, bunits: 4, consumers: 20 })
})
afterEach(async () => {
  await h.close()
})

describe('the concurrency option', () => {
  it('defaults to 8 and goes up to 16 (the portal limiter’s ceiling)', () => {
    expect([DEFAULT_CONCURRENCY, MAX_CONCURRENCY]).toEqual([8, 16])
  })

  it.each([
    [undefined, 8],
    [5, 5],
    [2.9, 2],
    [0, 1],
    [-3, 1],
    [64, 16],
    [Number.NaN, 8],
    [Number.POSITIVE_INFINITY, 8]
  ])('%s: the pool runs %i calls at once, and the snapshot records it', async (concurrency, expected) => {
    const counter = callsUnderWay()
    await syncAccount({ client: syncClient(h.client, counter), cache: h.cache, concurrency })
    expect(counter.max).toBe(expected)
    expect(h.cache.meta().lastSyncStats?.concurrency).toBe(expected)
  })
})

describe('with the portal’s shared limiter', () => {
  it('sets its ceiling, and runs 16 pool tasks per slot while only the ceiling’s worth reach the portal', async () => {
    h.sim.faults.latencyMs = 2 // answers take long enough for tasks to queue at the limiter
    const counter = callsUnderWay()
    await syncAccount({ client: syncClient(h.client, counter, [], true), cache: h.cache, concurrency: 1 })
    expect(h.client.limiter.ceiling).toBe(1)
    expect(counter.max).toBe(16)
    expect(h.sim.stats.maxInFlight).toBe(1)

    h.sim.stats.reset()
    const wider = callsUnderWay()
    await syncAccount({ client: syncClient(h.client, wider, [], true), cache: h.cache, concurrency: 3 })
    expect(h.client.limiter.ceiling).toBe(3)
    expect(wider.max).toBe(24) // every node-phase job at once: 3 × 16 tasks are allowed
    expect(h.sim.stats.maxInFlight).toBeLessThanOrEqual(3)
  })
})
