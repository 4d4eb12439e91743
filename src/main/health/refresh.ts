/**
 * One account's health pass: the latest report of every consumer with an activated node (plus
 * the warning types), with bounded concurrency, progress and cancel, written into the cache in
 * one transaction. A pass that fails or is cancelled writes nothing, so the previous health stays.
 *
 * Per consumer, only trouble with the portal as a whole (network, sign-in, cancel) stops the
 * pass; a consumer the portal has no report for (deleted meanwhile, not reported yet) or answers
 * oddly for keeps its previous row, marked with why, or becomes 'unknown'. "Since when" and the
 * last successful backup carry over while the state holds; when a consumer turns bad, its report
 * history (35 days) is read once to find them.
 */
import { DeskError } from '../../shared/errors'
import type { HealthState } from '../../shared/ipc/health-models'
import type { EstateCache, HealthChanges, HealthTarget, StoredChange, StoredHealth } from '../cache'
import type { CloutilityClient, NodeReport, NodeWarningType } from '../cloutility'
import { runPool } from '../sync/pool'
import { classifyReport, stateOfStatusName } from './classify'
import { isoDate } from './dates'

export interface HealthRefreshOptions {
  client: CloutilityClient
  cache: EstateCache
  /** Calls in flight (the account's sync concurrency). */
  concurrency: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
  now?: () => Date
}

export interface HealthRefreshResult {
  refreshedAt: string
  checked: number
  requests: number
  changes: HealthChanges
  counts: Record<HealthState, number>
}

const HISTORY_DAYS = 35
const BAD: ReadonlySet<HealthState> = new Set(['failed', 'missed'])
const TROUBLED: ReadonlySet<HealthState> = new Set(['failed', 'missed', 'warning'])

/** Errors that say the portal as a whole is unusable right now: they end the pass. */
function endsThePass(error: unknown): boolean {
  return error instanceof DeskError && ['network', 'cancelled', 'authentication', 'offline'].includes(error.kind)
}

