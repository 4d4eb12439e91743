/**
 * Backup health and usage shapes that cross IPC (issue 9): the Health home screen across every
 * account, a consumer's backup status, jobs and storage history, and usage per business unit.
 *
 * Everything here is read from each account's local cache (so it browses offline, with the time
 * of the refresh that produced it); the `fetch*` calls go to the portal and cache their answer.
 * Portal status and warning-type ids are opaque: the app classifies by name (see
 * src/main/health/classify.ts) and always shows the portal's own names.
 */
import { z } from 'zod'
import { accountId } from './models'

const id = z.number({ error: 'An id is required' }).int().positive()

/** The app's own health states, worst first in HEALTH_STATES. */
export const HEALTH_STATES = ['failed', 'missed', 'warning', 'unknown', 'never-activated', 'ok'] as const
export type HealthState = (typeof HEALTH_STATES)[number]

/** Human names, for badges, filters and exports. */
export const HEALTH_STATE_LABELS: Record<HealthState, string> = {
  failed: 'Failed',
  missed: 'Missed / no activity',
  warning: 'Warning',
  unknown: 'Unknown',
  'never-activated': 'Never activated',
  ok: 'OK'
}

/** Higher is worse; used to sort by severity. */
export const HEALTH_SEVERITY: Record<HealthState, number> = {
  failed: 5,
  missed: 4,
  warning: 3,
  unknown: 2,
  'never-activated': 1,
  ok: 0
}

// ---------------------------------------------------------------- inputs

/** Without accountId: every account. */
export const healthInput = z.object({ accountId: accountId.optional() })
export const healthAccountInput = z.object({ accountId })
export const consumerHealthInput = z.object({ accountId, bunitId: id, consumerId: id })
export const fetchJobsInput = consumerHealthInput.extend({
  /** Jobs of the last N days (1 = the last 24 hours). */
  days: z.union([z.literal(1), z.literal(7), z.literal(30)]).default(1)
})
export const fetchHistoryInput = consumerHealthInput.extend({
  /** Daily reports of the last N days. */
  days: z.number().int().min(7, 'At least 7 days').max(400, 'At most 400 days').default(30)
})
export const unitUsageInput = z.object({ accountId, bunitId: id })
export const healthSettingsInput = z.object({
  accountId,
  /** Minutes between scheduled health refreshes while online; 0 turns the schedule off. */
  intervalMinutes: z.number().int().min(0, 'At least 0 minutes').max(1440, 'At most 1440 minutes (a day)')
})

export type HealthInput = z.input<typeof healthInput>
export type ConsumerHealthInput = z.input<typeof consumerHealthInput>
export type FetchJobsInput = z.input<typeof fetchJobsInput>
export type FetchHistoryInput = z.input<typeof fetchHistoryInput>
export type UnitUsageInput = z.input<typeof unitUsageInput>

// ---------------------------------------------------------------- outputs

export interface HealthWarning {
  /** The portal's warning-type name (or "Warning type N" when the type list lacks it). */
  typeName: string
  /** The warning in words, e.g. "Storage limit exceeded: 1,240 GB stored, limit 1,000 GB". */
  text: string
  days: number | null
  limit: number | null
}

/** One consumer's backup health, as of the account's last health refresh. */
export interface HealthRow {
  accountId: string
  accountName: string
  bunitId: number
  /** "Root / Customer / Site". */
  bunitPath: string
  consumerId: number
  consumerName: string
  tsmName: string | null
  state: HealthState
  /** The portal's own status name, e.g. "Failed" (null when it sent none). */
  statusName: string | null
  /** When the current state began, as far as the reports tell (ISO). */
  since: string | null
  /** Date of the last report with a successful status (ISO). */
  lastSuccessAt: string | null
  /** Date of the report this row comes from (ISO). */
  reportDate: string | null
  storedMB: number | null
  backupMB: number | null
  archiveMB: number | null
  /** Change of stored data against the previous report. */
  deltaMB: number | null
  transferredMB: number | null
  /** The consumer's storage limit (limitHighStorage), when set. */
  limitHighStorage: number | null
  warnings: HealthWarning[]
  /** Why the state could not be known, e.g. "The portal sent a report without a status". */
  note: string | null
}

export type HealthCounts = Record<HealthState, number>

