import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type ConsumerRec, type RunningSimulator } from '../../../src/simulator/index'
import { setSimHealth, startSimulatorProcess } from '../../helpers/processes'
import { call, login, session, type CallOptions, type J } from './helpers'

const REF = '2025-06-01T00:00:00.000Z'
const DAY = 86_400_000

const post = (baseUrl: string, body: unknown) =>
  fetch(`${baseUrl}/_sim/health`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as J
  }))

describe('simulator health test control', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 11, bunits: 20, consumers: 300, referenceTime: REF, testControl: true }))
  })
  afterAll(() => sim.close())

  const path = (c: { businessUnitId: number; id: number }) => `bunits/${c.businessUnitId}/consumers/${c.id}`
  const okConsumer = async (): Promise<ConsumerRec> => {
    for (const c of sim.state.consumers.values()) {
      const n = c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
      if (!n?.activatedDate || n.locked || Date.parse(n.activatedDate) > Date.parse(REF) - 60 * DAY) continue
      const latest = await api(`${path(c)}/reports/latest`)
      if (latest.body.status.name === 'Successful' && !sim.state.healthOverrides.has(c.id)) return c
    }
    throw new Error('no healthy consumer')
  }
  const statuses = async (c: ConsumerRec, days: number) =>
    (await api(`${path(c)}/reports?status=true&startDate=${new Date(Date.parse(REF) - (days - 1) * DAY).toISOString()}`)).body.items.map((i: J) => i.status?.name ?? null)
  const lastNightJobs = async (c: ConsumerRec) =>
    (await api(`${path(c)}/jobs/first?startTime=${new Date(Date.parse(REF) - DAY).toISOString()}&endTime=${REF}`)).body.items

  it('setHealth plants a failure streak: latest report, history and jobs follow; clearHealth undoes it', async () => {
    const c = await okConsumer()
    const before = await statuses(c, 5)
    expect(sim.setHealth({ consumerId: c.id, status: 'failed', days: 3 })).toEqual({ consumerId: c.id, businessUnitId: c.businessUnitId, status: 'failed', days: 3, bogusJobDate: false })
    expect((await api(`${path(c)}/reports/latest`)).body.status.name).toBe('Failed')
    expect(await statuses(c, 5)).toEqual([...before.slice(0, 2), 'Failed', 'Failed', 'Failed'])
    const backup = (await lastNightJobs(c)).find((j: J) => j.type.name === 'Backup')
    expect(backup.status.name).toBe('Failed')
    expect(backup.failedFiles).toBeGreaterThan(0)
    sim.clearHealth(c.id)
    expect(await statuses(c, 5)).toEqual(before)
  })

  it('missed: no backup job, a no-activity warning counting the nights; warning and ok statuses', async () => {
    const c = await okConsumer()
    sim.setHealth({ consumerId: c.id, status: 'missed', days: 4 })
    const latest = (await api(`${path(c)}/reports/latest`)).body
    expect(latest.status.name).toBe('Missed')
    if (c.allowNoActivity) expect(latest.warnings.map((w: J) => w.type.id)).toContain(4)
    else expect(latest.warnings.find((w: J) => w.type.id === 2)).toMatchObject({ type: { name: 'No activity' }, days: 4 })
    expect(latest.transferredMegaBytes).toBe(0)
    expect(await lastNightJobs(c)).toEqual([])
    sim.setHealth({ consumerId: c.id, status: 'warning' })
    const warned = (await api(`${path(c)}/reports/latest`)).body
    expect(warned.status.name).toBe('Warning')
    expect(warned.warnings.map((w: J) => w.type.name)).toContain('Failed files')
    expect((await lastNightJobs(c)).find((j: J) => j.type.name === 'Backup').status.name).toBe('Completed with warnings')
    sim.setHealth({ consumerId: c.id, status: 'ok' })
    const ok = (await api(`${path(c)}/reports/latest`)).body
    expect(ok.status.name).toBe('Successful')
    expect(ok.warnings).toEqual([])
    sim.clearHealth()
    expect(sim.state.healthOverrides.size).toBe(0)
  })

  it('faults: a report without status and jobs with bogus dates', async () => {
    const c = await okConsumer()
    sim.setHealth({ consumerId: c.id, status: 'no-status' })
    const latest = (await api(`${path(c)}/reports/latest`)).body
    expect(latest).not.toHaveProperty('status')
    expect(latest).toHaveProperty('megaBytes')
    expect((await api(`${path(c)}/reports?status=true`)).body.items.at(-2)).toHaveProperty('status')
    sim.setHealth({ consumerId: c.id, bogusJobDate: true })
    // The earlier plant is kept: both faults at once.
    expect(sim.state.healthOverrides.get(c.id)).toEqual({ status: 'no-status', days: 1, bogusJobDate: true })
    const jobs = await lastNightJobs(c)
    expect(jobs.length).toBeGreaterThan(0)
    for (const j of jobs) {
      expect(j.completed).toBe('0001-01-01T00:00:00')
      expect(Number.isNaN(Date.parse(j.actualStart))).toBe(true)
    }
    sim.clearHealth(c.id)
    for (const j of await lastNightJobs(c)) expect(j.completed).not.toBe('0001-01-01T00:00:00')
  })

  it('a planted status gives a node activated after the reference time its planted nights', async () => {
    const unit = [...sim.state.bunits.values()][1]!
    const created = (await api(`bunits/${unit.id}/consumers`, { method: 'POST', json: { name: 'E2E-Fresh' } })).body
    const c = { businessUnitId: unit.id, id: created.id as number }
    await api(`${path(c)}/node`, { method: 'POST', json: { operatingSystem: { id: 1 }, type: { id: 1 }, domain: { id: 1 } } })
    expect(() => sim.setHealth({ consumerId: c.id, status: 'failed' })).toThrow(/no activated backup node/)
    await api(`${path(c)}/node/activate?tsmName=E2E-FRESH`)
    expect((await api(`${path(c)}/reports/latest`)).status).toBe(404)
    sim.setHealth({ consumerName: 'e2e-fresh', status: 'failed', days: 2 })
    expect((await api(`${path(c)}/reports?status=true`)).body.items.map((i: J) => i.status.name)).toEqual(['Failed', 'Failed'])
    expect((await api(`${path(c)}/jobs/first`)).status).toBe(200)
  })

  it('rejects bad plants with clear errors and changes nothing', () => {
    const c = [...sim.state.consumers.values()].find((x) => x.nodeId !== undefined && sim.state.nodes.get(x.nodeId)!.activatedDate)!
    expect(() => sim.setHealth({ consumerId: c.id, status: 'broken' as 'ok' })).toThrow(/'status' must be one of/)
    expect(() => sim.setHealth({ consumerId: c.id, status: 'failed', days: 0 })).toThrow(/'days'/)
    expect(() => sim.setHealth({ consumerId: c.id })).toThrow(/'status' and\/or 'bogusJobDate'/)
    expect(() => sim.setHealth({ consumerId: 999_999, status: 'failed' })).toThrow(/not found/)
    expect(() => sim.setHealth({ status: 'failed' })).toThrow(/consumerId/)
    expect(sim.state.healthOverrides.has(c.id)).toBe(false)
  })

  it('POST /_sim/health plants over HTTP without OAuth; errors are JSON', async () => {
    const c = await okConsumer()
    const r = await post(sim.url, { ConsumerId: c.id, Status: 'Failed', days: 2 })
    expect(r).toEqual({ status: 200, body: { consumerId: c.id, businessUnitId: c.businessUnitId, status: 'failed', days: 2, bogusJobDate: false } })
    expect((await api(`${path(c)}/reports/latest`)).body.status.name).toBe('Failed')
    expect(await post(sim.url, { consumerId: c.id, clear: true })).toEqual({ status: 200, body: { cleared: c.id } })
    expect((await api(`${path(c)}/reports/latest`)).body.status.name).toBe('Successful')
    const bad = await post(sim.url, { consumerId: c.id, status: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ status: 400, code: 'validation_error' })
    expect((await post(sim.url, { consumerId: 999_999, status: 'failed' })).status).toBe(404)
    const noNode = [...sim.state.consumers.values()].find((x) => x.nodeId === undefined)!
    expect((await post(sim.url, { consumerId: noNode.id, status: 'failed' })).status).toBe(409)
    const get = await fetch(`${sim.url}/_sim/health`)
    expect(get.status).toBe(405)
    expect((await post(sim.url, { clear: true })).body).toEqual({ cleared: 'all' })
  })

  it('injected faults and latency leave test control alone', async () => {
    sim.faults.failNext(1, 500)
    expect((await post(sim.url, { clear: true })).status).toBe(200)
    expect((await api('fullVersion')).status).toBe(500)
    sim.faults.reset()
  })
})

