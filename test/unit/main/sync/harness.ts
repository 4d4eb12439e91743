/**
 * Shared set-up of the sync engine tests: a real simulator on 127.0.0.1, a real SQLite cache, a
 * real client, and the client seen by the sync through a thin wrapper that logs every call and
 * lets a test act before it (abort, throw) or edit its answer. The wrapper leaves out the
 * client's shared limiter, so the sync's own pool is the bound: with concurrency 1 the calls run
 * one by one in a fixed order, which makes progress events and call logs exact.
 */
import path from 'node:path'
import { openEstateCache, type EstateCache } from '../../../../src/main/cache'
import { CloutilityClient, type ClientOptions } from '../../../../src/main/cloutility'
import type { SyncClient } from '../../../../src/main/sync'
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../../src/simulator'
import { tempDir } from '../cache/fixtures'

export interface Harness {
  sim: RunningSimulator
  cache: EstateCache
  cacheFile: string
  client: CloutilityClient
  close(): Promise<void>
}

export async function openHarness(simOptions: SimulatorOptions, cacheOptions: { busyTimeoutMs?: number } = {}): Promise<Harness> {
  const t = tempDir('desk-sync-')
  const cacheFile = path.join(t.dir, 'acct.sqlite')
  const cache = openEstateCache(cacheFile, cacheOptions)
  const sim = await startSimulator({ port: 0, ...simOptions })
  const client = clientFor(sim)
  return {
    sim,
    cache,
    cacheFile,
    client,
    async close() {
      cache.close()
      await sim.close()
      t.cleanup()
    }
  }
}

/** A real client against the simulator; no retries, so a planted fault fails at once. */
export function clientFor(sim: RunningSimulator, extra: Partial<ClientOptions> = {}): CloutilityClient {
  const d = sim.defaults
  return new CloutilityClient({
    apiUrl: sim.apiUrl,
    clientId: d.clientId,
    origin: d.origin,
    username: d.username,
    getPassword: async () => d.password,
    maxRetries: 0,
    ...extra
  })
}

export type CallName = 'tree' | 'timeZones' | 'operatingSystems' | 'nodeTypes' | 'server' | 'domains' | 'optionSets' | 'version' | 'consumers' | 'unit' | 'node'

/** One call of the sync: its name and the unit (consumers, unit) or consumer (node) it is about. */
export interface Call {
  name: CallName
  id?: number
}

export interface CallHooks {
  /** Runs before the call; throwing fails the call without a request. */
  before?(call: Call): void
  /** Runs after the call; a return value other than undefined replaces the answer. */
  after?(call: Call, answer: unknown): unknown
}

/**
 * `client` as the sync sees it, with every call logged in `log` ("tree", "consumers 23", ...);
 * with `shareLimiter`, the client's limiter too (the sync then sets its ceiling and widens its pool).
 */
export function syncClient(client: CloutilityClient, hooks: CallHooks = {}, log: string[] = [], shareLimiter = false): SyncClient {
  const run = async <T>(call: Call, fn: () => Promise<T>): Promise<T> => {
    log.push(call.id === undefined ? call.name : `${call.name} ${call.id}`)
    hooks.before?.(call)
    const answer = await fn()
    const replaced = hooks.after?.(call, answer)
    return (replaced === undefined ? answer : replaced) as T
  }
  type O = { signal?: AbortSignal }
  return {
    bunits: {
      tree: (o?: O) => run({ name: 'tree' }, () => client.bunits.tree(o)),
      get: (id: number, o?: O) => run({ name: 'unit', id }, () => client.bunits.get(id, o))
    } as unknown as SyncClient['bunits'],
    timeZones: { list: (o?: O) => run({ name: 'timeZones' }, () => client.timeZones.list(o)) } as unknown as SyncClient['timeZones'],
    nodeOperatingSystems: {
      list: (o?: O) => run({ name: 'operatingSystems' }, () => client.nodeOperatingSystems.list(o))
    } as unknown as SyncClient['nodeOperatingSystems'],
    nodeTypes: { list: (o?: O) => run({ name: 'nodeTypes' }, () => client.nodeTypes.list(o)) } as unknown as SyncClient['nodeTypes'],
    backupServer: {
      get: (id: number, o?: O) => run({ name: 'server' }, () => client.backupServer.get(id, o)),
      domains: (id: number, o?: O) => run({ name: 'domains' }, () => client.backupServer.domains(id, o)),
      clientOptionSets: (id: number, o?: O) => run({ name: 'optionSets' }, () => client.backupServer.clientOptionSets(id, o))
    } as unknown as SyncClient['backupServer'],
    consumers: {
      list: (unitId: number, o?: O) => run({ name: 'consumers', id: unitId }, () => client.consumers.list(unitId, o))
    } as unknown as SyncClient['consumers'],
    nodes: {
      get: (unitId: number, consumerId: number, o?: O) => run({ name: 'node', id: consumerId }, () => client.nodes.get(unitId, consumerId, o))
    } as unknown as SyncClient['nodes'],
    fullVersion: (o?: O) => run({ name: 'version' }, () => client.fullVersion(o)),
    ...(shareLimiter ? { limiter: client.limiter } : {})
  }
}

/** Hooks counting the calls under way (started, answer not yet in): `max` is the most at once. */
export function callsUnderWay(): CallHooks & { max: number } {
  let active = 0
  return {
    max: 0,
    before() {
      active++
      this.max = Math.max(this.max, active)
    },
    after() {
      active--
      return undefined
    }
  }
}

/** The seven reference calls, in the order the sync makes them. */
export const REFERENCE_CALLS = ['timeZones', 'operatingSystems', 'nodeTypes', 'server', 'domains', 'optionSets', 'version'] as const

/** The simulator's units in tree order (parents first, children in their order). */
export function unitsInTreeOrder(sim: RunningSimulator): { id: number; name: string; consumerIds: number[] }[] {
  const out: { id: number; name: string; consumerIds: number[] }[] = []
  const visit = (id: number) => {
    const unit = sim.state.bunits.get(id)
    if (!unit) return
    out.push({ id: unit.id, name: unit.name, consumerIds: [...unit.consumerIds] })
    for (const child of unit.children) visit(child)
  }
  visit(sim.state.rootId)
  return out
}