export interface HealthChange {
  accountId: string
  accountName: string
  bunitId: number
  consumerId: number
  consumerName: string
  from: HealthState | null
  to: HealthState
}

export interface HealthAccountSummary {
  accountId: string
  accountName: string
  color: string
  /** When the last successful health refresh finished (null: never). */
  refreshedAt: string | null
  refreshing: boolean
  /** Why the last refresh failed or was cancelled (the previous health was kept). */
  lastError: string | null
  online: boolean
  counts: HealthCounts
  /** Minutes between scheduled refreshes (0: off). */
  intervalMinutes: number
}

export interface HealthOverview {
  accounts: HealthAccountSummary[]
  /** Sum over the accounts asked for. */
  counts: HealthCounts
  /** Every consumer whose state is not 'ok', worst first. */
  problems: HealthRow[]
  /** What changed in the last refresh of each account: newly failing and recovered consumers. */
  changes: { newlyFailing: HealthChange[]; recovered: HealthChange[] }
}

/** Problems per unit, rolled up from descendants, for the tree's badges. */
export interface UnitHealthBadge {
  bunitId: number
  worst: HealthState
  /** Consumers in the unit and its descendants whose state is failed, missed, warning or unknown. */
  problems: number
}

export interface JobView {
  id: number
  /** Type name from the portal, e.g. "Backup", "Archive", "Restore". */
  type: string | null
  status: string | null
  /** 'ok' | 'warning' | 'failed' | 'unknown', classified from the status name. */
  outcome: 'ok' | 'warning' | 'failed' | 'unknown'
  scheduled: boolean | null
  start: string | null
  completed: string | null
  durationSeconds: number | null
  examinedFiles: number | null
  affectedFiles: number | null
  failedFiles: number | null
  transferredMB: number | null
  /** Values the portal sent that could not be read (e.g. a bogus date), in words. */
  problems: string[]
}

export interface JobsView {
  days: number
  /** When these jobs were fetched from the portal (null: never fetched; jobs is empty). */
  fetchedAt: string | null
  jobs: JobView[]
  /** When the first job ever completed (the portal refuses windows that start before it). */
  firstJobAt: string | null
}

export interface HistoryPoint {
  date: string
  storedMB: number | null
  backupMB: number | null
  archiveMB: number | null
  transferredMB: number | null
  statusName: string | null
  state: HealthState
}

export interface HistoryView {
  days: number
  fetchedAt: string | null
  points: HistoryPoint[]
}

export interface ConsumerHealthView {
  /** The health row, or null when no refresh has covered this consumer yet. */
  health: HealthRow | null
  refreshedAt: string | null
  jobs: JobsView
  history: HistoryView
}

export interface UsageRow {
  bunitId: number
  name: string
  path: string
  /** Latest stored data of the unit's own consumers. */
  storedMB: number
  backupMB: number
  archiveMB: number
  /** With all sub-units. */
  totalStoredMB: number
  totalBackupMB: number
  totalArchiveMB: number
  consumers: number
  totalConsumers: number
  /** Consumers with no health report yet (their storage is unknown). */
  unreported: number
}

export interface InvoiceLineView {
  product: string | null
  startDate: string | null
  endDate: string | null
  quantity: number | null
  unitPrice: number | null
  amount: number | null
  note: string | null
}

export interface InvoiceView {
  id: number
  /** YYYY-MM-DD, from the invoice's href. */
  dateStr: string | null
  createdDate: string | null
  payingUnit: string | null
  lines: InvoiceLineView[]
  total: number | null
}

export interface BillingView {
  id: number
  invoiceDateStr: string
  invoiceDate: string | null
  unitName: string | null
  /** Totals per currency. */
  summary: { currency: string; total: number }[]
  invoiceCount: number
}

export interface UnitUsageView {
  refreshedAt: string | null
  /** The unit itself first, then its direct children. */
  unit: UsageRow
  children: UsageRow[]
  /** Consumers of the unit itself, largest first. */
  consumers: { consumerId: number; name: string; storedMB: number | null; backupMB: number | null; archiveMB: number | null; limitHighStorage: number | null }[]
  billing: { fetchedAt: string | null; items: BillingView[]; invoices: InvoiceView[]; message: string | null }
}

export interface HealthProgress {
  accountId: string
  phase: 'reports' | 'saving' | 'done' | 'failed' | 'cancelled'
  done: number
  total: number
  message?: string
}
