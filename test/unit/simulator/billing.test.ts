import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

const REF = '2025-06-14T00:00:00.000Z'

describe('simulator billing and invoices', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  let company: number
  let department: number
  let deep: number
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 4, bunits: 30, consumers: 400, referenceTime: REF }))
    const depth = (id: number): number => {
      const u = sim.state.bunits.get(id)!
      return u.parentId === null ? 0 : 1 + depth(u.parentId)
    }
    const units = [...sim.state.bunits.values()]
    company = units.find((u) => depth(u.id) === 1 && u.children.length > 0)!.id
    department = sim.state.bunits.get(company)!.children[0]!
    deep = units.find((u) => depth(u.id) === 3)!.id
  })
  afterAll(() => sim.close())

  const months = ['2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01', '2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']

  it('the root bills its companies monthly for the last 12 months, totals from the invoice lines', async () => {
    const r = await api(`bunits/${sim.state.rootId}/billing`)
    expect(r.status).toBe(200)
    expect(r.body.total).toBe(12)
    expect(r.body.items.map((b: J) => b.invoiceDateStr)).toEqual(months)
    const last = r.body.items.at(-1)
    expect(last).toMatchObject({
      invoiceDate: '2025-06-01T00:00:00.000Z',
      billingBusinessUnit: { id: sim.state.rootId, name: 'Northwind IT Services' },
      summary: [{ currency: { id: 1, name: 'Swedish krona', code: 'SEK' } }]
    })
    expect(last.href).toBe(`${sim.apiUrl}bunits/${sim.state.rootId}/billing/2025-06-01`)
    const companies = sim.state.bunits.get(sim.state.rootId)!.children
    expect(last.invoices.map((i: J) => i.payingBusinessUnit.id)).toEqual(companies)
    let sum = 0
    for (const inv of last.invoices) {
      expect(inv.href).toMatch(/\/invoices\/2025-06-01$/)
      const products = inv.lines.map((l: J) => l.product.name)
      expect(products).toContain('Backup storage (GB)')
      expect(products).toContain('Backup node')
      for (const l of inv.lines) {
        expect(l).toMatchObject({ startDate: '2025-05-01T00:00:00.000Z', endDate: '2025-05-31T23:59:59.000Z' })
        sum += Math.round(l.unitPrice * l.quantity * 100) / 100
      }
    }
    expect(last.summary[0].total).toBeCloseTo(sum, 1)
    expect(last.summary[0].total).toBeGreaterThan(0)
  })

  it('stored GB grow over the year; includeNext adds upcoming periods', async () => {
    const r = await api(`bunits/${sim.state.rootId}/billing?includeNext=2`)
    expect(r.body.items.map((b: J) => b.invoiceDateStr).slice(-3)).toEqual(['2025-06-01', '2025-07-01', '2025-08-01'])
    const gb = (b: J) => b.invoices.reduce((s: number, i: J) => s + i.lines.find((l: J) => l.product.name === 'Backup storage (GB)').quantity, 0)
    expect(gb(r.body.items[11])).toBeGreaterThan(gb(r.body.items[0]))
    expect((await api(`bunits/${sim.state.rootId}/billing?includeNext=-1`)).status).toBe(400)
  })

  it('a company bills its departments; a department has no billing data (200, empty)', async () => {
    const c = await api(`bunits/${company}/billing`)
    expect(c.body.total).toBe(12)
    expect(c.body.items[0].invoices.map((i: J) => i.payingBusinessUnit.id)).toEqual(sim.state.bunits.get(company)!.children)
    expect((await api(`bunits/${department}/billing`)).body).toMatchObject({ total: 0, items: [] })
  })

  it('billing/{date}: one period, 404 for an unknown date, 400 for a malformed one', async () => {
    const r = await api(`bunits/${sim.state.rootId}/billing/2025-03-01`)
    expect(r.status).toBe(200)
    const list = await api(`bunits/${sim.state.rootId}/billing`)
    expect(r.body).toEqual(list.body.items[8])
    expect((await api(`bunits/${sim.state.rootId}/billing/2025-03-02`)).status).toBe(404)
    expect((await api(`bunits/${sim.state.rootId}/billing/2023-03-01`)).status).toBe(404)
    expect((await api(`bunits/${department}/billing/2025-03-01`)).status).toBe(404)
    for (const bad of ['2025-3-1', '2025-02-30', 'march']) {
      const b = await api(`bunits/${sim.state.rootId}/billing/${bad}`)
      expect(b.status, bad).toBe(400)
      expect(b.body.code).toBe('bad_request')
    }
  })

  it('invoices of a unit match the invoices its reseller bills; deep units have none', async () => {
    const inv = await api(`bunits/${department}/invoices`)
    expect(inv.status).toBe(200)
    expect(inv.body.total).toBe(12)
    const billed = (await api(`bunits/${company}/billing/2025-06-01`)).body.invoices.find((i: J) => i.payingBusinessUnit.id === department)
    expect(inv.body.items.at(-1)).toEqual(billed)
    const one = await api(`bunits/${department}/invoices/2025-06-01`)
    expect(one.body).toEqual(billed)
    expect(one.body.href).toBe(`${sim.apiUrl}bunits/${department}/invoices/2025-06-01`)
    expect((await api(`bunits/${department}/invoices/2025-06-02`)).status).toBe(404)
    expect((await api(`bunits/${department}/invoices/06-01-2025`)).status).toBe(400)
    expect((await api(`bunits/${sim.state.rootId}/invoices`)).body.total).toBe(12)
    expect((await api(`bunits/${deep}/invoices`)).body).toMatchObject({ total: 0, items: [] })
    expect((await api(`bunits/${deep}/invoices/2025-06-01`)).status).toBe(404)
    expect((await api('bunits/987654/invoices')).status).toBe(404)
  })

  it('invoices follow writes: deleting a reporting consumer drops its node from the next answer', async () => {
    const nodes = async () => (await api(`bunits/${department}/invoices/2025-06-01`)).body.lines.find((l: J) => l.product.name === 'Backup node').quantity as number
    const before = await nodes()
    const victim = [...sim.state.consumers.values()].find((c) => {
      const n = c.businessUnitId === department && c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
      return n?.activatedDate && !n.locked && Date.parse(n.activatedDate) < Date.parse(REF) - 40 * 86_400_000 && !n.proxyAgents?.size && !n.proxyTargets?.size
    })!
    expect((await api(`bunits/${department}/consumers/${victim.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await nodes()).toBe(before - 1)
  })
})
