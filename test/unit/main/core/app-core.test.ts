/**
 * The main-process core end to end in Node: real simulator over HTTP, real SQLite caches, real
 * account file, and the keychain where a Secret Service runs (session mode elsewhere).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import type { MethodName, InputOf, OutputOf, EventName } from '../../../../src/shared/ipc/contract'
import { DeskError } from '../../../../src/shared/errors'
import { secretServiceSkipReason, testServiceName } from '../../../helpers/keyring'

import { callCore, nextCoreEvent } from '../../../helpers/core-calls'

process.env.DESK_QUIET = '1'

let sim: RunningSimulator
let dataDir: string
let core: AppCore
const service = testServiceName()

async function open(): Promise<AppCore> {
  core = await createAppCore({ dataDir, host: 'browser', version: 'test', vault: { service } })
  return core
}

/** Calls a handler through the real dispatcher, as a renderer would. */
async function call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  return callCore(core, method, input)
}

function nextEvent(name: EventName, predicate: (payload: never) => boolean = () => true): Promise<unknown> {
  return nextCoreEvent<never>(core, name, predicate)
}

const account = (extra: Record<string, unknown> = {}) => ({
  apiUrl: sim.apiUrl,
  clientId: 'desk-demo',
  origin: 'http://localhost',
  username: 'demo@example.com',
  password: 'demo',
  displayName: 'Acme',
  secretMode: 'session' as const,
  ...extra
})

async function addAndSync(extra: Record<string, unknown> = {}) {
  const synced = nextEvent('syncProgress', (p: { phase: string }) => p.phase === 'done' || p.phase === 'failed')
  const added = await call('addAccount', account(extra))
  expect(await synced).toMatchObject({ phase: 'done' })
  return added
}

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 11, bunits: 8, consumers: 40 })
  dataDir = mkdtempSync(join(tmpdir(), 'desk-core-'))
  await open()
})

afterEach(async () => {
  await core.close()
  await sim.close()
})

describe('accounts', () => {
  it('signs in before saving: a wrong password or client ID saves nothing', async () => {
    await expect(call('addAccount', account({ password: 'wrong' }))).rejects.toMatchObject({ kind: 'authentication' })
    await expect(call('addAccount', account({ clientId: 'nope' }))).rejects.toMatchObject({ kind: 'authentication' })
    expect((await call('listAccounts', undefined)).accounts).toHaveLength(0)
  })

  it('reports an unreachable portal clearly', async () => {
    const closed = await startSimulator({ port: 0 })
    await closed.close()
    const error = await call('testConnection', { ...account(), apiUrl: closed.apiUrl }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'network' })
    expect((error as Error).message).toMatch(/unreachable/i)
  })

  it('adds an account, syncs its estate and never exposes the password', async () => {
    const added = await addAndSync()
    expect(added).toMatchObject({ displayName: 'Acme', status: 'signed-in', portalVersion: expect.any(String) })
    const state = await call('listAccounts', undefined)
    expect(state.activeAccountId).toBe(added.id)
    expect(JSON.stringify(state)).not.toContain('"demo"')
    const status = await call('getEstateStatus', { accountId: added.id })
    expect(status).toMatchObject({ hasSnapshot: true, online: true, counts: { consumers: sim.state.consumers.size } })
  })

  it('keeps session-mode passwords in memory only: after a restart the account asks again', async () => {
    const added = await addAndSync()
    await core.close()
    await open()
    const restored = (await call('listAccounts', undefined)).accounts[0]!
    await expect.poll(async () => (await call('listAccounts', undefined)).accounts[0]!.status).toBe('needs-password')
    expect(restored.id).toBe(added.id)
    // The cached estate is there without signing in.
    expect((await call('getTree', { accountId: added.id })).source).toBe('cache')
    await call('unlockAccount', { accountId: added.id, password: 'demo' })
    expect((await call('listAccounts', undefined)).accounts[0]!.status).toBe('signed-in')
  })

  it.skipIf(secretServiceSkipReason() !== null)('keychain accounts sign in again after a restart without asking', async () => {
    const added = await call('addAccount', account({ secretMode: 'keychain' }))
    await core.close()
    await open()
    await expect.poll(async () => (await call('listAccounts', undefined)).accounts[0]!.status, { timeout: 10_000 }).toBe('signed-in')
    await call('removeAccount', { accountId: added.id })
  })

  it.skipIf(secretServiceSkipReason() !== null)('moves the password into the keychain when an account stops being session-only', async () => {
    const added = await call('addAccount', account())
    await call('updateAccount', { accountId: added.id, patch: { secretMode: 'keychain' } })
    await core.close()
    await open()
    await expect.poll(async () => (await call('listAccounts', undefined)).accounts[0]!.status, { timeout: 10_000 }).toBe('signed-in')
    expect((await call('listAccounts', undefined)).accounts[0]!.secretMode).toBe('keychain')
    await call('removeAccount', { accountId: added.id })
  })

  it('removing an account deletes its cache', async () => {
    const added = await addAndSync()
    const file = join(dataDir, 'cache', `${added.id}.sqlite`)
    expect(existsSync(file)).toBe(true)
    await call('removeAccount', { accountId: added.id })
    expect(existsSync(file)).toBe(false)
    expect((await call('listAccounts', undefined)).accounts).toHaveLength(0)
  })

  it('sets a corrupt accounts file aside and says so', async () => {
    await core.close()
    writeFileSync(join(dataDir, 'accounts.json'), '{ not json')
    await open()
    const state = await call('listAccounts', undefined)
    expect(state.accounts).toEqual([])
    expect(state.problems[0]).toMatchObject({ kind: 'corrupt-config', path: expect.stringContaining('accounts.json.corrupt') })
  })

  it('starts the demo portal and reuses its account', async () => {
    const demo = await core.startDemo()
    expect(demo).toMatchObject({ isDemo: true, label: 'DEMO', status: 'signed-in' })
    const again = await call('startDemo', undefined)
    expect(again.id).toBe(demo.id)
  })
})

