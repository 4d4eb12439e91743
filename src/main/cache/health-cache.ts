/**
 * The health part of an account's cache (schema v3): the last health refresh, replaced whole in
 * one transaction, and what was fetched on demand (jobs, report history, billing). Reads join
 * the estate tables, so a consumer removed by a sync leaves the health views at once.
 *
 * Shares the EstateCache's connection (one SQLite file per account); every failure is a
 * DeskError('storage') and leaves the previous content in place.
 */
import type Database from 'better-sqlite3'
import { StatementCache } from './statements'
import { DeskError } from '../../shared/errors'
import {
  HEALTH_SEVERITY,
  HEALTH_STATES,
  type HealthCounts,
  type HealthRow,
  type HealthState,
  type HealthWarning,
  type HistoryPoint,
  type InvoiceView,
  type BillingView,
  type JobView,
  type UnitHealthBadge
} from '../../shared/ipc/health-models'

/** A consumer the refresh looks at: it has a node that is not decommissioned. */
export interface HealthTarget {
  consumerId: number
  bunitId: number
  activated: boolean
  limitHighStorage: number | null
}

/** A health row as stored (without the names the estate tables give it). */
export interface StoredHealth {
  consumerId: number
  state: HealthState
  statusName: string | null
  reportDate: string | null
  since: string | null
  lastSuccessAt: string | null
  storedMB: number | null
  backupMB: number | null
  archiveMB: number | null
  deltaMB: number | null
  transferredMB: number | null
  warnings: HealthWarning[]
  note: string | null
}

export interface StoredChange {
  consumerId: number
  from: HealthState | null
  to: HealthState
}

export interface HealthChanges {
  newlyFailing: StoredChange[]
  recovered: StoredChange[]
}

export type HealthRowOfAccount = Omit<HealthRow, 'accountId' | 'accountName'>

export interface UsageSums {
  bunitId: number
  storedMB: number
  backupMB: number
  archiveMB: number
  consumers: number
  unreported: number
}

interface RawHealth {
  consumerId: number
  state: string
  statusName: string | null
  reportDate: string | null
  since: string | null
  lastSuccessAt: string | null
  storedMB: number | null
  backupMB: number | null
  archiveMB: number | null
  deltaMB: number | null
  transferredMB: number | null
  warnings: string | null
  note: string | null
  bunitId: number
  bunitPath: string
  consumerName: string
  tsmName: string | null
  limitHighStorage: number | null
}

const ROW_SQL = `SELECT h.consumer_id AS consumerId, h.state, h.status_name AS statusName, h.report_date AS reportDate,
  h.since, h.last_success AS lastSuccessAt, h.stored_mb AS storedMB, h.backup_mb AS backupMB, h.archive_mb AS archiveMB,
  h.delta_mb AS deltaMB, h.transferred_mb AS transferredMB, h.warnings, h.note,
  c.bunit_id AS bunitId, coalesce(b.path, '') AS bunitPath, c.name AS consumerName, n.tsm_name AS tsmName,
  json_extract(c.raw, '$.limitHighStorage') AS limitHighStorage
  FROM health h JOIN consumers c ON c.id = h.consumer_id LEFT JOIN nodes n ON n.consumer_id = c.id
  LEFT JOIN bunits b ON b.id = c.bunit_id`

export function emptyCounts(): HealthCounts {
  return Object.fromEntries(HEALTH_STATES.map((s) => [s, 0])) as HealthCounts
}

