import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache } from '../../../../src/main/cache'
import { CloutilityClient, type ClientOptions } from '../../../../src/main/cloutility'
import { consumerFromApi, nodeFromApi, syncAccount, SyncError, type SyncProgress } from '../../../../src/main/sync'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { tempDir } from '../cache/fixtures'

let sim: RunningSimulator
let cache: EstateCache
let cleanup: () => void
let cacheFile: string

/** A real client against the simulator; fast backoff so fault tests do not wait for long. */
function clientFor(s: RunningSimulator, extra: Partial<ClientOptions> = {}): CloutilityClient {
  const d = s.defaults
  return new CloutilityClient({
    apiUrl: s.apiUrl,
    clientId: d.clientId,
    origin: d.origin,
    username: d.username,
    getPassword: async () => d.password,
    retryBaseMs: 2,
    retryCapMs: 20,
    ...extra
  })
}

const NODE_GET = /^GET \/v1\/bunits\/\d+\/consumers\/\d+\/node$/
const CONSUMER_LIST = /^GET \/v1\/bunits\/\d+\/consumers$/

/** What the UI would show from the cache: if this is unchanged, the previous snapshot is intact. */
function view(c: EstateCache) {
  return { tree: c.tree(), consumers: c.consumers(), meta: c.meta(), reference: c.reference() }
}

/** Changes the portal's estate through the API, so that a successful sync would change the cache. */
async function changePortal(client: CloutilityClient, s: RunningSimulator): Promise<void> {
  const unitId = [...s.state.bunits.values()].find((u) => u.consumerIds.length > 0)?.id as number
  await client.consumers.create(unitId, { name: 'added-after-first-sync' })
  const victim = s.state.bunits.get(unitId)?.consumerIds[0] as number
  await client.consumers.update(unitId, victim, { note: 'changed after first sync' })
}

function proxyRelationsIn(s: RunningSimulator): number {
  const pairs = new Set<string>()
  for (const n of s.state.nodes.values()) {
    for (const a of n.proxyAgents ?? []) pairs.add(`${a}>${n.consumerId}`)
    for (const t of n.proxyTargets ?? []) pairs.add(`${n.consumerId}>${t}`)
  }
  return pairs.size
}

beforeEach(async () => {
  const t = tempDir('desk-sync-')
  cleanup = t.cleanup
  cacheFile = path.join(t.dir, 'cache', 'acct.sqlite')
  cache = openEstateCache(cacheFile)
  sim = await startSimulator({ port: 0, seed: 7, bunits: 20, consumers: 300 })
})
afterEach(async () => {
  cache.close()
  await sim.close()
  cleanup()
})