describe('estate', () => {
  it('serves the tree, units, consumers and reference data from the cache', async () => {
    const { id } = await addAndSync()
    const tree = await call('getTree', { accountId: id })
    expect(tree.source).toBe('cache')
    expect(tree.root.totalConsumerCount).toBe(sim.state.consumers.size)
    const withConsumers = [...sim.state.consumers.values()][0]!
    const list = await call('listConsumers', { accountId: id, bunitId: withConsumers.businessUnitId })
    expect(list.map((c) => c.id)).toContain(withConsumers.id)
    const reference = await call('getReference', { accountId: id })
    expect(reference.operatingSystems.length).toBeGreaterThan(0)
    expect(reference.domains[0]).toHaveProperty('backupRetention')
    const hits = await call('search', { query: withConsumers.name.slice(0, 4), limit: 20 })
    expect(hits.some((h) => h.consumerId === withConsumers.id && h.accountName === 'Acme')).toBe(true)
  })

  it('creates a consumer with its node, activates it, and updates the cache without a sync', async () => {
    const { id } = await addAndSync()
    const tree = await call('getTree', { accountId: id })
    const reference = await call('getReference', { accountId: id })
    const os = reference.operatingSystems.find((o) => o.supportedNodeTypeIds.length > 0)!
    const created = await call('createConsumer', {
      accountId: id,
      bunitId: tree.root.id,
      name: 'NEWSRV01',
      node: {
        operatingSystemId: os.id,
        typeId: os.supportedNodeTypeIds[0]!,
        domainId: reference.domains[0]!.id,
        clientOptionSetId: reference.optionSets[0]!.id,
        cpuCount: 4,
        contact: 'ops@example.com'
      },
      activateAs: 'newsrv01.acme'
    })
    expect(created.activation).toMatchObject({ tsmName: 'NEWSRV01.ACME', password: expect.any(String) })
    expect(created.consumer).toMatchObject({ name: 'NEWSRV01', activated: true, tsmName: 'NEWSRV01.ACME', cpuCount: 4 })
    // A second node with the same name is refused before anything is sent, next to the field.
    const other = await call('createConsumer', { accountId: id, bunitId: tree.root.id, name: 'OTHER' })
    const clash = await call('activateNode', { accountId: id, bunitId: tree.root.id, consumerId: other.consumer.id, tsmName: 'NEWSRV01.ACME' }).catch((e: unknown) => e)
    expect(clash).toMatchObject({ kind: 'conflict', details: { fields: { tsmName: expect.stringContaining('NEWSRV01.ACME') } } })
    await call('deleteConsumer', { accountId: id, bunitId: tree.root.id, consumerId: other.consumer.id, deleteAssociations: true, deletionComment: 'test' })
    expect((await call('listConsumers', { accountId: id, bunitId: tree.root.id })).some((c) => c.name === 'OTHER')).toBe(false)
  })

  it('refuses to delete a unit that still has children, with the portal reason', async () => {
    const { id } = await addAndSync()
    const tree = await call('getTree', { accountId: id })
    const parent = tree.root.children.find((c) => c.children.length > 0) ?? tree.root
    const error = await call('deleteUnit', { accountId: id, bunitId: parent.id }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeskError)
    expect(['conflict', 'forbidden']).toContain((error as DeskError).kind)
  })

  it('goes offline when the portal stops: browsing works, writes are refused with the reason', async () => {
    const { id } = await addAndSync()
    const tree = await call('getTree', { accountId: id })
    await sim.close()
    await expect(call('getAuditLog', { accountId: id, bunitId: tree.root.id })).rejects.toMatchObject({ kind: 'network' })
    expect((await call('getEstateStatus', { accountId: id })).online).toBe(false)
    await expect(call('createConsumer', { accountId: id, bunitId: tree.root.id, name: 'X' })).rejects.toMatchObject({ kind: 'offline' })
    expect((await call('getTree', { accountId: id })).root.id).toBe(tree.root.id)
    expect((await call('search', { query: tree.root.name.slice(0, 3), limit: 5 })).length).toBeGreaterThan(0)
    sim = await startSimulator({ port: 0, seed: 11, bunits: 2, consumers: 1 }) // afterEach closes something
  })

  it('previews a CSV with per-row errors, then creates rows once even when run twice', async () => {
    const { id } = await addAndSync()
    const tree = await call('getTree', { accountId: id })
    const reference = await call('getReference', { accountId: id })
    const os = reference.operatingSystems.find((o) => o.supportedNodeTypeIds.length > 0)!
    const type = reference.nodeTypes.find((t) => t.id === os.supportedNodeTypeIds[0])!
    const csv = [
      'name,os,type,domain,optionset,nodename',
      `BULK-A,${os.name},${type.name},${reference.domains[0]!.name},${reference.optionSets[0]!.name},BULK-A`,
      'BULK-B,,,,,',
      `BULK-C,No Such OS,${type.name},${reference.domains[0]!.name},${reference.optionSets[0]!.name},bad name!`
    ].join('\n')
    const preview = await call('previewBulkCreate', { accountId: id, bunitId: tree.root.id, csv })
    expect(preview.valid).toBe(2)
    expect(preview.rows[2]!.errors.join(' ')).toMatch(/No Such OS/)
    const first = await call('runBulkCreate', { accountId: id, bunitId: tree.root.id, csv, runId: 'r1' })
    expect(first.map((r) => r.status)).toEqual(['created', 'created', 'failed'])
    expect(first[0]).toMatchObject({ tsmName: 'BULK-A', password: expect.any(String) })
    const second = await call('runBulkCreate', { accountId: id, bunitId: tree.root.id, csv, runId: 'r2' })
    expect(second.map((r) => r.status)).toEqual(['skipped', 'skipped', 'failed'])
    const names = [...sim.state.consumers.values()].map((c) => c.name)
    expect(names.filter((n) => n === 'BULK-A')).toHaveLength(1)
  })

  it('exports the estate to CSV and JSON', async () => {
    const { id } = await addAndSync()
    const csv = await call('exportData', { accountId: id, format: 'csv', scope: 'estate' })
    expect(csv.fileName).toMatch(/^acme-estate-.*\.csv$/)
    expect(csv.content.split('\n')[0]).toContain('Consumer')
    const json = JSON.parse((await call('exportData', { accountId: id, format: 'json', scope: 'estate' })).content)
    expect(json.consumers).toHaveLength(sim.state.consumers.size)
  })
})
