import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimpleBusinessUnit } from '../../../../src/main/cloutility'
import { connect, rejectionOf, startSim, type Harness, type Sim } from './harness'

let sim: Sim
let h: Harness
beforeAll(async () => {
  // Unit 23 is the first child of the root (22) in every generated estate.
  sim = await startSim({ users: [{ username: 'scoped@example.com', password: 'Scoped-Pass-1', businessUnitId: 23 }] })
  h = connect(sim)
})
afterAll(async () => {
  await sim.close()
})

function flatten(u: SimpleBusinessUnit): SimpleBusinessUnit[] {
  return [u, ...u.businessUnits.flatMap(flatten)]
}

describe('business units', () => {
  it('fullVersion and me', async () => {
    expect(await h.client.fullVersion()).toMatch(/^\d+(\.\d+)+$/)
    const me = await h.client.me()
    expect(me).toMatchObject({ email: sim.defaults.username })
    expect(me.id).toBeGreaterThan(0)
    expect(me.businessUnitId).toBeGreaterThan(0)
  })

  it('tree: the profile unit with all descendants, parentIds consistent', async () => {
    const tree = await h.client.bunits.tree()
    const all = flatten(tree)
    expect(all.length).toBeGreaterThanOrEqual(12)
    expect(tree.parentId).toBeUndefined()
    for (const u of all) for (const c of u.businessUnits) expect(c.parentId).toBe(u.id)
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length)
  })

  it('get and children agree with the tree', async () => {
    const tree = await h.client.bunits.tree()
    const unit = await h.client.bunits.get(tree.id)
    expect(unit).toMatchObject({ id: tree.id, name: tree.name })
    expect(unit.timeZone?.id).toBeTypeOf('number')
    const kids = await h.client.bunits.children(tree.id)
    expect(kids.map((k) => k.id).sort()).toEqual(tree.businessUnits.map((k) => k.id).sort())
  })

  it('create, update, audit and delete a unit', async () => {
    const tree = await h.client.bunits.tree()
    const zones = await h.client.timeZones.list()
    const zone = zones[zones.length - 1]!
    const created = await h.client.bunits.create(tree.id, { name: 'Contract Test AB', registrationNumber: 'SE1', note: 'n', timeZoneId: zone.id })
    expect(created).toMatchObject({ name: 'Contract Test AB', registrationNumber: 'SE1', note: 'n' })
    expect(created.timeZone?.id).toBe(zone.id)
    expect(created.parentBusinessUnit?.id).toBe(tree.id)

    const updated = await h.client.bunits.update(created.id, { name: 'Contract Test 2 AB' })
    expect(updated).toMatchObject({ id: created.id, name: 'Contract Test 2 AB', registrationNumber: 'SE1', note: 'n' })

    const log = await h.client.bunits.auditLogs(created.id, { types: [100, 200], orderDesc: true })
    expect(log.total).toBe(2)
    expect(log.items.map((e) => e.type)).toEqual([200, 100])

    await h.client.bunits.delete(created.id)
    expect((await rejectionOf(h.client.bunits.get(created.id))).kind).toBe('not-found')
  })

  it('audit log query: types, time window, paging, descendants', async () => {
    const tree = await h.client.bunits.tree()
    const all = await h.client.bunits.auditLogs(tree.id, { includeDescendants: true, limit: 5 })
    expect(all.items.length).toBeLessThanOrEqual(5)
    expect(all.total).toBeGreaterThan(0)
    const next = await h.client.bunits.auditLogs(tree.id, { includeDescendants: true, limit: 5, offset: 5 })
    expect(next.offset).toBe(5)
    if (next.items.length > 0) expect(next.items[0]!.id).not.toBe(all.items[0]!.id)
    const future = await h.client.bunits.auditLogs(tree.id, { includeDescendants: true, startTime: '2100-01-01T00:00:00Z' })
    expect(future.total).toBe(0)
    const past = await h.client.bunits.auditLogs(tree.id, { includeDescendants: true, endTime: new Date('2000-01-01T00:00:00Z') })
    expect(past.total).toBe(0)
    const bad = await rejectionOf(h.client.bunits.auditLogs(tree.id, { startTime: '2024-02-01', endTime: '2024-01-01' }))
    expect(bad.kind).toBe('validation')
    const errs = await h.client.bunits.auditLogs(tree.id, { includeDescendants: true, types: [400] })
    for (const e of errs.items) expect(e.type).toBe(400)
  })

  it('rejects a bad audit query locally', async () => {
    expect((await rejectionOf(h.client.bunits.auditLogs(1, { startTime: 'not a date' }))).kind).toBe('invalid-input')
    expect((await rejectionOf(h.client.bunits.auditLogs(1, { types: [7 as 0] }))).kind).toBe('invalid-input')
  })

  it('a user scoped to a sub-unit sees its subtree and is forbidden elsewhere', async () => {
    const scoped = connect(sim, { username: 'scoped@example.com', getPassword: () => Promise.resolve('Scoped-Pass-1') })
    const tree = await scoped.client.bunits.tree()
    expect(tree.id).toBe(23)
    const e = await rejectionOf(scoped.client.bunits.get(22))
    expect(e.kind).toBe('forbidden')
    expect(e.details).toMatchObject({ status: 403, code: 'forbidden' })
  })

  it('error paths: 404 unknown, 400 validation, 409 conflict, 403 own unit', async () => {
    const tree = await h.client.bunits.tree()
    const missing = await rejectionOf(h.client.bunits.get(999_999))
    expect(missing).toMatchObject({ kind: 'not-found' })
    expect(missing.details).toMatchObject({ status: 404, code: 'not_found', method: 'GET', path: 'bunits/999999' })

    const invalid = await rejectionOf(h.client.bunits.create(tree.id, { name: '  ' }))
    expect(invalid.kind).toBe('validation')
    expect(invalid.message).toMatch(/name/)
    expect(invalid.details).toMatchObject({ status: 400, code: 'validation_error' })
    expect(invalid.details?.developerMessage).toBeTypeOf('string')

    const parentWithKids = tree.businessUnits.find((u) => u.businessUnits.length > 0) ?? tree
    expect((await rejectionOf(h.client.bunits.delete(parentWithKids.id))).kind).toMatch(/conflict|forbidden/)
    expect((await rejectionOf(h.client.bunits.delete(tree.id))).kind).toBe('forbidden')
    expect((await rejectionOf(h.client.bunits.get(-1))).kind).toBe('invalid-input')
  })
})