describe('syncAccount against the simulator', () => {
  it('copies the whole estate into the cache (counts, fields, units, reference data, metadata)', async () => {
    const client = clientFor(sim)
    const events: SyncProgress[] = []
    const result = await syncAccount({ client, cache, onProgress: (p) => events.push(p) })

    const st = sim.state
    const nodeCount = [...st.consumers.values()].filter((c) => c.nodeId !== undefined).length
    expect(result.counts).toEqual({
      bunits: st.bunits.size,
      consumers: st.consumers.size,
      nodes: nodeCount,
      proxyRelations: proxyRelationsIn(sim)
    })
    expect(cache.meta().counts).toEqual({ bunits: st.bunits.size, consumers: st.consumers.size, nodes: nodeCount })
    expect(result.diff.initial).toBe(true)
    expect(result.diff.consumers.counts.added).toBe(st.consumers.size)
    expect(result.warnings).toEqual([])

    // Every call went to the portal exactly once (no faults, so no retries): sim requests = ours + sign-in.
    expect(result.requests).toBe(sim.stats.requests - (sim.stats.byRoute['POST oauth'] ?? 0))

    // Field by field, for every consumer and node.
    for (const c of st.consumers.values()) {
      const row = cache.consumer(c.id)?.consumer
      expect(row).toMatchObject({ id: c.id, bunitId: c.businessUnitId, name: c.name, note: c.note ?? null })
      const n = c.nodeId !== undefined ? st.nodes.get(c.nodeId) : undefined
      expect(row?.hasNode).toBe(n !== undefined)
      if (n) {
        expect(row).toMatchObject({
          tsmName: n.tsmName ?? null,
          activated: n.activatedDate !== undefined,
          osId: n.operatingSystemId,
          typeId: n.typeId,
          domainId: n.domainId,
          optionSetId: n.clientOptionSetId ?? null,
          cpuCount: n.cpuCount,
          contact: n.contact,
          lastAccessTime: n.lastAccessTime ?? null,
          proxyAgentCount: n.proxyAgents?.size ?? 0
        })
      }
    }
    for (const u of st.bunits.values()) {
      expect(cache.unit(u.id)).toMatchObject({
        parentId: u.parentId,
        name: u.name,
        registrationNumber: u.registrationNumber,
        consumerCount: u.consumerIds.length,
        childCount: u.children.length
      })
    }
    expect(cache.unit(st.rootId)?.totalConsumerCount).toBe(st.consumers.size)
    const ref = cache.reference()
    expect(ref.operatingSystems.length).toBeGreaterThan(0)
    expect(ref.operatingSystems.some((o) => o.supportedNodeTypeIds.length > 0)).toBe(true)
    expect(ref.nodeTypes.length).toBeGreaterThan(0)
    expect(ref.domains.length).toBeGreaterThan(0)
    expect(ref.optionSets.length).toBeGreaterThan(0)
    expect(ref.timeZones.length).toBeGreaterThan(0)
    expect(ref.defaultServer).not.toBeNull()
    expect(cache.meta()).toMatchObject({ rootBunitId: st.rootId, portalVersion: st.version })

    // Progress: phases in order, each ending at done === total, throttled within a phase.
    const phases = [...new Set(events.map((e) => e.phase))]
    expect(phases).toEqual(['tree', 'reference', 'consumers', 'nodes', 'saving'])
    for (const phase of phases) {
      const last = events.filter((e) => e.phase === phase).at(-1) as SyncProgress
      expect(last.done).toBe(last.total)
      expect(last.etaSeconds).toBe(0)
    }
    const nodeEvents = events.filter((e) => e.phase === 'nodes')
    expect(nodeEvents.length).toBeLessThanOrEqual(Math.ceil(result.seconds * 10) + 3)
  })

  it('never has more than `concurrency` requests in flight, and uses them', async () => {
    sim.faults.latencyMs = 10
    await syncAccount({ client: clientFor(sim), cache, concurrency: 4 })
    expect(sim.stats.maxInFlight).toBe(4)

    sim.stats.reset()
    await syncAccount({ client: clientFor(sim), cache, concurrency: 64 }) // clamped to 16
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(16)
    expect(sim.stats.maxInFlight).toBeGreaterThan(8)
  })

  it('reports what changed on the portal since the last sync', async () => {
    const client = clientFor(sim)
    await syncAccount({ client, cache })
    const unitId = [...sim.state.bunits.values()].find((u) => u.consumerIds.length > 1)?.id as number
    const [first, second] = sim.state.bunits.get(unitId)?.consumerIds as number[]
    const created = await client.consumers.create(unitId, { name: 'brand-new-host' })
    await client.consumers.update(unitId, first as number, { note: 'moved to rack 4' })
    const removedName = sim.state.consumers.get(second as number)?.name
    await client.consumers.delete(unitId, second as number)

    const { diff } = await syncAccount({ client, cache })
    expect(diff.initial).toBe(false)
    expect(diff.consumers.added).toEqual([{ id: created.id, name: 'brand-new-host', bunitId: unitId }])
    expect(diff.consumers.removed).toEqual([{ id: second, name: removedName, bunitId: unitId }])
    expect(diff.consumers.changed).toEqual([expect.objectContaining({ id: first, fields: ['note'] })])
    expect(cache.search('brand-new')[0]).toMatchObject({ kind: 'consumer', id: created.id })
  })
})

describe('incremental updates from a write’s answer', () => {
  it('match what the next full sync finds (no diff for what the app already stored)', async () => {
    const client = clientFor(sim)
    await syncAccount({ client, cache })
    const unitId = [...sim.state.bunits.values()].find((u) => u.consumerIds.length > 0)?.id as number
    const ref = cache.reference()
    const os = ref.operatingSystems.find((o) => o.supportedNodeTypeIds.length > 0)
    const created = await client.consumers.create(unitId, { name: 'made-in-the-app', note: 'from the desk' })
    cache.upsertConsumer(consumerFromApi(unitId, created))
    const node = await client.nodes.create(unitId, created.id, {
      operatingSystemId: os?.id as number,
      typeId: os?.supportedNodeTypeIds[0] as number,
      domainId: ref.domains[0]?.id as number,
      clientOptionSetId: ref.optionSets[0]?.id as number,
      contact: 'Desk Tester'
    })
    cache.upsertNode(nodeFromApi(created.id, node))
    // The portal's consumer state follows its node: read the consumer again, as the app would.
    cache.upsertConsumer(consumerFromApi(unitId, await client.consumers.get(unitId, created.id)))
    expect(cache.search('desk tester')[0]).toMatchObject({ kind: 'node', id: created.id })

    const { diff } = await syncAccount({ client, cache })
    expect(diff.consumers.counts).toEqual({ added: 0, removed: 0, changed: 0 })
    expect(diff.nodes.counts).toEqual({ added: 0, removed: 0, changed: 0 })
  })
})