function isState(value: string): value is HealthState {
  return (HEALTH_STATES as readonly string[]).includes(value)
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

function toRow(r: RawHealth): HealthRowOfAccount {
  const limit = typeof r.limitHighStorage === 'number' && r.limitHighStorage > 0 ? r.limitHighStorage : null
  return {
    bunitId: r.bunitId,
    bunitPath: r.bunitPath,
    consumerId: r.consumerId,
    consumerName: r.consumerName,
    tsmName: r.tsmName,
    state: isState(r.state) ? r.state : 'unknown',
    statusName: r.statusName,
    since: r.since,
    lastSuccessAt: r.lastSuccessAt,
    reportDate: r.reportDate,
    storedMB: r.storedMB,
    backupMB: r.backupMB,
    archiveMB: r.archiveMB,
    deltaMB: r.deltaMB,
    transferredMB: r.transferredMB,
    limitHighStorage: limit,
    warnings: parseJson<HealthWarning[]>(r.warnings, []),
    note: r.note
  }
}

export class HealthCache {
  private readonly statements: StatementCache

  constructor(
    private readonly db: Database.Database,
    private readonly isClosed: () => boolean
  ) {
    this.statements = new StatementCache(db)
  }

  private stmt(sql: string): Database.Statement {
    return this.statements.get(sql)
  }

  private guard<T>(action: string, fn: () => T, transaction = false): T {
    if (this.isClosed()) throw new DeskError('storage', `${action} failed: the cache is closed`)
    try {
      return transaction ? this.db.transaction(fn)() : fn()
    } catch (error) {
      if (error instanceof DeskError) throw error
      throw new DeskError('storage', `${action} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  private meta(key: string): unknown {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
    return row ? parseJson<unknown>(row.value, null) : null
  }

  private setMeta(key: string, value: unknown): void {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value ?? null))
  }

  // ------------------------------------------------------------ the refresh

  /** Every consumer with a node that is not decommissioned, in unit order. */
  targets(): HealthTarget[] {
    return this.guard('Reading the consumers to check', () =>
      (
        this.stmt(
          `SELECT c.id AS consumerId, c.bunit_id AS bunitId, n.activated AS activated,
             json_extract(c.raw, '$.limitHighStorage') AS limitHighStorage
           FROM consumers c JOIN nodes n ON n.consumer_id = c.id LEFT JOIN bunits b ON b.id = c.bunit_id
           WHERE coalesce(n.decommissioned, 0) = 0 ORDER BY b.ord, c.id`
        ).all() as { consumerId: number; bunitId: number; activated: number; limitHighStorage: unknown }[]
      ).map((r) => ({
        consumerId: r.consumerId,
        bunitId: r.bunitId,
        activated: r.activated === 1,
        limitHighStorage: typeof r.limitHighStorage === 'number' && r.limitHighStorage > 0 ? r.limitHighStorage : null
      }))
    )
  }

  /** What the last refresh found, by consumer (to carry "since" forward and to diff). */
  previous(): Map<number, StoredHealth> {
    return this.guard('Reading the previous health', () => {
      const rows = this.stmt(
        `SELECT consumer_id AS consumerId, state, status_name AS statusName, report_date AS reportDate, since,
           last_success AS lastSuccessAt, stored_mb AS storedMB, backup_mb AS backupMB, archive_mb AS archiveMB,
           delta_mb AS deltaMB, transferred_mb AS transferredMB, warnings, note FROM health`
      ).all() as (Omit<StoredHealth, 'warnings' | 'state'> & { warnings: string | null; state: string })[]
      return new Map(
        rows.map((r) => [r.consumerId, { ...r, state: isState(r.state) ? r.state : 'unknown', warnings: parseJson<HealthWarning[]>(r.warnings, []) }])
      )
    })
  }

  /** Replaces the whole health table and its metadata in one transaction. */
  replace(rows: readonly StoredHealth[], info: { refreshedAt: string; changes: HealthChanges; warningTypes: { id: number; name: string }[] }): void {
    this.guard(
      'Saving the backup health',
      () => {
        this.stmt('DELETE FROM health').run()
        const insert = this.stmt(
          `INSERT INTO health (consumer_id, state, severity, status_name, report_date, since, last_success, stored_mb,
             backup_mb, archive_mb, delta_mb, transferred_mb, warnings, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        for (const r of rows) {
          insert.run(
            r.consumerId,
            r.state,
            HEALTH_SEVERITY[r.state],
            r.statusName,
            r.reportDate,
            r.since,
            r.lastSuccessAt,
            r.storedMB,
            r.backupMB,
            r.archiveMB,
            r.deltaMB,
            r.transferredMB,
            r.warnings.length > 0 ? JSON.stringify(r.warnings) : null,
            r.note
          )
        }
        this.setMeta('healthRefreshedAt', info.refreshedAt)
        this.setMeta('healthChanges', info.changes)
        this.setMeta('healthWarningTypes', info.warningTypes)
      },
      true
    )
  }

  // ------------------------------------------------------------ reads

  refreshedAt(): string | null {
    return this.guard('Reading the health metadata', () => {
      const v = this.meta('healthRefreshedAt')
      return typeof v === 'string' ? v : null
    })
  }

  changes(): HealthChanges {
    return this.guard('Reading the health changes', () => {
      const v = this.meta('healthChanges') as HealthChanges | null
      return v && Array.isArray(v.newlyFailing) && Array.isArray(v.recovered) ? v : { newlyFailing: [], recovered: [] }
    })
  }

  /** Minutes between scheduled refreshes; 60 until the user changes it. */
  intervalMinutes(): number {
    return this.guard('Reading the health settings', () => {
      const v = this.meta('healthIntervalMinutes')
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 60
    })
  }

  setIntervalMinutes(minutes: number): void {
    this.guard('Saving the health settings', () => this.setMeta('healthIntervalMinutes', minutes), true)
  }

  counts(): HealthCounts {
    return this.guard('Counting the backup health', () => {
      const counts = emptyCounts()
      const rows = this.stmt('SELECT h.state AS state, count(*) AS n FROM health h JOIN consumers c ON c.id = h.consumer_id GROUP BY h.state').all() as {
        state: string
        n: number
      }[]
      for (const r of rows) if (isState(r.state)) counts[r.state] += r.n
      return counts
    })
  }

  /** Every consumer whose state is not ok, worst first, longest-standing first. */
  problems(): HealthRowOfAccount[] {
    return this.guard('Reading the backup problems', () =>
      (this.stmt(`${ROW_SQL} WHERE h.severity > 0 ORDER BY h.severity DESC, h.since IS NULL, h.since, c.name COLLATE NOCASE`).all() as RawHealth[]).map(toRow)
    )
  }

  consumer(consumerId: number): HealthRowOfAccount | null {
    return this.guard('Reading a consumer\'s health', () => {
      const r = this.stmt(`${ROW_SQL} WHERE h.consumer_id = ?`).get(consumerId) as RawHealth | undefined
      return r ? toRow(r) : null
    })
  }

  /** Problems per unit, rolled up to every ancestor (nested-set order of the bunits table). */
  unitBadges(): UnitHealthBadge[] {
    return this.guard('Reading the tree badges', () => {
      const direct = this.stmt(
        `SELECT c.bunit_id AS bunitId, max(h.severity) AS worst,
           sum(CASE WHEN h.state IN ('failed', 'missed', 'warning', 'unknown') THEN 1 ELSE 0 END) AS problems
         FROM health h JOIN consumers c ON c.id = h.consumer_id WHERE h.severity > 0 GROUP BY c.bunit_id`
      ).all() as { bunitId: number; worst: number; problems: number }[]
      if (direct.length === 0) return []
      const parents = new Map(
        (this.stmt('SELECT id, parent_id AS parentId FROM bunits').all() as { id: number; parentId: number | null }[]).map((u) => [u.id, u.parentId])
      )
      const rolled = new Map<number, { worst: number; problems: number }>()
      for (const d of direct) {
        const seen = new Set<number>()
        for (let unit: number | null | undefined = d.bunitId; unit !== null && unit !== undefined && !seen.has(unit); unit = parents.get(unit)) {
          seen.add(unit)
          const acc = rolled.get(unit) ?? { worst: 0, problems: 0 }
          acc.worst = Math.max(acc.worst, d.worst)
          acc.problems += d.problems
          rolled.set(unit, acc)
        }
      }
      const bySeverity = new Map(HEALTH_STATES.map((s) => [HEALTH_SEVERITY[s], s]))
      return [...rolled].map(([bunitId, v]) => ({ bunitId, worst: bySeverity.get(v.worst) ?? 'unknown', problems: v.problems }))
    })
  }

  /** Stored data per unit from the last refresh (own consumers only; the caller rolls up). */
  usageByUnit(): UsageSums[] {
    return this.guard('Reading the storage usage', () =>
      this.stmt(
        `SELECT c.bunit_id AS bunitId, coalesce(sum(h.stored_mb), 0) AS storedMB, coalesce(sum(h.backup_mb), 0) AS backupMB,
           coalesce(sum(h.archive_mb), 0) AS archiveMB, count(*) AS consumers,
           sum(CASE WHEN h.stored_mb IS NULL THEN 1 ELSE 0 END) AS unreported
         FROM consumers c LEFT JOIN health h ON h.consumer_id = c.id GROUP BY c.bunit_id`
      ).all() as UsageSums[]
    )
  }

  consumerUsage(bunitId: number): { consumerId: number; name: string; storedMB: number | null; backupMB: number | null; archiveMB: number | null; limitHighStorage: number | null }[] {
    return this.guard('Reading the storage of consumers', () =>
      (
        this.stmt(
          `SELECT c.id AS consumerId, c.name AS name, h.stored_mb AS storedMB, h.backup_mb AS backupMB, h.archive_mb AS archiveMB,
             json_extract(c.raw, '$.limitHighStorage') AS limitHighStorage
           FROM consumers c LEFT JOIN health h ON h.consumer_id = c.id WHERE c.bunit_id = ?
           ORDER BY h.stored_mb IS NULL, h.stored_mb DESC, c.name COLLATE NOCASE`
        ).all(bunitId) as { consumerId: number; name: string; storedMB: number | null; backupMB: number | null; archiveMB: number | null; limitHighStorage: unknown }[]
      ).map((r) => ({ ...r, limitHighStorage: typeof r.limitHighStorage === 'number' && r.limitHighStorage > 0 ? r.limitHighStorage : null }))
    )
  }

  // ------------------------------------------------------------ fetched on demand

  jobs(consumerId: number): { days: number; fetchedAt: string; firstJobAt: string | null; jobs: JobView[] } | null {
    return this.guard('Reading cached jobs', () => {
      const r = this.stmt('SELECT days, fetched_at AS fetchedAt, first_job_at AS firstJobAt, jobs FROM health_jobs WHERE consumer_id = ?').get(consumerId) as
        | { days: number; fetchedAt: string; firstJobAt: string | null; jobs: string }
        | undefined
      return r ? { ...r, jobs: parseJson<JobView[]>(r.jobs, []) } : null
    })
  }

  saveJobs(consumerId: number, value: { days: number; fetchedAt: string; firstJobAt: string | null; jobs: JobView[] }): void {
    this.guard(
      'Saving jobs',
      () =>
        this.stmt('INSERT OR REPLACE INTO health_jobs (consumer_id, days, fetched_at, first_job_at, jobs) VALUES (?, ?, ?, ?, ?)').run(
          consumerId,
          value.days,
          value.fetchedAt,
          value.firstJobAt,
          JSON.stringify(value.jobs)
        ),
      true
    )
  }

  history(consumerId: number): { days: number; fetchedAt: string; points: HistoryPoint[] } | null {
    return this.guard('Reading cached report history', () => {
      const r = this.stmt('SELECT days, fetched_at AS fetchedAt, points FROM health_history WHERE consumer_id = ?').get(consumerId) as
        | { days: number; fetchedAt: string; points: string }
        | undefined
      return r ? { ...r, points: parseJson<HistoryPoint[]>(r.points, []) } : null
    })
  }

  saveHistory(consumerId: number, value: { days: number; fetchedAt: string; points: HistoryPoint[] }): void {
    this.guard(
      'Saving report history',
      () =>
        this.stmt('INSERT OR REPLACE INTO health_history (consumer_id, days, fetched_at, points) VALUES (?, ?, ?, ?)').run(
          consumerId,
          value.days,
          value.fetchedAt,
          JSON.stringify(value.points)
        ),
      true
    )
  }

  billing(bunitId: number): { fetchedAt: string; items: BillingView[]; invoices: InvoiceView[]; message: string | null } | null {
    return this.guard('Reading cached billing', () => {
      const r = this.stmt('SELECT fetched_at AS fetchedAt, billing, invoices, message FROM unit_billing WHERE bunit_id = ?').get(bunitId) as
        | { fetchedAt: string; billing: string; invoices: string; message: string | null }
        | undefined
      return r ? { fetchedAt: r.fetchedAt, items: parseJson<BillingView[]>(r.billing, []), invoices: parseJson<InvoiceView[]>(r.invoices, []), message: r.message } : null
    })
  }

  saveBilling(bunitId: number, value: { fetchedAt: string; items: BillingView[]; invoices: InvoiceView[]; message: string | null }): void {
    this.guard(
      'Saving billing',
      () =>
        this.stmt('INSERT OR REPLACE INTO unit_billing (bunit_id, fetched_at, billing, invoices, message) VALUES (?, ?, ?, ?, ?)').run(
          bunitId,
          value.fetchedAt,
          JSON.stringify(value.items),
          JSON.stringify(value.invoices),
          value.message
        ),
      true
    )
  }
}
