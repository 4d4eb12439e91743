/**
 * Words and numbers for the health screens: data sizes (the portal reports megabytes), durations,
 * state names and "since" times. Pure functions, shared by the Health view, the consumer's health
 * panel, the storage chart and the usage section.
 */
import { HEALTH_STATE_LABELS, type HealthRow, type HealthState } from '../../../../shared/ipc/health-models'

const UNITS = ['MB', 'GB', 'TB', 'PB'] as const

/** 1536 → "1.5 GB"; null → "—". Binary steps (1 GB = 1024 MB), as backup servers count. */
export function formatMB(mb: number | null | undefined): string {
  if (mb === null || mb === undefined || !Number.isFinite(mb)) return '—'
  const negative = mb < 0
  let value = Math.abs(mb)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = value === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
  return `${negative ? '−' : ''}${text} ${UNITS[unit]}`
}

/** A change of stored data: "+1.2 GB", "−300 MB", "no change". */
export function formatDeltaMB(mb: number | null | undefined): string {
  if (mb === null || mb === undefined || !Number.isFinite(mb)) return '—'
  if (mb === 0) return 'no change'
  return mb > 0 ? `+${formatMB(mb)}` : formatMB(mb)
}

/** 200 → "3 min 20 s"; 7500 → "2 h 5 min"; null → "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  const minutes = Math.floor(s / 60)
  if (minutes < 60) return s % 60 === 0 ? `${minutes} min` : `${minutes} min ${s % 60} s`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
  const days = Math.floor(hours / 24)
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`
}

/** A count with thousands separators; null → "—". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return n.toLocaleString('en-US')
}

export function stateLabel(state: HealthState): string {
  return HEALTH_STATE_LABELS[state]
}

/** A date and time in the technician's locale; null → "—"; unreadable text is shown as sent. */
export function formatWhen(value: string | null | undefined): string {
  if (!value) return '—'
  const time = Date.parse(value)
  if (Number.isNaN(time)) return value
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** A date only (reports are daily). */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—'
  const time = Date.parse(value)
  if (Number.isNaN(time)) return value
  return new Date(time).toLocaleDateString(undefined, { dateStyle: 'medium' })
}

/** "3 days ago", "5 hours ago", "just now" (relative to `now`), for "since" columns. */
export function formatAgo(value: string | null | undefined, now: number = Date.now()): string {
  if (!value) return '—'
  const time = Date.parse(value)
  if (Number.isNaN(time)) return value
  const minutes = Math.floor((now - time) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`
  const days = Math.floor(hours / 24)
  return `${days} days ago`
}

/** The warnings of a row in words (or its note when the state could not be known). */
export function warningsText(row: Pick<HealthRow, 'warnings' | 'note'>): string {
  const parts = row.warnings.map((w) => w.text || w.typeName)
  if (row.note) parts.push(row.note)
  return parts.join('; ')
}

/**
 * A unit path for a narrow column: without the root (the MSP's own unit, the same on every row of
 * an account) and, when still long, only its last `keep` units. The full path goes in a tooltip.
 * "Root / Customer" → "Customer"; "Root / Customer / Site / Office" → "… / Site / Office".
 */
export function shortPath(path: string, keep = 2): string {
  const parts = path.split(' / ')
  if (parts.length === 1) return path
  const below = parts.slice(1)
  return below.length <= keep ? below.join(' / ') : `… / ${below.slice(-keep).join(' / ')}`
}

/** "3 backup problems" / "1 backup problem": the accessible name of a tree badge. */
export function problemsText(count: number): string {
  return `${count} backup problem${count === 1 ? '' : 's'}`
}

/** Choices for the scheduled refresh (minutes; 0 = off). */
export const REFRESH_INTERVALS: { minutes: number; label: string }[] = [
  { minutes: 0, label: 'Off' },
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 30, label: 'Every 30 minutes' },
  { minutes: 60, label: 'Every hour' },
  { minutes: 120, label: 'Every 2 hours' },
  { minutes: 240, label: 'Every 4 hours' },
  { minutes: 720, label: 'Every 12 hours' },
  { minutes: 1440, label: 'Once a day' }
]

/** The choices, with the current value added when it is not one of them (set elsewhere). */
export function intervalChoices(current: number): { minutes: number; label: string }[] {
  if (REFRESH_INTERVALS.some((c) => c.minutes === current)) return REFRESH_INTERVALS
  return [...REFRESH_INTERVALS, { minutes: current, label: `Every ${current} minutes` }].sort((a, b) => a.minutes - b.minutes)
}
