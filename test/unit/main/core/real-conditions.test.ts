/**
 * Issue 14 through the real core (real simulator over HTTP, real SQLite cache): writes whose
 * answer is lost after the portal acted (the simulator acts, then destroys the socket instead of
 * answering: `faults.dropAnswerNext`), and the background sync schedule (driven with its own
 * clock, no waiting).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import type { MethodName, InputOf, OutputOf, EventName } from '../../../../src/shared/ipc/contract'
import { DeskError } from '../../../../src/shared/errors'
import { testServiceName } from '../../../helpers/keyring'

import { callCore, nextCoreEvent } from '../../../helpers/core-calls'

process.env.DESK_QUIET = '1'

let sim: RunningSimulator
let core: AppCore

async function call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  return callCore(core, method, input)
}

function nextEvent(name: EventName, predicate: (payload: never) => boolean = () => true): Promise<unknown> {
  return nextCoreEvent<never>(core, name, predicate)
}

async function addAndSync(): Promise<{ id: string; rootId: number }> {
  const synced = nextEvent('syncProgress', (p: { phase: string }) => p.phase === 'done' || p.phase === 'failed')
  const added = await call('addAccount', {
    apiUrl: sim.apiUrl,
    clientId: 'desk-demo',
    origin: 'http://localhost',
    username: 'demo@example.com',
    password: 'demo',
    displayName: 'Acme',
    secretMode: 'session' as const
  })
  expect(await synced).toMatchObject({ phase: 'done' })
  const tree = await call('getTree', { accountId: added.id })
  return { id: added.id, rootId: tree.root.id }
}

const onPortal = (name: string) => [...sim.state.consumers.values()].filter((c) => c.name === name)

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 11, bunits: 4, consumers: 12 })
  core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'desk-lost-')), host: 'browser', version: 'test', vault: { service: testServiceName() } })
})

afterEach(async () => {
  await core.close()
  await sim.close()
})

describe('creates whose answer is lost', () => {
  it('20 creates with 8 answers lost make exactly 20 consumers, each reported created', async () => {
    const { id, rootId } = await addAndSync()
    const path = `POST /v1/bunits/${rootId}/consumers`
    // Every other create of the first 16 loses its answer after the portal acted.
    const results: { name: string; id: number }[] = []
    for (let i = 0; i < 20; i++) {
      if (i % 2 === 0 && i < 16) sim.faults.dropAnswerNext(1, path)
      const created = await call('createConsumer', { accountId: id, bunitId: rootId, name: `LOST-${i}` })
      results.push({ name: created.consumer.name, id: created.consumer.id })
      sim.faults.reset()
    }
    for (let i = 0; i < 20; i++) {
      const found = onPortal(`LOST-${i}`)
      expect(found, `LOST-${i}`).toHaveLength(1)
      expect(results[i]).toEqual({ name: `LOST-${i}`, id: found[0]!.id })
    }
    const cached = await call('listConsumers', { accountId: id, bunitId: rootId })
    expect(cached.filter((c) => c.name.startsWith('LOST-'))).toHaveLength(20)
  })

  it('a create that never reached the portal is reported "not created", and a retry makes one', async () => {
    const { id, rootId } = await addAndSync()
    sim.faults.dropNext(1, `POST /v1/bunits/${rootId}/consumers`)
    const error = await call('createConsumer', { accountId: id, bunitId: rootId, name: 'NEVER' }).catch((e: unknown) => e as DeskError)
    expect(error).toBeInstanceOf(DeskError)
    expect(error).toMatchObject({ kind: 'network', details: { outcome: 'not-created' } })
    expect((error as DeskError).message).toMatch(/was not created \(checked on the portal\)/)
    expect(onPortal('NEVER')).toHaveLength(0)
    await call('createConsumer', { accountId: id, bunitId: rootId, name: 'NEVER' })
    expect(onPortal('NEVER')).toHaveLength(1)
  })

  it('a same-named consumer that was already there is not mistaken for the lost one', async () => {
    const { id, rootId } = await addAndSync()
    await call('createConsumer', { accountId: id, bunitId: rootId, name: 'TWIN' })
    sim.faults.dropNext(1, `POST /v1/bunits/${rootId}/consumers`)
    await expect(call('createConsumer', { accountId: id, bunitId: rootId, name: 'TWIN' })).rejects.toMatchObject({
      details: { outcome: 'not-created' }
    })
  })

  it('when the portal cannot be asked either, the outcome is "unknown" and says to sync first', async () => {
    const { id, rootId } = await addAndSync()
    sim.faults.dropAnswerNext(1, `POST /v1/bunits/${rootId}/consumers`)
    sim.faults.dropNext(20, `GET /v1/bunits/${rootId}/consumers`)
    const error = await call('createConsumer', { accountId: id, bunitId: rootId, name: 'MAYBE' }).catch((e: unknown) => e as DeskError)
    expect(error).toMatchObject({ kind: 'network', details: { outcome: 'unknown' } })
    expect((error as DeskError).message).toMatch(/Sync before trying again/)
  })
})

describe('node creates whose answer is lost', () => {
  it('a node whose answer was lost is found on the portal and reported created', async () => {
    const { id, rootId } = await addAndSync()
    const reference = await call('getReference', { accountId: id })
    const os = reference.operatingSystems.find((o) => o.supportedNodeTypeIds.length > 0)!
    const node = { operatingSystemId: os.id, typeId: os.supportedNodeTypeIds[0]!, domainId: reference.domains[0]!.id, clientOptionSetId: reference.optionSets[0]!.id }
    sim.faults.dropAnswerNext(1, /^POST \/v1\/bunits\/\d+\/consumers\/\d+\/node$/)
    const created = await call('createConsumer', { accountId: id, bunitId: rootId, name: 'WITH-NODE', node })
    expect(created.consumer.hasNode).toBe(true)
    const onSim = onPortal('WITH-NODE')
    expect(onSim).toHaveLength(1)
    expect(onSim[0]!.nodeId).toBeDefined()
  })
})

describe('deletes whose answer is lost', () => {
  it('a delete retried into 404 is reported done and the cache drops the row', async () => {
    const { id, rootId } = await addAndSync()
    const created = await call('createConsumer', { accountId: id, bunitId: rootId, name: 'DOOMED' })
    sim.faults.dropAnswerNext(1, `DELETE /v1/bunits/${rootId}/consumers/${created.consumer.id}`)
    await call('deleteConsumer', { accountId: id, bunitId: rootId, consumerId: created.consumer.id, deleteAssociations: true })
    expect(onPortal('DOOMED')).toHaveLength(0)
    const cached = await call('listConsumers', { accountId: id, bunitId: rootId })
    expect(cached.find((c) => c.id === created.consumer.id)).toBeUndefined()
  })

  it('a delete of something already gone says so and drops it from the cache too', async () => {
    const { id, rootId } = await addAndSync()
    const created = await call('createConsumer', { accountId: id, bunitId: rootId, name: 'GHOST' })
    sim.state.consumers.delete(created.consumer.id)
    const unit = sim.state.bunits.get(rootId)!
    unit.consumerIds = unit.consumerIds.filter((c) => c !== created.consumer.id)
    await expect(call('deleteConsumer', { accountId: id, bunitId: rootId, consumerId: created.consumer.id, deleteAssociations: true })).rejects.toMatchObject({
      kind: 'not-found',
      details: { removedLocally: true }
    })
    const cached = await call('listConsumers', { accountId: id, bunitId: rootId })
    expect(cached.find((c) => c.id === created.consumer.id)).toBeUndefined()
  })
})

describe('bulk creation after lost answers', () => {
  it('a run with lost answers creates each row once; the preview then counts them; a re-run creates nothing', async () => {
    const { id, rootId } = await addAndSync()
    const csv = ['name', ...Array.from({ length: 10 }, (_, i) => `BULK-${i}`)].join('\n')
    sim.faults.dropAnswerNext(4, `POST /v1/bunits/${rootId}/consumers`)
    const first = await call('runBulkCreate', { accountId: id, bunitId: rootId, csv, runId: 'r1' })
    expect(first.map((r) => r.status)).toEqual(Array(10).fill('created'))
    expect(first.filter((r) => /answer was lost/.test(r.message ?? ''))).toHaveLength(4)
    for (let i = 0; i < 10; i++) expect(onPortal(`BULK-${i}`)).toHaveLength(1)

    // Someone else (another technician, or a run whose answers were all lost) adds rows the cache
    // has never seen: the preview re-reads the unit and counts them as existing.
    const extra = ['name', 'BULK-0', 'OTHER-1'].join('\n')
    await fetchCreate(rootId, 'OTHER-1')
    const preview = await call('previewBulkCreate', { accountId: id, bunitId: rootId, csv: extra })
    expect(preview.rows.map((r) => r.existing)).toEqual([true, true])

    const again = await call('runBulkCreate', { accountId: id, bunitId: rootId, csv, runId: 'r2' })
    expect(again.map((r) => r.status)).toEqual(Array(10).fill('skipped'))
    for (let i = 0; i < 10; i++) expect(onPortal(`BULK-${i}`)).toHaveLength(1)
  })
})

/** A create behind the app's back, through the portal's own API (a second client). */
async function fetchCreate(bunitId: number, name: string): Promise<void> {
  const { CloutilityClient } = await import('../../../../src/main/cloutility')
  const d = sim.defaults
  const other = new CloutilityClient({ apiUrl: sim.apiUrl, clientId: d.clientId, origin: d.origin, username: d.username, getPassword: async () => d.password })
  await other.consumers.create(bunitId, { name })
}