describe('faults: the client copes, the sync completes', () => {
  it('gets through a 429 storm', async () => {
    sim.faults.retryAfterSeconds = 0
    sim.faults.rate429 = 0.3
    const result = await syncAccount({ client: clientFor(sim, { maxRetries: 8 }), cache })
    expect(result.counts.consumers).toBe(sim.state.consumers.size)
    expect(sim.stats.byRoute['fault']).toBeGreaterThan(50)
  })

  it('gets through scattered 5xx answers and dropped connections', async () => {
    sim.faults.retryAfterSeconds = 0
    sim.faults.errorRate = 0.1
    sim.faults.dropRate = 0.05
    const result = await syncAccount({ client: clientFor(sim, { maxRetries: 8 }), cache })
    expect(result.counts.consumers).toBe(sim.state.consumers.size)
    expect(cache.meta().counts.consumers).toBe(sim.state.consumers.size)
  })

  it('signs in again when every token expires mid-sync', async () => {
    let expired = false
    const result = await syncAccount({
      client: clientFor(sim),
      cache,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (!expired && p.phase === 'nodes' && p.done === 50) {
          expired = true
          sim.faults.expireAllTokens()
        }
      }
    })
    expect(expired).toBe(true)
    expect(sim.stats.byRoute['POST oauth']).toBeGreaterThanOrEqual(2)
    expect(result.counts.consumers).toBe(sim.state.consumers.size)
  })
})

describe('faults: the sync fails, the previous snapshot stays', () => {
  let client: CloutilityClient
  let before: ReturnType<typeof view>
  beforeEach(async () => {
    client = clientFor(sim, { maxRetries: 2 })
    await syncAccount({ client, cache })
    await changePortal(client, sim)
    before = view(cache)
  })

  async function failingSync(extra: Partial<Parameters<typeof syncAccount>[0]> = {}): Promise<SyncError> {
    const error = await syncAccount({ client, cache, ...extra }).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(SyncError)
    expect(view(cache)).toEqual(before)
    // The file on disk agrees (nothing half-written that a restart would see).
    cache.close()
    cache = openEstateCache(cacheFile)
    expect(cache.recovered).toBeNull()
    expect(view(cache)).toEqual(before)
    return error as SyncError
  }

  it('a 429 storm that outlasts the retries: rate-limited', async () => {
    sim.faults.retryAfterSeconds = 0
    sim.faults.failNext(10_000, 429, NODE_GET)
    const error = await failingSync()
    expect(error).toMatchObject({ kind: 'rate-limited', phase: 'nodes' })
    expect(error.message).toMatch(/unchanged/)
    expect(error.details).toMatchObject({ phase: 'nodes', cause: { kind: 'rate-limited' } })
  })

  it('a portal failing with 500: server', async () => {
    sim.faults.failNext(10_000, 500, CONSUMER_LIST)
    const error = await failingSync()
    expect(error).toMatchObject({ kind: 'server', phase: 'consumers' })
  })

  it('connections dropped again and again: network', async () => {
    sim.faults.dropNext(10_000, NODE_GET)
    const error = await failingSync()
    expect(error).toMatchObject({ kind: 'network', phase: 'nodes' })
  })

  it('the portal refuses the credentials: authentication, before anything is fetched', async () => {
    client = clientFor(sim, { maxRetries: 1, getPassword: async () => 'wrong password' })
    const error = await failingSync()
    expect(error).toMatchObject({ kind: 'authentication', phase: 'tree' })
  })

  it('cancelled mid-sync: cancelled, and no request is started afterwards', async () => {
    const controller = new AbortController()
    sim.faults.latencyMs = 3
    let atAbort = 0
    const error = await failingSync({
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.phase === 'nodes' && p.done === 40) {
          atAbort = sim.stats.requests
          controller.abort()
        }
      }
    })
    expect(error).toMatchObject({ kind: 'cancelled', phase: 'nodes' })
    // Give stray workers time to show themselves: a few round trips of our own.
    for (let i = 0; i < 5; i++) await client.fullVersion()
    // Requests already on the wire at the abort may still reach the server (at most the 8 in
    // flight: the limiter hands a slot on as soon as an answer is in, before the finished task
    // reports progress); nothing new may start. 260 node reads were still to do.
    expect(sim.stats.requests).toBeLessThanOrEqual(atAbort + 8 + 5)
  })

  it('cancelled before it starts', async () => {
    const error = await failingSync({ signal: AbortSignal.abort() })
    expect(error.kind).toBe('cancelled')
  })

  it('the cache cannot store: storage, as soon as the crawl would start writing', async () => {
    const other = openEstateCache(path.join(path.dirname(cacheFile), 'other.sqlite'))
    other.close()
    const before = sim.stats.requests
    const error = await syncAccount({ client, cache: other }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'storage', phase: 'tree' })
    // The crawl streams into the cache, so it stops after the tree instead of crawling for nothing.
    expect(sim.stats.requests - before).toBeLessThanOrEqual(2)
  })

  it('refuses a second sync of the same cache while one runs', async () => {
    const first = syncAccount({ client, cache })
    await expect(syncAccount({ client, cache })).rejects.toMatchObject({ kind: 'conflict' })
    await first
    expect(cache.meta().lastDiff?.consumers.counts.added).toBe(1)
  })
})

