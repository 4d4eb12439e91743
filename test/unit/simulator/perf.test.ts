import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

describe('simulator throughput', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 2, bunits: 250, consumers: 20_000 }))
  })
  afterAll(() => sim.close())

  it('serves node GETs at 16 concurrent with 25 ms latency close to the latency bound', async () => {
    const paths = [...sim.state.consumers.values()]
      .filter((c) => c.nodeId !== undefined)
      .slice(0, 3200)
      .map((c) => `bunits/${c.businessUnitId}/consumers/${c.id}/node`)
    sim.faults.latencyMs = 25
    sim.stats.reset()
    let next = 0
    const t0 = performance.now()
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < paths.length) {
          const r = await api(paths[next++]!)
          if (r.status !== 200) throw new Error(`status ${r.status}`)
        }
      })
    )
    const ms = performance.now() - t0
    const bound = (paths.length / 16) * 25 // 5 s if the server added nothing
    expect(sim.stats.maxInFlight).toBe(16)
    expect(sim.stats.byRoute['GET bunits/:bunitId/consumers/:consumerId/node']).toBe(paths.length)
    // The fetch client shares this process (~0.3 ms CPU per call), hence the margin; a server
    // scanning the estate per request (20,000 consumers) would blow well past it.
    expect(ms).toBeLessThan(bound * 1.6)
  })
})
