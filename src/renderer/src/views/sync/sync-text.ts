/**
 * Words for the sync and offline UI: pure functions (no Vue, no DOM) so they are easy to test.
 * Times are shown in the technician's local time zone.
 */
import type { SyncDiffView, SyncProgress } from '../../../../shared/ipc/estate-models'

export interface TimeOptions {
  /** BCP 47 locale; the browser's when omitted. */
  locale?: string
  /** IANA zone; the local one when omitted (tests pin it). */
  timeZone?: string
}

/** "12 Mar 2025, 14:03" in local time; null/invalid input gives null. */
export function formatLocalTime(iso: string | null | undefined, options: TimeOptions = {}): string | null {
  if (!iso) return null
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return null
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(options.timeZone ? { timeZone: options.timeZone } : {})
  }).format(date)
}

/** The offline banner's sentence. */
export function offlineBannerText(syncedAt: string | null | undefined, options: TimeOptions = {}): string {
  const when = formatLocalTime(syncedAt, options)
  return when ? `Offline — data from ${when}` : 'Offline — no synced data on this computer yet'
}

/** "Last synced 12 Mar 2025, 14:03" / "Never synced". */
export function lastSyncedText(syncedAt: string | null | undefined, options: TimeOptions = {}): string {
  const when = formatLocalTime(syncedAt, options)
  return when ? `Last synced ${when}` : 'Never synced'
}

const PHASES: Record<SyncProgress['phase'], string> = {
  tree: 'Reading business units',
  reference: 'Reading reference data',
  consumers: 'Reading consumers',
  nodes: 'Reading backup nodes',
  saving: 'Saving to this computer',
  done: 'Sync finished',
  failed: 'Sync failed',
  cancelled: 'Sync cancelled'
}

export function phaseText(phase: SyncProgress['phase']): string {
  return PHASES[phase] ?? phase
}

export function isFinalPhase(phase: SyncProgress['phase']): boolean {
  return phase === 'done' || phase === 'failed' || phase === 'cancelled'
}

/** "about 5 s left", "about 2 min left", "about 1 h 5 min left"; null/negative → null. */
export function etaText(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null
  const s = Math.round(seconds)
  if (s < 1) return 'less than a second left'
  if (s < 60) return `about ${s} s left`
  const minutes = Math.round(s / 60)
  if (minutes < 60) return `about ${minutes} min left`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m === 0 ? `about ${h} h left` : `about ${h} h ${m} min left`
}

/** Percentage 0..100 for the bar; null when the total is not known yet. */
export function progressPercent(p: Pick<SyncProgress, 'done' | 'total' | 'phase'>): number | null {
  if (p.phase === 'done') return 100
  if (!(p.total > 0)) return null
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)))
}

/** One line for the bar: "Reading consumers — 120 / 480 — about 5 s left". */
export function progressText(p: Pick<SyncProgress, 'phase' | 'done' | 'total' | 'etaSeconds' | 'message'>): string {
  const parts = [phaseText(p.phase)]
  if (p.total > 0 && !isFinalPhase(p.phase)) parts.push(`${p.done} / ${p.total}`)
  if (!isFinalPhase(p.phase)) {
    const eta = etaText(p.etaSeconds)
    if (eta) parts.push(eta)
  }
  if (p.message && isFinalPhase(p.phase) && p.phase !== 'done') parts.push(p.message)
  return parts.join(' — ')
}

type Part = SyncDiffView['consumers']
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** Names for a line, cut to `max` with "and N more" (the count is exact even if the list was cut). */
export function nameList(names: readonly string[], count: number, max = 5): string {
  const shown = names.slice(0, max)
  const more = count - shown.length
  if (shown.length === 0) return ''
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ')
}

export interface DiffLine {
  /** e.g. "consumers-added" (stable key for lists and tests). */
  key: string
  text: string
}

function partLines(part: Part, kindOne: string, kindMany: string, keyPrefix: string): DiffLine[] {
  const lines: DiffLine[] = []
  for (const change of ['added', 'removed', 'changed'] as const) {
    const count = part.counts[change]
    if (count <= 0) continue
    const names = nameList(part[change], count)
    lines.push({ key: `${keyPrefix}-${change}`, text: `${plural(count, kindOne, kindMany)} ${change}${names ? `: ${names}` : ''}` })
  }
  return lines
}

/** What changed since the previous sync, one line per kind of change. */
export function diffLines(diff: SyncDiffView | null | undefined): DiffLine[] {
  if (!diff) return []
  return [
    ...(diff.units ? partLines(diff.units, 'business unit', 'business units', 'units') : []),
    ...partLines(diff.consumers, 'consumer', 'consumers', 'consumers'),
    ...partLines(diff.nodes, 'node', 'nodes', 'nodes')
  ]
}

/** A one-line headline for the diff panel. */
export function diffHeadline(diff: SyncDiffView | null | undefined): string {
  if (!diff) return 'No sync yet'
  const u = diff.units?.counts ?? { added: 0, removed: 0, changed: 0 }
  const c = diff.consumers.counts
  const n = diff.nodes.counts
  if (diff.initial) {
    return `First sync of this account: ${plural(u.added, 'business unit', 'business units')}, ${plural(c.added, 'consumer', 'consumers')} and ${plural(n.added, 'node', 'nodes')} saved on this computer`
  }
  const total = u.added + u.removed + u.changed + c.added + c.removed + c.changed + n.added + n.removed + n.changed
  if (total === 0) return 'No changes since the previous sync'
  return `${plural(total, 'change', 'changes')} since the previous sync`
}

/**
 * What a first sync (issue 14) has not filled in yet, as one sentence; null when the data is
 * complete. `syncing` false means that first sync stopped half-way: the data shown is partial.
 */
export function loadingText(loading: 'tree' | 'consumers' | 'nodes' | null | undefined, syncing: boolean): string | null {
  if (!loading) return null
  if (!syncing) return 'The first sync stopped before it finished: some units, consumption units or nodes may be missing. Sync again to complete it.'
  if (loading === 'tree') return 'Still loading business units…'
  if (loading === 'consumers') return 'Still loading consumption units — units fill in as they are read.'
  return 'Still loading nodes — node details fill in as they are read.'
}