describe('streaming into the cache (issue 14)', () => {
  /** What another reader of the file (the UI) sees right now. */
  function readerCounts() {
    const reader = openEstateCache(cacheFile)
    try {
      const meta = reader.meta()
      return { ...meta.counts, partialSync: meta.partialSync, syncedAt: meta.lastSyncedAt }
    } finally {
      reader.close()
    }
  }

  it('a first sync shows the tree, then every consumer, before the nodes are read', async () => {
    const client = clientFor(sim)
    const seen: { phase: string; counts: ReturnType<typeof readerCounts> }[] = []
    let atListed: ReturnType<typeof readerCounts> | null = null
    await syncAccount({
      client,
      cache,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.phase === 'reference' && p.done === 0) seen.push({ phase: p.phase, counts: readerCounts() })
      },
      onConsumersListed: () => {
        atListed = readerCounts()
      }
    })
    // The tree is in as soon as it was read; no consumer yet, and the meta says what is loading.
    expect(seen[0]?.counts).toMatchObject({ bunits: sim.state.bunits.size, consumers: 0, nodes: 0, partialSync: 'consumers', syncedAt: null })
    // Every unit's consumers are in before any node is read.
    expect(atListed).toMatchObject({ bunits: sim.state.bunits.size, consumers: sim.state.consumers.size, nodes: 0, partialSync: 'nodes', syncedAt: null })
    // At the end the snapshot is whole and nothing is "loading".
    expect(readerCounts()).toMatchObject({ consumers: sim.state.consumers.size, partialSync: null })
    expect(cache.search(cache.consumers()[0]!.name).length).toBeGreaterThan(0)
  })

  it('a later sync keeps the previous snapshot whole until the new one is complete', async () => {
    const client = clientFor(sim)
    await syncAccount({ client, cache })
    await changePortal(client, sim)
    const before = view(cache)
    let during: ReturnType<typeof view> | null = null
    const result = await syncAccount({
      client,
      cache,
      onConsumersListed: () => {
        during = view(cache)
      }
    })
    expect(during).toEqual(before)
    expect(result.diff.consumers.counts.added).toBe(1)
    expect(cache.meta().partialSync).toBeNull()
  })

  it('a first sync that fails half-way leaves what it read, marked incomplete; the next one completes it', async () => {
    const client = clientFor(sim, { maxRetries: 0 })
    sim.faults.retryAfterSeconds = 0
    sim.faults.failNext(1, 500, NODE_GET)
    await expect(syncAccount({ client, cache })).rejects.toMatchObject({ kind: 'server', phase: 'nodes' })
    expect(cache.meta()).toMatchObject({ lastSyncedAt: null, partialSync: 'nodes' })
    expect(cache.meta().counts.consumers).toBe(sim.state.consumers.size)
    // No staging table is left behind.
    const db = new Database(cacheFile, { readonly: true })
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'stage_%'").all()).toEqual([])
    db.close()
    const result = await syncAccount({ client, cache })
    expect(result.counts.consumers).toBe(sim.state.consumers.size)
    expect(cache.meta()).toMatchObject({ partialSync: null })
    expect(result.diff.initial).toBe(true)
  })

  it('gets through a 429 storm on the shared limiter without exceeding the ceiling', async () => {
    sim.faults.retryAfterSeconds = 0
    sim.faults.rate429 = 0.3
    const client = clientFor(sim, { maxRetries: 0 })
    const result = await syncAccount({ client, cache, concurrency: 4 })
    expect(result.counts.consumers).toBe(sim.state.consumers.size)
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(4)
    expect(client.limiter.stats.pushbacks).toBeGreaterThan(0)
  })
})
