/**
 * The Health view's problem list as data: which rows a filter keeps (account, state tiles, text)
 * and the comparators the table sorts with. Pure, so the rules are tested without a DOM; the
 * table (ProblemTable.vue) hands the comparators to TanStack Table.
 */
import { HEALTH_SEVERITY, HEALTH_STATES, type HealthCounts, type HealthRow, type HealthState } from '../../../../shared/ipc/health-models'
import { stateLabel, warningsText } from './health-format'

export interface ProblemFilter {
  /** null: every account. */
  accountId: string | null
  /** Empty: every state. */
  states: ReadonlySet<HealthState>
  /** Words to find in the account, unit path, consumer, node, state or warnings. */
  text: string
}

/** What the text filter searches in, lower-cased once per row and kept (rows are immutable). */
const haystacks = new WeakMap<HealthRow, string>()

export function searchText(row: HealthRow): string {
  let text = haystacks.get(row)
  if (text === undefined) {
    text = [row.accountName, row.bunitPath, row.consumerName, row.tsmName ?? '', stateLabel(row.state), row.statusName ?? '', warningsText(row)]
      .join('\n')
      .toLowerCase()
    haystacks.set(row, text)
  }
  return text
}

/** Every word of `text` appears in the row (case-insensitive). */
export function matchesText(row: HealthRow, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const hay = searchText(row)
  return words.every((w) => hay.includes(w))
}

/** The rows the account filter and the state tiles keep (the text filter is the table's). */
export function filterProblems(rows: readonly HealthRow[], filter: Omit<ProblemFilter, 'text'> & { text?: string }): HealthRow[] {
  return rows.filter(
    (row) =>
      (filter.accountId === null || row.accountId === filter.accountId) &&
      (filter.states.size === 0 || filter.states.has(row.state)) &&
      (!filter.text || matchesText(row, filter.text))
  )
}

function time(value: string | null): number | null {
  if (!value) return null
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : t
}

/**
 * Worst first, then the longest-running problem first (oldest "since"); rows without a "since"
 * after those with one; finally by consumer name so the order is stable.
 */
export function compareBySeverity(a: HealthRow, b: HealthRow): number {
  const bySeverity = HEALTH_SEVERITY[b.state] - HEALTH_SEVERITY[a.state]
  if (bySeverity !== 0) return bySeverity
  const ta = time(a.since)
  const tb = time(b.since)
  if (ta !== tb) {
    if (ta === null) return 1
    if (tb === null) return -1
    return ta - tb
  }
  return a.consumerName.localeCompare(b.consumerName)
}

/** The default order of the list (what the backend sends, made sure of). */
export function sortBySeverity(rows: readonly HealthRow[]): HealthRow[] {
  return [...rows].sort(compareBySeverity)
}

/** For a column of dates: a time to sort by, or undefined (sorted last). */
export function sortTime(value: string | null): number | undefined {
  return time(value) ?? undefined
}

/** Counts per state of some rows (e.g. of one account, for its tiles). */
export function countStates(rows: readonly HealthRow[]): HealthCounts {
  const counts = Object.fromEntries(HEALTH_STATES.map((s) => [s, 0])) as HealthCounts
  for (const row of rows) counts[row.state]++
  return counts
}

/** Adds up several accounts' counts. */
export function sumCounts(list: readonly HealthCounts[]): HealthCounts {
  const counts = Object.fromEntries(HEALTH_STATES.map((s) => [s, 0])) as HealthCounts
  for (const c of list) for (const s of HEALTH_STATES) counts[s] += c[s] ?? 0
  return counts
}

/** The tiles, in the order the brief lists them: OK first, then the problems by severity. */
export const TILE_STATES: HealthState[] = ['ok', 'warning', 'failed', 'missed', 'never-activated', 'unknown']

/** Problems that count for badges and the sidebar (not never-activated, not ok). */
export function problemCount(counts: HealthCounts): number {
  return counts.failed + counts.missed + counts.warning + counts.unknown
}
