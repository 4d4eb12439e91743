import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

describe('simulator audit logs', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  let unitId: number
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 21, bunits: 8, consumers: 120 }))
    unitId = [...sim.state.bunits.values()].find((u) => u.parentId !== null && u.consumerIds.length > 5)!.id
  })
  afterAll(() => sim.close())

  const times = (items: J[]) => items.map((e) => Date.parse(e.createdDate))

  it('every API change writes an entry: create, modify, node, activate, delete', async () => {
    const c = await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name: 'Audited' } })
    const cid = c.body.id
    await api(`bunits/${unitId}/consumers/${cid}`, { method: 'PUT', json: { note: 'changed' } })
    await api(`bunits/${unitId}/consumers/${cid}/node`, { method: 'POST', json: { operatingSystem: { id: 1 }, type: { id: 2 }, domain: { id: 1 } } })
    await api(`bunits/${unitId}/consumers/${cid}/node/activate?tsmName=AUDITED1`)
    await api(`bunits/${unitId}/consumers/${cid}/node/password`, { method: 'POST', json: { tsmPassword: 'abcdefgh1' } })
    const log = await api(`bunits/${unitId}/consumers/${cid}/auditlogs`)
    expect(log.status).toBe(200)
    expect(log.body.items.map((e: J) => e.type)).toEqual([100, 200, 100, 200, 200])
    expect(log.body.items[0]).toMatchObject({ typeName: 'Create', userName: 'demo@example.com', consumerId: cid, businessUnitId: unitId })
    await api(`bunits/${unitId}/consumers/${cid}?deleteAssociations=true`, { method: 'DELETE' })
    const unitLog = await api(`bunits/${unitId}/auditlogs?types=300&orderDesc=true&limit=1`)
    expect(unitLog.body.items[0]).toMatchObject({ type: 300, consumerId: cid })
    const created = await api(`bunits/${unitId}/bunits`, { method: 'POST', json: { name: 'Audit child' } })
    await api(`bunits/${created.body.id}`, { method: 'PUT', json: { name: 'Audit child 2' } })
    await api(`bunits/${created.body.id}`, { method: 'DELETE' })
    const parentLog = await api(`bunits/${unitId}/auditlogs?orderDesc=true&limit=2`)
    expect(parentLog.body.items.map((e: J) => e.type)).toEqual([300, 100])
  })

  it('filters by repeated types', async () => {
    const all = await api(`bunits/${unitId}/auditlogs?limit=1000`)
    const some = await api(`bunits/${unitId}/auditlogs?types=100&types=300&limit=1000`)
    expect(some.body.total).toBeGreaterThan(0)
    expect(some.body.total).toBeLessThan(all.body.total)
    for (const e of some.body.items) expect([100, 300]).toContain(e.type)
    expect((await api(`bunits/${unitId}/auditlogs?types=150`)).status).toBe(400)
  })

  it('orders ascending by default and descending with orderDesc=True', async () => {
    const asc = await api(`bunits/${unitId}/auditlogs?limit=1000`)
    const desc = await api(`bunits/${unitId}/auditlogs?limit=1000&orderDesc=True`)
    const a = times(asc.body.items)
    expect(a).toEqual([...a].sort((x, y) => x - y))
    expect(desc.body.items.map((e: J) => e.id)).toEqual(asc.body.items.map((e: J) => e.id).reverse())
  })

  it('pages with offset/limit and reports the total', async () => {
    const all = await api(`bunits/${unitId}/auditlogs?limit=1000`)
    const page = await api(`bunits/${unitId}/auditlogs?offset=2&limit=3`)
    expect(page.body.total).toBe(all.body.total)
    expect(page.body.offset).toBe(2)
    expect(page.body.items.map((e: J) => e.id)).toEqual(all.body.items.slice(2, 5).map((e: J) => e.id))
    expect((await api(`bunits/${unitId}/auditlogs?limit=5000`)).status).toBe(400)
  })

  it('filters by startTime/endTime (ISO 8601)', async () => {
    const all = (await api(`bunits/${unitId}/auditlogs?limit=1000`)).body.items
    const ts = times(all)
    const mid = new Date(ts[Math.floor(ts.length / 2)]!).toISOString()
    const after = await api(`bunits/${unitId}/auditlogs?limit=1000&startTime=${mid}`)
    const before = await api(`bunits/${unitId}/auditlogs?limit=1000&endTime=${mid}`)
    expect(after.body.total).toBeGreaterThan(0)
    for (const t of times(after.body.items)) expect(t).toBeGreaterThanOrEqual(Date.parse(mid))
    for (const t of times(before.body.items)) expect(t).toBeLessThanOrEqual(Date.parse(mid))
    expect(after.body.total + before.body.total).toBeGreaterThanOrEqual(all.length)
    expect((await api(`bunits/${unitId}/auditlogs?startTime=yesterday`)).status).toBe(400)
    expect((await api(`bunits/${unitId}/auditlogs?startTime=2025-02-01T00:00:00Z&endTime=2025-01-01T00:00:00Z`)).status).toBe(400)
  })

  it('includeDescendants adds the entries of descendant units', async () => {
    const root = sim.state.rootId
    const own = await api(`bunits/${root}/auditlogs?limit=1`)
    const deep = await api(`bunits/${root}/auditlogs?limit=1000&includeDescendants=true`)
    expect(deep.body.total).toBeGreaterThan(own.body.total)
    // Every entry of every existing unit (entries of units deleted by other tests are gone with them).
    const expected = [...sim.state.bunits.keys()].reduce((n, id) => n + (sim.state.audit.byBunit.get(id)?.length ?? 0), 0)
    expect(deep.body.total).toBe(expected)
    const ts = times(deep.body.items)
    expect(ts).toEqual([...ts].sort((x, y) => x - y))
  })

  it('the generated history has every entry type', async () => {
    const root = sim.state.rootId
    for (const type of [0, 100, 200, 400]) {
      const r = await api(`bunits/${root}/auditlogs?types=${type}&includeDescendants=true&limit=1`)
      expect(r.body.total, `type ${type}`).toBeGreaterThan(0)
    }
  })
})
