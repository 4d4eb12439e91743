/**
 * Backup health through the real core: simulator over HTTP, real SQLite, the dispatcher as the
 * renderer calls it. Failures are planted on the simulator (`setHealth`) and read back through
 * the Health view's calls.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import type { EventName, InputOf, MethodName, OutputOf } from '../../../../src/shared/ipc/contract'
import type { HealthAccountSummary } from '../../../../src/shared/ipc/health-models'

import { callCore, nextCoreEvent } from '../../../helpers/core-calls'

process.env.DESK_QUIET = '1'

let sim: RunningSimulator
let core: AppCore

async function call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  return callCore(core, method, input)
}

function nextEvent<T>(name: EventName, predicate: (payload: T) => boolean = () => true): Promise<T> {
  return nextCoreEvent<T>(core, name, predicate)
}

const refreshed = () => nextEvent<HealthAccountSummary>('healthChanged', (s) => !s.refreshing)

/** Adds the account; its first sync and the health pass after it run by themselves. */
async function addAccount(): Promise<string> {
  const health = refreshed()
  const added = await call('addAccount', {
    apiUrl: sim.apiUrl,
    clientId: 'desk-demo',
    origin: 'http://localhost',
    username: 'demo@example.com',
    password: 'demo',
    displayName: 'Acme',
    secretMode: 'session'
  })
  expect(await health).toMatchObject({ accountId: added.id, lastError: null })
  return added.id
}

/** Activated consumers, from the cache the sync filled. */
async function activated(accountId: string) {
  const tree = await call('getTree', { accountId })
  const rows = await call('listConsumers', { accountId, bunitId: tree.root!.id, includeDescendants: true })
  return rows.filter((r) => r.activated)
}

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 7, bunits: 6, consumers: 60 })
  core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'desk-health-')), host: 'browser', version: 'test' })
})

afterEach(async () => {
  await core.close()
  await sim.close()
})

