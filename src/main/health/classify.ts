/**
 * From the portal's words to the app's health states. The portal's status and warning-type
 * enumerations are not published, so ids are never interpreted: states come from the names the
 * portal sends (English names as Cloutility and IBM Storage Protect use them), and the names
 * themselves are always shown next to our state. A name we cannot place is 'unknown', never 'ok'.
 */
import type { HealthState, HealthWarning, JobView } from '../../shared/ipc/health-models'
import type { NodeReport, NodeReportWarning, NodeWarningType } from '../cloutility'

const FAILED = /fail|error|critical|severe|abort|unsuccess/i
const MISSED = /miss|no[\s_-]*activity|inactiv|overdue|not[\s_-]*run|stale/i
const WARNING = /warn/i
const OK = /success|\bok\b|complete|good|normal|finished|healthy/i

/** A status name (report, warning or job) as one of our states; null when the name says nothing. */
export function stateOfStatusName(name: string | undefined | null): Exclude<HealthState, 'never-activated'> | null {
  if (!name || name.trim() === '') return null
  if (FAILED.test(name)) return 'failed'
  if (MISSED.test(name)) return 'missed'
  if (WARNING.test(name)) return 'warning'
  if (OK.test(name)) return 'ok'
  return 'unknown'
}

export interface ReportHealth {
  state: Exclude<HealthState, 'never-activated'>
  statusName: string | null
  warnings: HealthWarning[]
  note: string | null
}

/**
 * The state of one report: its status, made worse by its warnings (a successful night with a
 * "no activity" warning is missed; with any other warning it is a warning).
 */
export function classifyReport(report: NodeReport, types: ReadonlyMap<number, NodeWarningType>, limitHighStorage: number | null): ReportHealth {
  const statusName = report.status?.name?.trim() || null
  const warnings = report.warnings.map((w) => describeWarning(w, types, report, limitHighStorage))
  if (!report.status) {
    return { state: 'unknown', statusName: null, warnings, note: 'The portal sent a report without a status.' }
  }
  const fromStatus = stateOfStatusName(statusName)
  if (fromStatus === null || fromStatus === 'unknown') {
    return {
      state: 'unknown',
      statusName,
      warnings,
      note: statusName ? `The portal's status "${statusName}" is not one the app knows.` : 'The portal sent a status without a name.'
    }
  }
  let state = fromStatus
  if (state === 'ok' || state === 'warning') {
    const noActivity = report.warnings.some((w) => stateOfStatusName(warningTypeName(w, types)) === 'missed')
    if (noActivity) state = 'missed'
    else if (warnings.length > 0) state = 'warning'
  }
  return { state, statusName, warnings, note: null }
}

function warningTypeName(w: NodeReportWarning, types: ReadonlyMap<number, NodeWarningType>): string | null {
  const fromType = w.type?.name?.trim()
  if (fromType) return fromType
  const id = w.type?.id
  return id !== undefined ? (types.get(id)?.name?.trim() ?? null) : null
}

/** A warning in words, e.g. "Storage limit exceeded: 1.2 TB stored, limit 1,000 GB". */
export function describeWarning(
  w: NodeReportWarning,
  types: ReadonlyMap<number, NodeWarningType>,
  report: Pick<NodeReport, 'megaBytes'>,
  limitHighStorage: number | null
): HealthWarning {
  const typeName = warningTypeName(w, types) ?? (w.type?.id !== undefined ? `Warning type ${w.type.id}` : 'Warning')
  const days = typeof w.days === 'number' && Number.isFinite(w.days) ? w.days : null
  const limit = typeof w.limit === 'number' && Number.isFinite(w.limit) ? w.limit : limitHighStorage
  const usesLimit = w.type?.usesLimit ?? (w.type?.id !== undefined ? types.get(w.type.id)?.usesLimit : undefined)
  const parts: string[] = []
  if (usesLimit !== false && limit !== null && (usesLimit === true || w.limit !== undefined)) {
    const stored = typeof report.megaBytes === 'number' ? `${formatMegabytes(report.megaBytes)} stored, ` : ''
    parts.push(`${stored}limit ${formatNumber(limit)} GB`)
  }
  if (days !== null) parts.push(`for ${formatNumber(days)} day${days === 1 ? '' : 's'}`)
  return { typeName, text: parts.length > 0 ? `${typeName}: ${parts.join(', ')}` : typeName, days, limit: usesLimit === false ? null : limit }
}

/** A job's outcome from its status name. */
export function jobOutcome(statusName: string | null): JobView['outcome'] {
  const state = stateOfStatusName(statusName)
  if (state === 'failed' || state === 'missed') return 'failed'
  if (state === 'warning') return 'warning'
  if (state === 'ok') return 'ok'
  return 'unknown'
}

export function formatMegabytes(mb: number): string {
  const units = ['MB', 'GB', 'TB', 'PB']
  let value = mb
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : 1 })} ${units[unit]}`
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 })
}
