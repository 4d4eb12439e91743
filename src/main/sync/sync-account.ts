/**
 * Full estate sync of one account: crawl the portal (unit tree, reference data, every unit's
 * consumers, every consumer's node) with bounded concurrency, streaming what it reads into the
 * cache's staging tables (cache/staging.ts) and swapping them in with one transaction only when
 * complete. A failed or cancelled sync leaves the previous snapshot untouched and rejects with a
 * SyncError saying which phase failed and why. On an account never synced before, the tree and
 * each unit's consumers show as soon as they are read (there is no previous snapshot to keep).
 *
 * Retries, token refresh and Retry-After are the client's job; the sync never retries on its own
 * (it would multiply the client's backoff) and never exceeds `concurrency` calls in flight (the
 * portal limiter's ceiling, cloutility/limiter.ts).
 */
import { setMaxListeners } from 'node:events'
import { DeskError, type DeskErrorKind } from '../../shared/errors'
import type { EstateCache } from '../cache/estate-cache'
import type { EstateDiff } from '../cache/types'
import type { StagedConsumerRef, SyncStaging } from '../cache/staging'
import type { AdaptiveLimiter, CloutilityClient, Consumer } from '../cloutility'
import {
  consumerFromApi,
  flattenTree,
  nodeFromApi,
  referenceFromApi,
  unitFactsFromConsumer,
  bunitFromApi
} from './mapping'
import { runPool, runPoolFrom } from './pool'

export type SyncPhase = 'tree' | 'reference' | 'consumers' | 'nodes' | 'saving'

export interface SyncProgress {
  phase: SyncPhase
  /** Work items done / known in this phase (units, reference lists, consumers...). */
  done: number
  total: number
  /** Estimated seconds until this phase completes; null until there is a rate to go by. */
  etaSeconds: number | null
  /** API calls completed so far in the whole sync. */
  requests: number
}

/** The part of CloutilityClient the sync uses (a structural type, so tests can wrap a client). */
export type SyncClient = Pick<
  CloutilityClient,
  'bunits' | 'consumers' | 'nodes' | 'timeZones' | 'nodeOperatingSystems' | 'nodeTypes' | 'backupServer' | 'fullVersion'
> & { limiter?: AdaptiveLimiter }

export interface SyncOptions {
  client: SyncClient
  cache: EstateCache
  /** Calls in flight at most; default 8, clamped to 1..16. */
  concurrency?: number
  signal?: AbortSignal
  onProgress?: (progress: SyncProgress) => void
  /** Minimum time between two progress events of the same phase; default 100 ms (≤ 10/s). */
  progressIntervalMs?: number
  /** Every unit's consumers are stored (on a first sync: readable by the UI); nodes come next. */
  onConsumersListed?: () => void
}

export interface SyncCounts {
  bunits: number
  consumers: number
  nodes: number
  proxyRelations: number
}

export interface SyncResult {
  diff: EstateDiff
  counts: SyncCounts
  /** API calls the sync made (a call's retries and extra pages are the client's and not counted). */
  requests: number
  seconds: number
  /** Things that did not stop the sync, e.g. a unit that disappeared while it ran. */
  warnings: string[]
}

export const DEFAULT_CONCURRENCY = 8
export const MAX_CONCURRENCY = 16
/** Pool tasks per limiter slot: tasks waiting out a Retry-After do not hold a slot. */
const POOL_PER_SLOT = 16
/** Consumers read back from the staging table at a time during the node phase. */
const NODE_PAGE = 500

/** Why a sync failed: the kind of the underlying error ('network', 'cancelled', 'storage'...). */
export class SyncError extends DeskError {
  readonly phase: SyncPhase
  override readonly cause: unknown

  constructor(kind: DeskErrorKind, message: string, phase: SyncPhase, cause: unknown, details: Record<string, unknown> = {}) {
    super(kind, message, { phase, ...details, ...(cause instanceof DeskError ? { cause: cause.toShape() } : {}) })
    this.name = 'SyncError'
    this.phase = phase
    this.cause = cause
  }
}

const running = new WeakSet<EstateCache>()

const PHASE_WORDS: Record<SyncPhase, string> = {
  tree: 'reading the business unit tree',
  reference: 'reading the reference lists',
  consumers: 'listing consumers',
  nodes: 'reading nodes',
  saving: 'saving the snapshot'
}

class Progress {
  private phase: SyncPhase = 'tree'
  private done = 0
  private total = 0
  private phaseStart = 0
  private lastEmit = 0
  requests = 0

  constructor(
    private readonly emit: ((p: SyncProgress) => void) | undefined,
    private readonly intervalMs: number
  ) {}

  get current(): { phase: SyncPhase; done: number; total: number } {
    return { phase: this.phase, done: this.done, total: this.total }
  }

  start(phase: SyncPhase, total: number): void {
    this.phase = phase
    this.done = 0
    this.total = total
    this.phaseStart = performance.now()
    this.send(true)
  }

