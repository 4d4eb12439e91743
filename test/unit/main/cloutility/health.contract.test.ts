/** Reports, warning types, jobs, billing and invoices: the client against the simulator over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Consumer, SimpleBusinessUnit } from '../../../../src/main/cloutility'
import { connect, rejectionOf, startSim, type Harness, type Sim } from './harness'

let sim: Sim
let h: Harness
let root: SimpleBusinessUnit
let active: Consumer & { bunitId: number }
let inactive: (Consumer & { bunitId: number }) | undefined
const actives: (Consumer & { bunitId: number })[] = []
const flatten = (u: SimpleBusinessUnit): SimpleBusinessUnit[] => [u, ...u.businessUnits.flatMap(flatten)]

beforeAll(async () => {
  sim = await startSim({ bunits: 6, consumers: 80, users: [{ username: 'scoped@example.com', password: 'Scoped-Pass-1', businessUnitId: 27 }] })
  h = connect(sim)
  root = await h.client.bunits.tree()
  for (const unit of flatten(root)) {
    for (const c of await h.client.consumers.list(unit.id)) {
      const node = await h.client.nodes.get(unit.id, c.id)
      if (node?.activatedDate) actives.push({ ...c, bunitId: unit.id })
      if (node && !node.activatedDate && !inactive) inactive = { ...c, bunitId: unit.id }
    }
  }
  active = actives[0]!
})
afterAll(async () => {
  await sim.close()
})

describe('reports', () => {
  it('latest carries status, warnings and storage; list leaves status out unless asked', async () => {
    const latest = await h.client.reports.latest(active.bunitId, active.id)
    expect(latest).toMatchObject({ consumerId: active.id, status: { name: expect.any(String) } })
    expect(typeof latest.megaBytes).toBe('number')
    expect(Array.isArray(latest.warnings)).toBe(true)

    const plain = await h.client.reports.list(active.bunitId, active.id)
    expect(plain.length).toBeGreaterThanOrEqual(28)
    expect(plain.every((r) => r.status === undefined)).toBe(true)
    const withStatus = await h.client.reports.list(active.bunitId, active.id, { status: true })
    expect(withStatus.every((r) => typeof r.status?.name === 'string')).toBe(true)
  })

  it('honours the window and refuses a start after the end', async () => {
    const end = new Date()
    const start = new Date(end.getTime() - 7 * 86_400_000)
    const week = await h.client.reports.list(active.bunitId, active.id, { startDate: start.toISOString(), endDate: end.toISOString() })
    expect(week.length).toBeGreaterThanOrEqual(6)
    expect(week.length).toBeLessThanOrEqual(8)
    const e = await rejectionOf(h.client.reports.list(active.bunitId, active.id, { startDate: end.toISOString(), endDate: start.toISOString() }))
    expect(e).toMatchObject({ kind: 'validation', details: { status: 400 } })
  })

  it('a never-activated node has no latest report (not-found)', async () => {
    expect(inactive).toBeDefined()
    const e = await rejectionOf(h.client.reports.latest(inactive!.bunitId, inactive!.id))
    expect(e).toMatchObject({ kind: 'not-found', details: { status: 404 } })
  })

  it("a consumer outside the user's unit is forbidden, an unknown one not found", async () => {
    const scoped = connect(sim, { username: 'scoped@example.com', getPassword: () => Promise.resolve('Scoped-Pass-1') })
    const tree = await scoped.client.bunits.tree()
    const reachable = new Set(flatten(tree).map((u) => u.id))
    const outside = actives.find((c) => !reachable.has(c.bunitId))
    expect(outside).toBeDefined()
    expect(await rejectionOf(scoped.client.reports.latest(outside!.bunitId, outside!.id))).toMatchObject({ kind: 'forbidden' })
    expect(await rejectionOf(h.client.reports.latest(active.bunitId, 999_999))).toMatchObject({ kind: 'not-found' })
  })

  it('warning types have names', async () => {
    const types = await h.client.nodeWarningTypes.list()
    expect(types.length).toBeGreaterThan(0)
    expect(types.every((t) => typeof t.name === 'string' && t.name.length > 0)).toBe(true)
  })
})

describe('jobs', () => {
  it('the first job tells only when it completed; a window before it is refused', async () => {
    const first = await h.client.jobs.firstCompleted(active.bunitId, active.id)
    expect(first).not.toBeNull()
    const e = await rejectionOf(
      h.client.jobs.list(active.bunitId, active.id, { startTime: new Date(Date.parse(first!) - 86_400_000).toISOString(), endTime: new Date().toISOString() })
    )
    expect(e).toMatchObject({ kind: 'validation', details: { status: 400 } })
  })

  it('lists the jobs of a window, and of the last 24 hours without one', async () => {
    const first = await h.client.jobs.firstCompleted(active.bunitId, active.id)
    const week = await h.client.jobs.list(active.bunitId, active.id, {
      startTime: new Date(Math.max(Date.parse(first!), Date.now() - 7 * 86_400_000)).toISOString(),
      endTime: new Date().toISOString()
    })
    expect(week.length).toBeGreaterThan(0)
    expect(week[0]).toMatchObject({ type: { name: expect.any(String) }, status: { name: expect.any(String) } })
    expect(typeof week[0]!.duration).toBe('number')
    const day = await h.client.jobs.list(active.bunitId, active.id, { endTime: new Date().toISOString() })
    expect(day.length).toBeLessThanOrEqual(week.length)
  })
})

describe('billing and invoices', () => {
  it('the root unit has billing data and invoices, each addressable by its date', async () => {
    const billing = await h.client.billing.list(root.id, { includeNext: 1 })
    expect(billing.length).toBeGreaterThan(0)
    const one = await h.client.billing.get(root.id, billing[0]!.invoiceDateStr)
    expect(one.id).toBe(billing[0]!.id)
    const invoices = await h.client.invoices.list(root.id)
    expect(invoices.length).toBeGreaterThan(0)
    expect(invoices[0]!.lines.length).toBeGreaterThan(0)
  })

  it('refuses a malformed invoice date before sending anything', async () => {
    const before = h.requests.length
    expect(await rejectionOf(h.client.invoices.get(root.id, '../../me'))).toMatchObject({ kind: 'invalid-input' })
    expect(await rejectionOf(h.client.billing.get(root.id, '2026-1-1'))).toMatchObject({ kind: 'invalid-input' })
    expect(h.requests.length).toBe(before)
  })

  it('an unknown invoice date is not found', async () => {
    expect(await rejectionOf(h.client.invoices.get(root.id, '1999-01-31'))).toMatchObject({ kind: 'not-found' })
  })
})
