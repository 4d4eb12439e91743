import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConsumerRec, RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

const REF = '2025-06-01T00:00:00.000Z'
const DAY = 86_400_000

/** Over a 2,000-consumer estate, last night looks like real life. */
describe('simulator backup health of a generated estate', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  const latest = new Map<number, J>()
  let without = 0
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 3, bunits: 40, consumers: 2000, referenceTime: REF }))
    for (const c of sim.state.consumers.values()) {
      const r = await api(`bunits/${c.businessUnitId}/consumers/${c.id}/reports/latest`)
      if (r.status === 200) latest.set(c.id, r.body)
      else without++
    }
  })
  afterAll(() => sim.close())

  const consumer = (id: number) => sim.state.consumers.get(id) as ConsumerRec
  const share = (name: string) => [...latest.values()].filter((r) => r.status.name === name).length / sim.state.consumers.size

  it('mostly successful; a few percent failed, missed and warning', () => {
    expect(share('Successful')).toBeGreaterThan(0.6)
    for (const name of ['Failed', 'Missed', 'Warning']) {
      expect(share(name), name).toBeGreaterThan(0.01)
      expect(share(name), name).toBeLessThan(0.1)
    }
  })

  it('consumers without an activated node have no report', () => {
    for (const c of sim.state.consumers.values()) {
      const n = c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
      if (!n?.activatedDate) expect(latest.has(c.id)).toBe(false)
    }
    expect(without).toBeGreaterThan(100)
  })

  it('every generated node with reports has a history of at least 35 nights, unless locked early', async () => {
    let locked = 0
    // Every third reporting consumer keeps the test quick; the selection is fixed by the seed.
    for (const id of [...latest.keys()].filter((_, i) => i % 3 === 0)) {
      const c = consumer(id)
      const r = await api(`bunits/${c.businessUnitId}/consumers/${c.id}/reports?startDate=2000-01-01&limit=0`)
      expect(r.body.items).toEqual([])
      if (sim.state.nodes.get(c.nodeId!)!.locked) {
        // A locked node's reports end the day it was locked.
        expect(latest.get(id).reportDate).toBe(`${sim.state.nodes.get(c.nodeId!)!.lockedAt!.slice(0, 10)}T00:00:00.000Z`)
        locked++
      } else expect(r.body.total).toBeGreaterThanOrEqual(35)
    }
    expect(locked).toBeGreaterThan(0)
  })

  it('storage warnings: stored data above the consumer’s limit, with the limit in GB', () => {
    const storage = [...latest.entries()].filter(([, r]) => r.warnings.some((w: J) => w.type.id === 1))
    expect(storage.length).toBeGreaterThan(0)
    for (const [id, r] of storage) {
      const w = r.warnings.find((x: J) => x.type.id === 1)
      expect(w.limit).toBe(consumer(id).limitHighStorage)
      expect(r.megaBytes).toBeGreaterThan(w.limit * 1024)
    }
    // Storage ranges from GB to TB.
    const sizes = [...latest.values()].map((r) => r.megaBytes)
    expect(Math.min(...sizes)).toBeLessThan(10 * 1024)
    expect(Math.max(...sizes)).toBeGreaterThan(1024 * 1024)
  })

  it('no-activity warnings only where activity is required, counting the idle days', () => {
    let noActivity = 0
    for (const [id, r] of latest) {
      const w = r.warnings.find((x: J) => x.type.id === 2)
      if (!w) continue
      noActivity++
      expect(consumer(id).allowNoActivity).toBe(false)
      expect(w.days).toBeGreaterThanOrEqual(1)
      expect(r.status.name).toBe('Missed')
    }
    expect(noActivity).toBeGreaterThan(0)
    const allowed = [...latest.entries()].filter(([id]) => consumer(id).allowNoActivity)
    expect(allowed.length).toBeGreaterThan(0)
    for (const [, r] of allowed) expect(r.errorsDeactivatedNoActivity).toBe(true)
  })

  it('failures come in streaks with a successful night before them', async () => {
    const failed = [...latest.entries()].filter(([, r]) => r.status.name === 'Failed').map(([id]) => consumer(id))
    const streaks: number[] = []
    for (const c of failed) {
      const items = (await api(`bunits/${c.businessUnitId}/consumers/${c.id}/reports?status=true&startDate=${new Date(Date.parse(REF) - 30 * DAY).toISOString()}`)).body.items
      const names = items.map((i: J) => i.status.name).reverse()
      const k = names.findIndex((n: string) => n !== 'Failed')
      if (k === -1) continue // failing for the whole window
      streaks.push(k)
      expect(names[k]).toMatch(/Successful|Warning/)
    }
    expect(Math.max(...streaks)).toBeGreaterThanOrEqual(2)
    expect(streaks.filter((k) => k === 1).length).toBeGreaterThan(0)
  })

  it('storage grows slowly: a few percent a month on a typical node', async () => {
    const growth: number[] = []
    for (const [id, r] of [...latest.entries()].slice(0, 200)) {
      const c = consumer(id)
      const old = (await api(`bunits/${c.businessUnitId}/consumers/${c.id}/reports?startDate=2025-05-02&endDate=2025-05-02`)).body.items[0]
      if (old && old.backupMegaBytes > 0) growth.push(r.backupMegaBytes / old.backupMegaBytes - 1)
    }
    growth.sort((a, b) => a - b)
    const median = growth[Math.floor(growth.length / 2)]!
    expect(median).toBeGreaterThan(0)
    expect(median).toBeLessThan(0.1)
  })
})