describe('background sync', () => {
  const MINUTE = 60_000

  it('syncs an account once its interval (plus jitter) has passed, never twice at once', async () => {
    // The health pass that follows a sync counts as work: the account is idle once it is done.
    const healthDone = nextEvent('healthProgress', (p: { phase: string }) => p.phase === 'done' || p.phase === 'failed')
    const { id } = await addAndSync()
    await healthDone
    const now = Date.now()
    expect(core.syncSchedule.syncDue(now)).toEqual([])
    expect(core.syncSchedule.syncDue(now + 29 * MINUTE)).toEqual([])
    const status = await call('getEstateStatus', { accountId: id })
    expect(status.syncIntervalMinutes).toBe(30)

    // 30 minutes plus at most a tenth of it as jitter.
    const done = nextEvent('syncProgress', (p: { phase: string }) => p.phase === 'done')
    expect(core.syncSchedule.syncDue(now + 33.1 * MINUTE)).toEqual([id])
    expect((await call('getEstateStatus', { accountId: id })).syncing).toBe(true)
    expect(core.syncSchedule.syncDue(now + 34 * MINUTE)).toEqual([]) // already running
    await done
    // The attempt counts: the next one is a full interval later.
    expect(core.syncSchedule.syncDue(now + 40 * MINUTE)).toEqual([])

    await call('setSyncSettings', { accountId: id, intervalMinutes: 0 })
    expect((await call('getEstateStatus', { accountId: id })).syncIntervalMinutes).toBe(0)
    expect(core.syncSchedule.syncDue(now + 24 * 60 * MINUTE)).toEqual([])
  })

  it('leaves an offline account alone', async () => {
    const { id, rootId } = await addAndSync()
    sim.faults.offline = true
    await expect(call('getAuditLog', { accountId: id, bunitId: rootId })).rejects.toMatchObject({ kind: 'network' })
    expect((await call('getEstateStatus', { accountId: id })).online).toBe(false)
    expect(core.syncSchedule.syncDue(Date.now() + 60 * MINUTE)).toEqual([])
  })

  it('refuses an interval that is not whole minutes from 0 to a day', async () => {
    const { id } = await addAndSync()
    await expect(call('setSyncSettings', { accountId: id, intervalMinutes: -1 })).rejects.toMatchObject({ kind: 'invalid-input' })
    await expect(call('setSyncSettings', { accountId: id, intervalMinutes: 1.5 })).rejects.toMatchObject({ kind: 'invalid-input' })
  })
})
