import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConsumerRec, RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

const REF = '2025-06-01T00:00:00.000Z'
const DAY = 86_400_000

describe('simulator jobs', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 11, bunits: 20, consumers: 400, referenceTime: REF }))
  })
  afterAll(() => sim.close())

  const path = (c: { businessUnitId: number; id: number }) => `bunits/${c.businessUnitId}/consumers/${c.id}`
  const activeNodes = () =>
    [...sim.state.consumers.values()].filter((c) => {
      const n = c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
      return n?.activatedDate && !n.locked && Date.parse(n.activatedDate) < Date.parse(REF) - 60 * DAY
    })
  const latestStatus = async (c: ConsumerRec) => (await api(`${path(c)}/reports/latest`)).body.status.name as string

  it('jobs/first without a window answers a bogus Job whose completed is the first job', async () => {
    const c = activeNodes()[0]!
    const r = await api(`${path(c)}/jobs/first`)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ id: 0, businessUnitId: 0, consumerId: 0, examinedFiles: 0, transferredMegaBytes: 0, name: '' })
    const completed = Date.parse(r.body.completed)
    const activated = Date.parse(sim.state.nodes.get(c.nodeId!)!.activatedDate!)
    expect(completed).toBeGreaterThan(activated)
    expect(completed - activated).toBeLessThan(5 * DAY)
    // The first job is the oldest one listed from that moment on.
    const list = await api(`${path(c)}/jobs/first?startTime=${encodeURIComponent(r.body.completed)}&endTime=${new Date(completed + 3 * DAY).toISOString()}`)
    expect(list.body.items[0].completed).toBe(r.body.completed)
  })

  it('lists jobs of a window with consistent fields, oldest first', async () => {
    const c = activeNodes()[0]!
    const r = await api(`${path(c)}/jobs/first?startTime=2025-05-01T00:00:00Z&endTime=2025-06-01T00:00:00Z`)
    expect(r.status).toBe(200)
    expect(r.body.total).toBe(r.body.items.length)
    expect(r.body.items.length).toBeGreaterThanOrEqual(20)
    const completed = r.body.items.map((j: J) => j.completed)
    expect([...completed].sort()).toEqual(completed)
    for (const j of r.body.items) {
      expect(Date.parse(j.completed)).toBeGreaterThanOrEqual(Date.parse('2025-05-01T00:00:00Z'))
      expect(Date.parse(j.completed)).toBeLessThanOrEqual(Date.parse(REF))
      expect(['Backup', 'Archive', 'Restore']).toContain(j.type.name)
      expect(['Completed', 'Completed with warnings', 'Failed']).toContain(j.status.name)
      expect(j).toMatchObject({ consumerId: c.id, businessUnitId: c.businessUnitId, serverId: 1 })
      expect(j.duration).toMatch(/^(\d+\.)?\d\d:\d\d:\d\d$/)
      expect(Date.parse(j.actualStart)).toBeLessThanOrEqual(Date.parse(j.completed))
      expect(j.transferredGigaBytes).toBeCloseTo(j.transferredMegaBytes / 1024, 2)
      expect(j.affectedFiles).toBeLessThanOrEqual(j.examinedFiles)
      if (j.status.name === 'Completed') expect(j.failedFiles).toBe(0)
      else expect(j.failedFiles).toBeGreaterThan(0)
    }
    // A job's href answers that job.
    const j = r.body.items[3]
    expect((await api(j.href.slice(sim.apiUrl.length))).body).toEqual(j)
    expect((await api(`${path(c)}/jobs/${j.id + 5}`)).status).toBe(404)
  })

  it('jobs agree with the night’s report: failed → failed backup, missed → no backup', async () => {
    let failed: ConsumerRec | undefined
    let missed: ConsumerRec | undefined
    for (const c of activeNodes()) {
      const s = await latestStatus(c)
      if (s === 'Failed') failed ??= c
      if (s === 'Missed') missed ??= c
      if (failed && missed) break
    }
    const lastNight = `startTime=${new Date(Date.parse(REF) - DAY).toISOString()}&endTime=${REF}`
    const f = await api(`${path(failed!)}/jobs/first?${lastNight}`)
    const backup = f.body.items.find((j: J) => j.type.name === 'Backup')
    expect(backup).toMatchObject({ status: { name: 'Failed' }, result: 12 })
    expect(backup.failedFiles).toBeGreaterThan(0)
    const report = (await api(`${path(failed!)}/reports/latest`)).body
    const sent = f.body.items.reduce((s: number, j: J) => s + j.transferredMegaBytes, 0)
    expect(report.transferredMegaBytes).toBeCloseTo(sent, 1)
    const m = await api(`${path(missed!)}/jobs/first?${lastNight}`)
    expect(m.body.items.filter((j: J) => j.type.name === 'Backup')).toEqual([])
  })

  it('only endTime: the 24 hours before it; only startTime: up to now', async () => {
    const c = activeNodes()[1]!
    const end = await api(`${path(c)}/jobs/first?endTime=${REF}`)
    for (const j of end.body.items) expect(Date.parse(j.completed)).toBeGreaterThanOrEqual(Date.parse(REF) - DAY)
    const both = await api(`${path(c)}/jobs/first?startTime=${new Date(Date.parse(REF) - DAY).toISOString()}&endTime=${REF}`)
    expect(end.body).toEqual(both.body)
    const start = await api(`${path(c)}/jobs/first?startTime=2025-05-25T00:00:00Z`)
    const window = await api(`${path(c)}/jobs/first?startTime=2025-05-25T00:00:00Z&endTime=${REF}`)
    expect(start.body.items).toEqual(window.body.items)
    expect(start.body.total).toBeGreaterThanOrEqual(5)
  })

  it('refuses a startTime before the first job, and bad dates, with 400 bad_request', async () => {
    const c = activeNodes()[0]!
    const first = (await api(`${path(c)}/jobs/first`)).body.completed
    const early = await api(`${path(c)}/jobs/first?startTime=${new Date(Date.parse(first) - 1000).toISOString()}&endTime=${REF}`)
    expect(early.status).toBe(400)
    expect(early.body.code).toBe('bad_request')
    expect(early.body.message).toContain('first job')
    expect(early.body.message).toContain(first)
    for (const q of ['startTime=soon', 'endTime=2025-02-30T00:00:00Z&startTime=2025-05-01', 'startTime=2025-05-10&endTime=2025-05-01']) {
      const r = await api(`${path(c)}/jobs/first?${q}`)
      expect(r.status, q).toBe(400)
      expect(r.body.code).toBe('bad_request')
    }
  })

  it('404s a node that never ran a job and a consumer without a node', async () => {
    const inactive = [...sim.state.consumers.values()].find((c) => c.nodeId !== undefined && !sim.state.nodes.get(c.nodeId)!.activatedDate)!
    const noNode = [...sim.state.consumers.values()].find((c) => c.nodeId === undefined)!
    for (const c of [inactive, noNode]) {
      const r = await api(`${path(c)}/jobs/first`)
      expect(r.status).toBe(404)
      expect(r.body).toMatchObject({ code: 'not_found', message: `Consumer ${c.id} has no jobs.` })
      expect((await api(`${path(c)}/jobs/first?endTime=${REF}`)).status).toBe(404)
    }
  })

  it('a node activated through the API has no reports or jobs until the next night', async () => {
    const unit = [...sim.state.bunits.values()][1]!
    const created = (await api(`bunits/${unit.id}/consumers`, { method: 'POST', json: { name: 'NewLaptop' } })).body
    const c = { businessUnitId: unit.id, id: created.id as number }
    expect((await api(`${path(c)}/node`, { method: 'POST', json: { operatingSystem: { id: 1 }, type: { id: 2 }, domain: { id: 1 } } })).status).toBe(200)
    expect((await api(`${path(c)}/node/activate?tsmName=NEWLAPTOP`)).status).toBe(200)
    expect((await api(`${path(c)}/reports/latest`)).status).toBe(404)
    expect((await api(`${path(c)}/reports`)).body.total).toBe(0)
    expect((await api(`${path(c)}/jobs/first`)).status).toBe(404)
  })
})
