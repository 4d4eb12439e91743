/** The audit-log filters (types, time range, order, paging) as pure data → the call's input. */
export const AUDIT_TYPES = [
  { value: 0, label: 'Info' },
  { value: 100, label: 'Create' },
  { value: 200, label: 'Modify' },
  { value: 300, label: 'Delete' },
  { value: 400, label: 'Error' }
] as const

export type AuditType = (typeof AUDIT_TYPES)[number]['value']

export interface AuditFilters {
  types: AuditType[]
  /** `<input type="datetime-local">` values (local time), '' when unset. */
  from: string
  to: string
  newestFirst: boolean
}

export const PAGE_SIZE = 25

export function defaultFilters(): AuditFilters {
  return { types: AUDIT_TYPES.map((t) => t.value), from: '', to: '', newestFirst: true }
}

export function localToIso(value: string): string | undefined | null {
  if (!value) return undefined
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

export type AuditQuery = {
  types?: AuditType[]
  startTime?: string
  endTime?: string
  offset: number
  limit: number
  orderDesc: boolean
}

export function auditQuery(filters: AuditFilters, offset: number, limit = PAGE_SIZE): { query: AuditQuery } | { error: string } {
  if (filters.types.length === 0) return { error: 'Choose at least one entry type.' }
  const startTime = localToIso(filters.from)
  const endTime = localToIso(filters.to)
  if (startTime === null || endTime === null) return { error: 'Enter a valid date and time.' }
  if (startTime && endTime && startTime > endTime) return { error: 'The start of the time range is after its end.' }
  const query: AuditQuery = { offset, limit, orderDesc: filters.newestFirst }
  if (filters.types.length < AUDIT_TYPES.length) query.types = [...filters.types].sort((a, b) => a - b)
  if (startTime) query.startTime = startTime
  if (endTime) query.endTime = endTime
  return { query }
}

export function pageLabel(total: number, offset: number, count: number): string {
  if (total === 0 || count === 0) return 'No entries'
  return `${offset + 1}–${offset + count} of ${total}`
}