describe('simulator health test control switched off', () => {
  it('answers 404 on /_sim/health unless testControl is on; setHealth still works', async () => {
    const sim = await startSimulator({ seed: 11, bunits: 5, consumers: 40, referenceTime: REF })
    try {
      const c = [...sim.state.consumers.values()].find((x) => x.nodeId !== undefined && sim.state.nodes.get(x.nodeId)!.activatedDate)!
      const r = await post(sim.url, { consumerId: c.id, status: 'failed' })
      expect(r.status).toBe(404)
      expect(r.body.code).toBe('not_found')
      expect(sim.state.healthOverrides.size).toBe(0)
      sim.setHealth({ consumerId: c.id, status: 'failed' })
      const token = (await login(sim)).access_token
      expect((await call(sim, `bunits/${c.businessUnitId}/consumers/${c.id}/reports/latest`, {}, token)).body.status.name).toBe('Failed')
    } finally {
      await sim.close()
    }
  })

  it('the CLI process serves test control with --test-control and still prints its URL first', async () => {
    const proc = await startSimulatorProcess(['--test-control', '--consumers', '30', '--bunits', '3'])
    try {
      const base = proc.apiUrl.replace(/\/v1\/$/, '')
      const r = await post(base, { consumerId: 999_999, status: 'failed' })
      expect(r.status).toBe(404)
      expect(r.body.message).toContain('Consumer 999999')
      expect(proc.output()).not.toContain('_sim')
      await expect(setSimHealth(proc, { consumerId: 999_999, status: 'failed' })).rejects.toThrow(/answered 404/)
      expect(await setSimHealth(proc, { clear: true })).toEqual({ cleared: 'all' })
    } finally {
      await proc.stop()
    }
  })
})