describe('backup health through the core', () => {
  it('refreshes after the first sync and lists planted failures worst first, with names and since', async () => {
    const accountId = await addAccount()
    const [a, b, c] = await activated(accountId)
    sim.setHealth({ consumerId: a!.id, status: 'failed', days: 3 })
    sim.setHealth({ consumerId: b!.id, status: 'missed', days: 1 })
    sim.setHealth({ consumerId: c!.id, status: 'ok', days: 5 })
    const done = refreshed()
    await call('refreshHealth', { accountId })
    await done

    const overview = await call('getHealth', {})
    const byId = new Map(overview.problems.map((p) => [p.consumerId, p]))
    expect(byId.get(a!.id)).toMatchObject({ state: 'failed', consumerName: a!.name, accountName: 'Acme', bunitPath: a!.bunitPath })
    expect(byId.get(a!.id)?.since).not.toBeNull()
    expect(byId.get(b!.id)?.state).toBe('missed')
    expect(byId.has(c!.id)).toBe(false)
    // Worst first: no problem is listed after a milder one.
    const severities = overview.problems.map((p) => ['ok', 'never-activated', 'unknown', 'warning', 'missed', 'failed'].indexOf(p.state))
    expect([...severities].sort((x, y) => y - x)).toEqual(severities)
    expect(overview.counts.ok + overview.counts.failed + overview.counts.missed + overview.counts.warning + overview.counts.unknown + overview.counts['never-activated']).toBeGreaterThan(0)
    expect(overview.accounts[0]).toMatchObject({ accountId, refreshing: false, lastError: null, intervalMinutes: 60 })

    // The failed consumer's unit and its ancestors carry a badge.
    const badges = await call('getUnitHealthBadges', { accountId })
    expect(badges.find((x) => x.bunitId === a!.bunitId)?.worst).toMatch(/failed|missed/)
  })

  it('says what changed: newly failing, and recovered after the next refresh', async () => {
    const accountId = await addAccount()
    const [a] = await activated(accountId)
    sim.setHealth({ consumerId: a!.id, status: 'ok', days: 3 })
    let done = refreshed()
    await call('refreshHealth', { accountId })
    await done

    sim.setHealth({ consumerId: a!.id, status: 'failed', days: 1 })
    done = refreshed()
    await call('refreshHealth', { accountId })
    await done
    let overview = await call('getHealth', { accountId })
    expect(overview.changes.newlyFailing.map((c) => c.consumerId)).toContain(a!.id)
    const failed = overview.problems.find((p) => p.consumerId === a!.id)!
    // It failed last night only, so the last success is the night before.
    expect(Date.parse(failed.since!) - Date.parse(failed.lastSuccessAt!)).toBe(86_400_000)

    sim.setHealth({ consumerId: a!.id, status: 'ok', days: 1 })
    done = refreshed()
    await call('refreshHealth', { accountId })
    await done
    overview = await call('getHealth', { accountId })
    expect(overview.changes.recovered).toContainEqual(expect.objectContaining({ consumerId: a!.id, from: 'failed', to: 'ok', consumerName: a!.name }))
  })

  it('a report without a status is unknown with the reason; the rest of the pass is unaffected', async () => {
    const accountId = await addAccount()
    const [a, b] = await activated(accountId)
    sim.setHealth({ consumerId: a!.id, status: 'no-status' })
    sim.setHealth({ consumerId: b!.id, status: 'failed' })
    const done = refreshed()
    await call('refreshHealth', { accountId })
    await done
    const { problems } = await call('getHealth', { accountId })
    expect(problems.find((p) => p.consumerId === a!.id)).toMatchObject({ state: 'unknown', note: expect.stringMatching(/without a status/) })
    expect(problems.find((p) => p.consumerId === b!.id)?.state).toBe('failed')
  })

  it('a failed pass keeps the previous health and says why once', async () => {
    const accountId = await addAccount()
    const before = await call('getHealth', { accountId })
    sim.faults.offline = true
    const done = refreshed()
    await call('refreshHealth', { accountId })
    const summary = await done
    expect(summary.lastError).toMatch(/previous health is kept/)
    expect(summary.lastError!.match(/could not be refreshed/g)).toHaveLength(1)
    const after = await call('getHealth', { accountId })
    expect(after.counts).toEqual(before.counts)
    expect(after.accounts[0]?.refreshedAt).toBe(before.accounts[0]?.refreshedAt)
  })

  it('fetches jobs and history on demand, caches them, and reads them back offline', async () => {
    const accountId = await addAccount()
    const [a] = await activated(accountId)
    const empty = await call('getConsumerHealth', { accountId, bunitId: a!.bunitId, consumerId: a!.id })
    expect(empty.jobs.fetchedAt).toBeNull()
    expect(empty.health?.consumerId).toBe(a!.id)

    const jobs = await call('fetchConsumerJobs', { accountId, bunitId: a!.bunitId, consumerId: a!.id, days: 7 })
    expect(jobs.jobs.length).toBeGreaterThan(0)
    expect(jobs.jobs[0]).toMatchObject({ type: expect.any(String), status: expect.any(String) })
    const history = await call('fetchReportHistory', { accountId, bunitId: a!.bunitId, consumerId: a!.id, days: 30 })
    expect(history.points.length).toBeGreaterThanOrEqual(28)
    expect(history.points.every((p, i) => i === 0 || p.date > history.points[i - 1]!.date)).toBe(true)

    await sim.close()
    const cached = await call('getConsumerHealth', { accountId, bunitId: a!.bunitId, consumerId: a!.id })
    expect(cached.jobs).toEqual(jobs)
    expect(cached.history).toEqual(history)
    await expect(call('fetchConsumerJobs', { accountId, bunitId: a!.bunitId, consumerId: a!.id, days: 1 })).rejects.toMatchObject({ kind: 'network' })
    sim = await startSimulator({ port: 0, seed: 7, bunits: 2, consumers: 2 })
  })

  it('a job with a bogus date is shown without it, with a word, and nothing is lost', async () => {
    const accountId = await addAccount()
    const [a] = await activated(accountId)
    sim.setHealth({ consumerId: a!.id, bogusJobDate: true })
    const jobs = await call('fetchConsumerJobs', { accountId, bunitId: a!.bunitId, consumerId: a!.id, days: 1 })
    const odd = jobs.jobs.filter((j) => j.problems.length > 0)
    expect(odd.length).toBeGreaterThan(0)
    expect(odd[0]!.completed).toBeNull()
  })

  it('usage per unit rolls up stored data, billing is fetched for the root, exports carry the rows', async () => {
    const accountId = await addAccount()
    const tree = await call('getTree', { accountId })
    const usage = await call('getUnitUsage', { accountId, bunitId: tree.root!.id })
    expect(usage.unit.totalStoredMB).toBeGreaterThan(0)
    expect(usage.unit.totalStoredMB).toBeCloseTo(usage.unit.storedMB + usage.children.reduce((s, c) => s + c.totalStoredMB, 0), 3)
    const billing = await call('fetchUnitBilling', { accountId, bunitId: tree.root!.id })
    expect(billing.items.length + billing.invoices.length).toBeGreaterThan(0)
    expect((await call('getUnitUsage', { accountId, bunitId: tree.root!.id })).billing.fetchedAt).toBe(billing.fetchedAt)

    const csv = await call('exportData', { accountId, scope: 'usage', format: 'csv', bunitId: tree.root!.id })
    expect(csv.content.split('\r\n')[0]).toContain('Stored with sub-units (MB)')
    const health = await call('exportData', { accountId: '*', scope: 'health', format: 'json' })
    expect(JSON.parse(health.content)).toMatchObject({ format: 'cloutility-desk-health', accounts: [{ accountId }] })
  })

  it('the schedule refreshes signed-in accounts whose health is due, never twice at once', async () => {
    const accountId = await addAccount()
    await call('setHealthSettings', { accountId, intervalMinutes: 5 })
    expect((await call('getHealth', { accountId })).accounts[0]?.intervalMinutes).toBe(5)
    const now = Date.now()
    expect(core.health.refreshDue(now)).toEqual([])
    const done = refreshed()
    expect(core.health.refreshDue(now + 6 * 60_000)).toEqual([accountId])
    expect(core.health.refreshDue(now + 6 * 60_000)).toEqual([])
    await done
    await call('setHealthSettings', { accountId, intervalMinutes: 0 })
    expect(core.health.refreshDue(now + 365 * 86_400_000)).toEqual([])
  })

  it('refuses a refresh before the first sync, and bad settings, with clear errors', async () => {
    await expect(call('setHealthSettings', { accountId: 'nope', intervalMinutes: 2000 })).rejects.toMatchObject({
      kind: 'invalid-input',
      details: { fields: { intervalMinutes: 'At most 1440 minutes (a day)' } }
    })
    await expect(call('refreshHealth', { accountId: 'nope' })).rejects.toMatchObject({ kind: 'not-found' })
  })
})
