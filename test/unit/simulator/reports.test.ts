import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { login, call, session, type CallOptions, type J } from './helpers'
import { startSimulator } from '../../../src/simulator/index'

const REF = '2025-06-01T00:00:00.000Z'
const DAY = 86_400_000
const opts = { seed: 11, bunits: 20, consumers: 300, referenceTime: REF }

describe('simulator node reports', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  beforeAll(async () => {
    ;({ sim, api } = await session(opts))
  })
  afterAll(() => sim.close())

  /** A consumer with an activated, unlocked node activated over 60 days before REF. */
  const active = () =>
    [...sim.state.consumers.values()].find((c) => {
      const n = c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
      return n?.activatedDate && !n.locked && Date.parse(n.activatedDate) < Date.parse(REF) - 60 * DAY
    })!
  const path = (c: { businessUnitId: number; id: number }) => `bunits/${c.businessUnitId}/consumers/${c.id}`

  it('lists the last 30 days oldest first, without status and warnings unless asked', async () => {
    const c = active()
    const r = await api(`${path(c)}/reports`)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ total: 31, offset: 0 })
    expect(r.body.href).toBe(`${sim.apiUrl}${path(c)}/reports`)
    const dates = r.body.items.map((i: J) => i.reportDate)
    expect(dates[0]).toBe(new Date(Date.parse(REF) - 30 * DAY).toISOString())
    expect(dates.at(-1)).toBe(REF)
    expect([...dates].sort()).toEqual(dates)
    const item = r.body.items.at(-1)
    expect(item).not.toHaveProperty('status')
    expect(item).not.toHaveProperty('warnings')
    const node = sim.state.nodes.get(c.nodeId!)!
    expect(item).toMatchObject({
      name: c.name,
      consumerId: c.id,
      nodeId: node.id,
      businessUnitId: c.businessUnitId,
      businessUnitName: sim.state.bunits.get(c.businessUnitId)!.name,
      tsmName: node.tsmName,
      dataSource: node.tsmName,
      tsmServerName: 'SP-STO2-01',
      pending: false,
      proxyNodeReports: [],
      dataSourceType: { id: 1 },
      dataSourceState: { id: 3, name: 'Active' }
    })
    for (const k of ['id', 'megaBytes', 'backupMegaBytes', 'archiveMegaBytes', 'megaBytesDelta', 'transferredMegaBytes', 'transferredBackupMegaBytes', 'transferredRestoreMegaBytes', 'percentOfTotalStorageOfBusinessUnit', 'megaBytesDeltaPercentage']) {
      expect(typeof item[k]).toBe('number')
    }
    expect(item.megaBytes).toBeCloseTo(item.backupMegaBytes + item.archiveMegaBytes, 1)
    const prev = r.body.items.at(-2)
    expect(item.megaBytesDelta).toBeCloseTo(item.megaBytes - prev.megaBytes, 1)
  })

  it('adds status and warnings with flags in any case', async () => {
    const c = active()
    const r = await api(`${path(c)}/reports?Status=True&WARNINGS=1`)
    for (const item of r.body.items) {
      expect(['Successful', 'Warning', 'Failed', 'Missed']).toContain(item.status.name)
      expect(Array.isArray(item.warnings)).toBe(true)
    }
    const onlyStatus = await api(`${path(c)}/reports?status=true&warnings=false`)
    expect(onlyStatus.body.items[0]).toHaveProperty('status')
    expect(onlyStatus.body.items[0]).not.toHaveProperty('warnings')
    expect((await api(`${path(c)}/reports?status=maybe`)).status).toBe(400)
  })

  it('honours startDate/endDate (inclusive) and offset/limit', async () => {
    const c = active()
    const r = await api(`${path(c)}/reports?startDate=2025-05-01&endDate=2025-05-10T12:00:00Z&status=true`)
    expect(r.body.total).toBe(10)
    expect(r.body.items.map((i: J) => i.reportDate.slice(0, 10))).toEqual(Array.from({ length: 10 }, (_, i) => `2025-05-${String(i + 1).padStart(2, '0')}`))
    const page = await api(`${path(c)}/reports?startDate=2025-05-01&endDate=2025-05-10T12:00:00Z&status=true&offset=3&limit=4`)
    expect(page.body).toMatchObject({ total: 10, offset: 3 })
    expect(page.body.items).toEqual(r.body.items.slice(3, 7))
    // A window beyond the reference time holds only what exists.
    expect((await api(`${path(c)}/reports?startDate=2025-05-31&endDate=2030-01-01`)).body.total).toBe(2)
  })

  it('answers 400 bad_request for unparseable dates and a start after the end', async () => {
    const c = active()
    for (const q of ['startDate=yesterday', 'endDate=2025-13-45', 'startDate=2025-05-10&endDate=2025-05-01']) {
      const r = await api(`${path(c)}/reports?${q}`)
      expect(r.status, q).toBe(400)
      expect(r.body.code).toBe('bad_request')
    }
  })

  it('latest always carries status and warnings and matches the last listed report', async () => {
    const c = active()
    const latest = await api(`${path(c)}/reports/latest?userId=1`)
    expect(latest.status).toBe(200)
    expect(latest.body.reportDate).toBe(REF)
    expect(latest.body).toHaveProperty('status')
    expect(latest.body).toHaveProperty('warnings')
    const list = await api(`${path(c)}/reports?status=true&warnings=true`)
    expect(list.body.items.at(-1)).toEqual(latest.body)
    // Its href answers the same report; ids of other nodes or days outside the history are 404.
    expect((await api(latest.body.href.slice(sim.apiUrl.length))).body).toEqual(latest.body)
    expect((await api(`${path(c)}/reports/${latest.body.id + 1}`)).status).toBe(404)
    expect((await api(`${path(c)}/reports/${latest.body.id + 100_000}`)).status).toBe(404)
  })

  it('has no reports for a consumer without a node or with a never-activated node (latest 404)', async () => {
    const noNode = [...sim.state.consumers.values()].find((c) => c.nodeId === undefined)!
    const inactive = [...sim.state.consumers.values()].find((c) => c.nodeId !== undefined && !sim.state.nodes.get(c.nodeId)!.activatedDate)!
    for (const c of [noNode, inactive]) {
      const latest = await api(`${path(c)}/reports/latest`)
      expect(latest.status).toBe(404)
      expect(latest.body).toMatchObject({ code: 'not_found', message: `Consumer ${c.id} has no report.` })
      expect((await api(`${path(c)}/reports`)).body).toMatchObject({ total: 0, items: [] })
    }
  })

  it('starts the history the night after activation', async () => {
    const c = active()
    const activated = Date.parse(sim.state.nodes.get(c.nodeId!)!.activatedDate!)
    const r = await api(`${path(c)}/reports?startDate=2000-01-01`)
    expect(r.body.total).toBeGreaterThanOrEqual(35)
    expect(Date.parse(r.body.items[0].reportDate)).toBe((Math.floor((activated + 6 * 3_600_000) / DAY) + 1) * DAY)
  })

  it('404s unknown consumers and consumers of another unit; a deleted consumer’s reports are gone', async () => {
    const c = active()
    expect((await api(`bunits/${c.businessUnitId}/consumers/999999/reports/latest`)).status).toBe(404)
    const otherUnit = [...sim.state.bunits.keys()].find((id) => id !== c.businessUnitId)!
    expect((await api(`bunits/${otherUnit}/consumers/${c.id}/reports`)).status).toBe(404)
    expect((await api(`bunits/987654/consumers/${c.id}/reports`)).status).toBe(404)
    const victim = [...sim.state.consumers.values()].reverse().find((x) => x.nodeId !== undefined && sim.state.nodes.get(x.nodeId)!.activatedDate && !sim.state.nodes.get(x.nodeId)!.proxyAgents?.size && !sim.state.nodes.get(x.nodeId)!.proxyTargets?.size)!
    expect((await api(`${path(victim)}/reports/latest`)).status).toBe(200)
    expect((await api(path(victim), { method: 'DELETE' })).status).toBe(204)
    expect((await api(`${path(victim)}/reports/latest`)).status).toBe(404)
    expect((await api(`${path(victim)}/reports`)).status).toBe(404)
  })

  it('lists the node warning types', async () => {
    const r = await api('nodewarningtypes')
    expect(r.status).toBe(200)
    expect(r.body.total).toBe(4)
    expect(r.body.items.map((t: J) => [t.id, t.name, t.usesLimit])).toEqual([
      [1, 'Storage limit exceeded', true],
      [2, 'No activity', false],
      [3, 'Failed files', false],
      [4, 'Backup missed', false]
    ])
    for (const t of r.body.items) expect(Object.keys(t).sort()).toEqual(['createdDate', 'id', 'name', 'usesLimit'])
  })

  it('is deterministic for a seed and differs between seeds', async () => {
    const again = await startSimulator(opts)
    const other = await startSimulator({ ...opts, seed: 12 })
    try {
      const body = async (s: RunningSimulator, p: string) => {
        const token = (await login(s)).access_token
        return JSON.stringify((await call(s, p, {}, token)).body).replaceAll(s.apiUrl, '')
      }
      const c = active()
      const p = `${path(c)}/reports?status=true&warnings=true`
      expect(await body(again, p)).toBe(await body(sim, p))
      expect(await body(other, p)).not.toBe(await body(sim, p))
    } finally {
      await again.close()
      await other.close()
    }
  })
})

describe('simulator reports and user scope', () => {
  it('403s consumers outside the user’s unit', async () => {
    const probe = await startSimulator(opts)
    const root = probe.state.bunits.get(probe.state.rootId)!
    const [mine, theirs] = root.children as [number, number]
    await probe.close()
    const sim = await startSimulator({ ...opts, users: [{ username: 'tech@x.example', password: 'pw-123', businessUnitId: mine }] })
    try {
      const token = (await login(sim, 'tech@x.example', 'pw-123')).access_token
      const c = [...sim.state.consumers.values()].find((x) => x.businessUnitId === theirs)!
      const r = await call(sim, `bunits/${theirs}/consumers/${c.id}/reports/latest`, {}, token)
      expect(r.status).toBe(403)
      expect(r.body.code).toBe('forbidden')
      expect((await call(sim, `bunits/${theirs}/consumers/${c.id}/jobs/first`, {}, token)).status).toBe(403)
      expect((await call(sim, `bunits/${theirs}/billing`, {}, token)).status).toBe(403)
      expect((await call(sim, `bunits/${theirs}/invoices`, {}, token)).status).toBe(403)
    } finally {
      await sim.close()
    }
  })
})