export async function refreshHealth(options: HealthRefreshOptions): Promise<HealthRefreshResult> {
  const { client, cache } = options
  const now = options.now ?? (() => new Date())
  const controller = new AbortController()
  const onAbort = (): void => controller.abort(new DeskError('cancelled', 'The health refresh was cancelled.'))
  if (options.signal?.aborted) onAbort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  let requests = 0
  const call = <T>(fn: () => Promise<T>): Promise<T> => {
    requests++
    return fn()
  }

  try {
    const targets = cache.health.targets()
    const previous = cache.health.previous()
    const types = await call(() => client.nodeWarningTypes.list({ signal: controller.signal })).catch((error: unknown) => {
      if (endsThePass(error)) throw error
      return [] as NodeWarningType[] // a portal without the list: warnings keep the names they carry
    })
    const typeMap = new Map(types.map((t) => [t.id, t]))
    const active = targets.filter((t) => t.activated)
    const rows: StoredHealth[] = targets.filter((t) => !t.activated).map((t) => neverActivated(t.consumerId))
    let done = 0
    options.onProgress?.(0, active.length)

    await runPool(active, options.concurrency, controller, async (target, signal) => {
      const before = previous.get(target.consumerId)
      let row: StoredHealth
      try {
        const report = await call(() => client.reports.latest(target.bunitId, target.consumerId, { signal }))
        row = fromReport(target, report, typeMap)
        if (row.state !== 'ok' && row.state !== 'unknown') {
          if (before && before.state === row.state && before.since) {
            row.since = before.since
            row.lastSuccessAt = before.lastSuccessAt
          } else {
            const history = await call(() =>
              client.reports.list(
                target.bunitId,
                target.consumerId,
                { startDate: new Date(now().getTime() - HISTORY_DAYS * 86_400_000).toISOString(), endDate: now().toISOString(), status: true },
                { signal }
              )
            ).catch((error: unknown) => {
              if (endsThePass(error)) throw error
              return null
            })
            if (history) Object.assign(row, streakOf(history, row))
            else row.lastSuccessAt = before?.lastSuccessAt ?? null
          }
        } else if (row.state === 'ok' && before?.state === 'ok' && before.since) {
          row.since = before.since
        }
      } catch (error) {
        if (endsThePass(error)) throw error
        row = unreadable(target.consumerId, before, error)
      }
      rows.push(row)
      done++
      options.onProgress?.(done, active.length)
    })

    const changes = diffStates(previous, rows)
    const refreshedAt = now().toISOString()
    cache.health.replace(rows, { refreshedAt, changes, warningTypes: types.map((t) => ({ id: t.id, name: t.name ?? `Warning type ${t.id}` })) })
    return { refreshedAt, checked: active.length, requests, changes, counts: cache.health.counts() }
  } catch (error) {
    if (controller.signal.aborted && options.signal?.aborted) throw new DeskError('cancelled', 'The health refresh was cancelled; the previous health is kept.')
    throw error
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
}

function neverActivated(consumerId: number): StoredHealth {
  return {
    consumerId,
    state: 'never-activated',
    statusName: null,
    reportDate: null,
    since: null,
    lastSuccessAt: null,
    storedMB: null,
    backupMB: null,
    archiveMB: null,
    deltaMB: null,
    transferredMB: null,
    warnings: [],
    note: null
  }
}

function num(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function fromReport(target: HealthTarget, report: NodeReport, types: ReadonlyMap<number, NodeWarningType>): StoredHealth {
  const health = classifyReport(report, types, target.limitHighStorage)
  const reportDate = isoDate(report.reportDate) ?? isoDate(report.createdDate)
  const notes = [health.note, report.reportDate !== undefined && reportDate === null ? 'The report date could not be read.' : null].filter(Boolean)
  return {
    consumerId: target.consumerId,
    state: health.state,
    statusName: health.statusName,
    reportDate,
    since: reportDate,
    lastSuccessAt: health.state === 'ok' ? reportDate : null,
    storedMB: num(report.megaBytes),
    backupMB: num(report.backupMegaBytes),
    archiveMB: num(report.archiveMegaBytes),
    deltaMB: num(report.megaBytesDelta),
    transferredMB: num(report.transferredMegaBytes),
    warnings: health.warnings,
    note: notes.length > 0 ? notes.join(' ') : null
  }
}

/**
 * From the report history: when the current run of bad nights began (the oldest report of the
 * unbroken run of non-successful reports ending at the latest) and the last successful report.
 */
export function streakOf(history: readonly NodeReport[], latest: StoredHealth): { since: string | null; lastSuccessAt: string | null } {
  const dated = history
    .map((r) => ({ date: isoDate(r.reportDate), state: stateOfStatusName(r.status?.name) }))
    .filter((r): r is { date: string; state: ReturnType<typeof stateOfStatusName> } => r.date !== null)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
  let since = latest.reportDate
  let lastSuccessAt: string | null = null
  for (const r of dated) {
    if (r.state === 'ok') {
      lastSuccessAt = r.date
      break
    }
    since = r.date
  }
  return { since, lastSuccessAt }
}

function unreadable(consumerId: number, before: StoredHealth | undefined, error: unknown): StoredHealth {
  const message = error instanceof Error ? error.message : String(error)
  const notFound = error instanceof DeskError && error.kind === 'not-found'
  const why = notFound
    ? 'The portal has no report for this node (it may have been deleted on the portal, or not reported yet).'
    : `The report could not be read: ${message}`
  if (before && before.state !== 'never-activated') return { ...before, note: `${why} Showing the previous refresh.` }
  return { ...neverActivated(consumerId), state: 'unknown', note: why }
}

function diffStates(previous: ReadonlyMap<number, StoredHealth>, rows: readonly StoredHealth[]): HealthChanges {
  const changes: HealthChanges = { newlyFailing: [], recovered: [] }
  // The first refresh of an account has nothing to compare with: everything would be "new".
  if (previous.size === 0) return changes
  for (const row of rows) {
    const from = previous.get(row.consumerId)?.state ?? null
    const change: StoredChange = { consumerId: row.consumerId, from, to: row.state }
    if (BAD.has(row.state) && (from === null || !BAD.has(from))) changes.newlyFailing.push(change)
    else if (row.state === 'ok' && from !== null && TROUBLED.has(from)) changes.recovered.push(change)
  }
  return changes
}
