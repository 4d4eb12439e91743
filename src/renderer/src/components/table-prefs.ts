/**
 * What a table remembers on this computer: each column's width (per table id) and how rows compare
 * when sorted. Widths live in localStorage; a damaged or foreign entry is ignored, never fatal.
 */
import { ref, watch, type Ref } from 'vue'

const PREFIX = 'desk.table.'
export const MIN_COLUMN_WIDTH = 48
export const MAX_COLUMN_WIDTH = 1200

function store(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** Keeps only sane widths (finite numbers within bounds, rounded). */
export function cleanWidths(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
  const out: Record<string, number> = {}
  for (const [key, width] of Object.entries(value as Record<string, unknown>)) {
    if (typeof width === 'number' && Number.isFinite(width)) out[key] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)))
  }
  return out
}

function readWidths(key: string): Record<string, number> {
  try {
    return cleanWidths(JSON.parse(store()?.getItem(key) ?? '{}'))
  } catch {
    return {}
  }
}

/** The remembered column widths of table `tableId`, saved whenever they change. */
export function useColumnWidths(tableId: string): Ref<Record<string, number>> {
  const key = `${PREFIX}${tableId}.widths`
  const widths = ref<Record<string, number>>(readWidths(key))
  watch(
    widths,
    (value) => {
      try {
        store()?.setItem(key, JSON.stringify(cleanWidths(value)))
      } catch {
        // Storage unavailable: widths hold for this session only.
      }
    },
    { deep: true }
  )
  return widths
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Orders two non-empty sort values: numbers by value, everything else as text (natural order). */
export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}