  step(): void {
    this.done++
    this.send(this.done >= this.total)
  }

  private send(force: boolean): void {
    if (!this.emit) return
    const now = performance.now()
    if (!force && now - this.lastEmit < this.intervalMs) return
    this.lastEmit = now
    const elapsed = (now - this.phaseStart) / 1000
    const etaSeconds =
      this.done >= this.total ? 0 : this.done === 0 ? null : Math.round((elapsed / this.done) * (this.total - this.done) * 10) / 10
    try {
      this.emit({ phase: this.phase, done: this.done, total: this.total, etaSeconds, requests: this.requests })
    } catch {
      // A failing progress listener must not break the sync.
    }
  }
}

function clampConcurrency(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return DEFAULT_CONCURRENCY
  return Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(value)))
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Ends a message with a full stop, so the sentence after it does not run on. */
function asSentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

export async function syncAccount(options: SyncOptions): Promise<SyncResult> {
  const { client, cache, signal } = options
  const concurrency = clampConcurrency(options.concurrency)
  const progress = new Progress(options.onProgress, options.progressIntervalMs ?? 100)
  const started = performance.now()
  const warnings: string[] = []

  if (running.has(cache)) throw new DeskError('conflict', 'A sync of this account is already running.')
  if (signal?.aborted) throw new SyncError('cancelled', 'The sync was cancelled before it started.', 'tree', signal.reason)
  running.add(cache)

  // One controller for the whole crawl: the caller's cancel and our own first failure both stop it.
  const controller = new AbortController()
  // Every task waiting for a limiter slot or a retry listens on this signal: that is expected.
  setMaxListeners(MAX_CONCURRENCY * POOL_PER_SLOT + 16, controller.signal)
  const onAbort = () => controller.abort(new DeskError('cancelled', 'The sync was cancelled.'))
  signal?.addEventListener('abort', onAbort, { once: true })

  const call = async <T>(fn: (s: AbortSignal) => Promise<T>): Promise<T> => {
    const value = await fn(controller.signal)
    progress.requests++
    return value
  }
  const single = async <T>(fn: (s: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return await call(fn)
    } catch (error) {
      controller.abort(error)
      throw error
    }
  }

  // Calls in flight are bounded by the portal's limiter when the client has one (it adapts to
  // 429/503 and holds no slot while a call waits out Retry-After), so the pool may run more tasks
  // than that: a task sleeping before its retry does not leave a slot idle. Without a limiter,
  // the pool itself is the bound.
  if (client.limiter) client.limiter.setCeiling(concurrency)
  const width = client.limiter ? concurrency * POOL_PER_SLOT : concurrency
  let staging: SyncStaging | null = null

  try {
    // -- tree
    progress.start('tree', 1)
    const tree = await single((s) => client.bunits.tree({ signal: s }))
    const units = flattenTree(tree)
    staging = cache.openStaging()
    staging.putTree(units)
    const stage = staging
    const unitsList = units.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId }))
    progress.step()

    // -- reference data (and the portal version)
    const rootId = tree.id
    let timeZones: Awaited<ReturnType<SyncClient['timeZones']['list']>> = []
    let operatingSystems: Awaited<ReturnType<SyncClient['nodeOperatingSystems']['list']>> = []
    let nodeTypes: Awaited<ReturnType<SyncClient['nodeTypes']['list']>> = []
    let defaultServer: Awaited<ReturnType<SyncClient['backupServer']['get']>> | null = null
    let domains: Awaited<ReturnType<SyncClient['backupServer']['domains']>> = []
    let optionSets: Awaited<ReturnType<SyncClient['backupServer']['clientOptionSets']>> = []
    let portalVersion: string | null = null
    const referenceTasks: ((s: AbortSignal) => Promise<void>)[] = [
      async (s) => void (timeZones = await client.timeZones.list({ signal: s })),
      async (s) => void (operatingSystems = await client.nodeOperatingSystems.list({ signal: s })),
      async (s) => void (nodeTypes = await client.nodeTypes.list({ signal: s })),
      async (s) => void (defaultServer = await client.backupServer.get(rootId, { signal: s })),
      async (s) => void (domains = await client.backupServer.domains(rootId, { signal: s })),
      async (s) => void (optionSets = await client.backupServer.clientOptionSets(rootId, { signal: s })),
      async (s) => void (portalVersion = await client.fullVersion({ signal: s }))
    ]
    progress.start('reference', referenceTasks.length)
    await runPool(referenceTasks, width, controller, async (task) => {
      await call(task)
      progress.step()
    })

    // -- consumers of every unit, stored (and on a first sync shown) as soon as they are listed
    const unitsWithFacts = new Set<number>()
    let consumerCount = 0
    progress.start('consumers', unitsList.length)
    await runPool(unitsList, width, controller, async (unit) => {
      let list: Consumer[]
      try {
        list = await call((s) => client.consumers.list(unit.id, { signal: s }))
      } catch (error) {
        // A unit deleted while we crawl is not a reason to throw the whole sync away.
        if (!(error instanceof DeskError && error.kind === 'not-found') || controller.signal.aborted) throw error
        warnings.push(`Business unit ${unit.id} (${unit.name}) disappeared during the sync.`)
        list = []
      }
      stage.addConsumers(list.map((c) => consumerFromApi(unit.id, c)))
      consumerCount += list.length
      for (const c of list) {
        if (unitsWithFacts.has(unit.id)) break
        const facts = unitFactsFromConsumer(c)
        if (facts && facts.id === unit.id) {
          unitsWithFacts.add(unit.id)
          stage.setUnitFacts(unit.id, { registrationNumber: facts.registrationNumber, note: facts.note })
        }
      }
      progress.step()
    })
    stage.consumersDone()
    options.onConsumersListed?.()

    // -- every consumer's node, plus every unit's own detail: only it carries the time zone (kept
    // so the unit page shows it offline). The consumers are read back from the staging table a
    // page at a time (bounded memory).
    type Job = { kind: 'node'; consumer: StagedConsumerRef } | { kind: 'unit'; unit: (typeof unitsList)[number] }
    const unitJobs: Job[] = unitsList.map((unit) => ({ kind: 'unit', unit }))
    let page: StagedConsumerRef[] = []
    let afterSeq = 0
    const nextJob = (): Job | undefined => {
      const unitJob = unitJobs.pop()
      if (unitJob) return unitJob
      if (page.length === 0) {
        page = stage.consumerPage(afterSeq, NODE_PAGE)
        if (page.length === 0) return undefined
        const last = page[page.length - 1]?.seq
        if (last === undefined || last <= afterSeq) throw new Error('Paging the stored consumers did not advance')
        afterSeq = last
        page.reverse() // pop() from the end keeps listing order
      }
      const consumer = page.pop()
      return consumer ? { kind: 'node', consumer } : undefined
    }
    progress.start('nodes', consumerCount + unitJobs.length)
    await runPoolFrom(nextJob, width, controller, async (job) => {
      if (job.kind === 'node') {
        const { consumer } = job
        const node = await call((s) => client.nodes.get(consumer.bunitId, consumer.id, { signal: s }))
        if (node) stage.addNode(nodeFromApi(consumer.id, node))
      } else {
        try {
          const detail = await call((s) => client.bunits.get(job.unit.id, { signal: s }))
          const mapped = bunitFromApi(detail, job.unit.parentId)
          stage.setUnitFacts(job.unit.id, {
            registrationNumber: mapped.registrationNumber ?? null,
            note: mapped.note ?? null,
            timeZoneId: mapped.timeZoneId ?? null,
            timeZoneName: mapped.timeZoneName ?? null
          })
        } catch (error) {
          if (!(error instanceof DeskError && error.kind === 'not-found') || controller.signal.aborted) throw error
          warnings.push(`Business unit ${job.unit.id} (${job.unit.name}) disappeared during the sync.`)
        }
      }
      progress.step()
    })

    // -- saving (synchronous; the previous snapshot stays if it throws)
    if (controller.signal.aborted) throw controller.signal.reason
    progress.start('saving', 1)
    const seconds = (performance.now() - started) / 1000
    const saved = cache.commitStaging(stage, {
      rootBunitId: rootId,
      reference: referenceFromApi({ domains, optionSets, operatingSystems, nodeTypes, timeZones, defaultServer }),
      portalVersion,
      stats: { requests: progress.requests, crawlSeconds: Math.round(seconds * 1000) / 1000, concurrency }
    })
    progress.step()
    return {
      diff: saved.diff,
      counts: saved.counts,
      requests: progress.requests,
      seconds: (performance.now() - started) / 1000,
      warnings
    }
  } catch (error) {
    throw toSyncError(error, progress.current, signal)
  } finally {
    staging?.close()
    signal?.removeEventListener('abort', onAbort)
    running.delete(cache)
  }
}

function toSyncError(
  error: unknown,
  at: { phase: SyncPhase; done: number; total: number },
  signal: AbortSignal | undefined
): SyncError {
  const where = { done: at.done, total: at.total }
  if (signal?.aborted) {
    return new SyncError('cancelled', `The sync was cancelled while ${PHASE_WORDS[at.phase]}; the cached estate is unchanged.`, at.phase, error, where)
  }
  if (error instanceof SyncError) return error
  const kind: DeskErrorKind = error instanceof DeskError ? error.kind : 'internal'
  return new SyncError(
    kind,
    `The sync failed while ${PHASE_WORDS[at.phase]} (${at.done}/${at.total}): ${asSentence(describe(error))} The cached estate is unchanged.`,
    at.phase,
    error,
    where
  )
}
