/** Sorting and filtering of the consumer table: pure, so it is tested without a DOM. */
import type { ConsumerRow } from '../../../../shared/ipc/estate-models'

export type SortKey = 'name' | 'tsmName' | 'stateName' | 'osName' | 'domainName' | 'lastAccessTime' | 'activated'
export type SortDir = 'asc' | 'desc'
export type ActivationFilter = 'all' | 'activated' | 'not-activated' | 'no-node'

export interface ConsumerFilter {
  text: string
  activation: ActivationFilter
}

export const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'tsmName', label: 'Node name' },
  { key: 'stateName', label: 'State' },
  { key: 'osName', label: 'OS' },
  { key: 'domainName', label: 'Domain' },
  { key: 'lastAccessTime', label: 'Last access' },
  { key: 'activated', label: 'Activated' }
]

export function matchesFilter(row: ConsumerRow, filter: ConsumerFilter): boolean {
  switch (filter.activation) {
    case 'activated': if (row.activated !== true) return false; break
    case 'not-activated': if (!row.hasNode || row.activated === true) return false; break
    case 'no-node': if (row.hasNode) return false; break
  }
  const needle = filter.text.trim().toLowerCase()
  if (!needle) return true
  return [row.name, row.tsmName, row.stateName, row.osName, row.domainName, row.contact, row.note, row.bunitPath]
    .some((value) => value?.toLowerCase().includes(needle))
}

function sortValue(row: ConsumerRow, key: SortKey): string | number | null {
  switch (key) {
    case 'activated': return row.activated === null ? null : row.activated ? 1 : 0
    case 'lastAccessTime': return row.lastAccessTime ? Date.parse(row.lastAccessTime) : null
    default: return row[key]
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Stable sort; empty values always go last whatever the direction. */
export function sortRows(rows: readonly ConsumerRow[], key: SortKey, dir: SortDir): ConsumerRow[] {
  const sign = dir === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key) }))
    .sort((a, b) => {
      const av = a.value
      const bv = b.value
      if (av === null || av === '' || bv === null || bv === '') {
        const aEmpty = av === null || av === ''
        const bEmpty = bv === null || bv === ''
        if (aEmpty !== bEmpty) return aEmpty ? 1 : -1
        return a.index - b.index
      }
      const order = typeof av === 'number' && typeof bv === 'number' ? av - bv : collator.compare(String(av), String(bv))
      return order === 0 ? a.index - b.index : order * sign
    })
    .map((entry) => entry.row)
}

export function visibleRows(rows: readonly ConsumerRow[], filter: ConsumerFilter, key: SortKey, dir: SortDir): ConsumerRow[] {
  return sortRows(rows.filter((row) => matchesFilter(row, filter)), key, dir)
}

/** Clicking a header: same column flips the direction, another column starts ascending. */
export function nextSort(current: { key: SortKey; dir: SortDir }, clicked: SortKey): { key: SortKey; dir: SortDir } {
  if (current.key === clicked) return { key: clicked, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { key: clicked, dir: 'asc' }
}

export function activationLabel(row: ConsumerRow): string {
  if (!row.hasNode) return 'No node'
  return row.activated ? 'Yes' : 'No'
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const time = Date.parse(value)
  if (Number.isNaN(time)) return value
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
