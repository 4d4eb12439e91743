import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimpleBusinessUnit } from '../../../../src/main/cloutility'
import { connect, rejectionOf, startSim, type Harness, type Sim } from './harness'

let sim: Sim
let h: Harness
let units: SimpleBusinessUnit[]
beforeAll(async () => {
  sim = await startSim({ bunits: 6, consumers: 1200 })
  h = connect(sim)
  const flatten = (u: SimpleBusinessUnit): SimpleBusinessUnit[] => [u, ...u.businessUnits.flatMap(flatten)]
  units = flatten(await h.client.bunits.tree())
})
afterAll(async () => {
  await sim.close()
})

describe('consumers', () => {
  it('list returns every consumer of every unit exactly once', async () => {
    let total = 0
    for (const u of units) {
      const list = await h.client.consumers.list(u.id)
      expect(new Set(list.map((c) => c.id)).size).toBe(list.length)
      for (const c of list) expect(c.businessUnit?.id ?? u.id).toBe(u.id)
      total += list.length
    }
    expect(total).toBe(1200)
  })

  it('list follows paging until total (1201 consumers in one unit = 3 pages of 500)', async () => {
    const big = await startSim({ bunits: 1, consumers: 1201 })
    try {
      const b = connect(big)
      const root = await b.client.bunits.tree()
      const list = await b.client.consumers.list(root.id)
      expect(list).toHaveLength(1201)
      expect(new Set(list.map((c) => c.id)).size).toBe(1201)
      expect(b.attempts('GET', /^bunits\/\d+\/consumers$/)).toHaveLength(3)
    } finally {
      await big.close()
    }
  })

  it('create (name only), get, update, audit log, delete', async () => {
    const unit = units[1]!
    const created = await h.client.consumers.create(unit.id, { name: 'LisasWS' })
    expect(created).toMatchObject({ name: 'LisasWS' })
    expect(created.businessUnit?.id).toBe(unit.id)
    const full = await h.client.consumers.create(unit.id, { name: 'Full', note: 'a note', externalReference: 'ERP-1', limitHighStorage: 100, allowNoActivity: true })
    expect(full).toMatchObject({ note: 'a note', externalReference: 'ERP-1', limitHighStorage: 100, allowNoActivity: true })

    expect(await h.client.consumers.get(unit.id, created.id)).toMatchObject({ id: created.id, name: 'LisasWS' })
    const updated = await h.client.consumers.update(unit.id, created.id, { note: 'updated' })
    expect(updated).toMatchObject({ name: 'LisasWS', note: 'updated' })

    const log = await h.client.consumers.auditLogs(unit.id, created.id, { types: [100, 200] })
    expect(log.items.map((e) => e.type).sort()).toEqual([100, 200])

    await h.client.consumers.delete(unit.id, created.id, { deleteAssociations: true, deletionComment: 'contract test' })
    expect((await rejectionOf(h.client.consumers.get(unit.id, created.id))).kind).toBe('not-found')
    const deletions = await h.client.bunits.auditLogs(unit.id, { types: [300], orderDesc: true, limit: 1 })
    expect(deletions.items[0]?.message).toMatch(/contract test/)
    await h.client.consumers.delete(unit.id, full.id)
  })

  it('error paths: unknown consumer 404, empty name 400, wrong unit 404', async () => {
    const [a, b] = [units[1]!, units[2]!]
    expect((await rejectionOf(h.client.consumers.get(a.id, 987_654))).kind).toBe('not-found')
    const bad = await rejectionOf(h.client.consumers.create(a.id, { name: '' }))
    expect(bad.kind).toBe('validation')
    expect(bad.details).toMatchObject({ status: 400 })
    const someone = (await h.client.consumers.list(a.id))[0]
    if (someone) expect((await rejectionOf(h.client.consumers.get(b.id, someone.id))).kind).toBe('not-found')
    expect((await rejectionOf(h.client.consumers.update(a.id, 987_654, { note: 'x' }))).kind).toBe('not-found')
    expect((await rejectionOf(h.client.consumers.delete(a.id, 987_654))).kind).toBe('not-found')
  })
})
