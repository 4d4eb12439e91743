/** Bulk creation from CSV: column hints, merging progress events into results, summaries. */
import { BULK_COLUMNS, type BulkRowResult } from '../../../../shared/ipc/estate-models'

/** The accepted columns and what each means: the same list main validates against. */
export const COLUMN_HINTS: Record<string, string> = BULK_COLUMNS

export const EXPECTED_COLUMNS = Object.keys(COLUMN_HINTS)

export function columnHint(column: string): string {
  return COLUMN_HINTS[column.toLowerCase()] ?? ''
}

/** A progress event replaces the row with the same line, keeping the list ordered by line. */
export function mergeResult(results: readonly BulkRowResult[], row: BulkRowResult): BulkRowResult[] {
  const next = results.filter((r) => r.line !== row.line)
  next.push(row)
  return next.sort((a, b) => a.line - b.line)
}

export function summarize(results: readonly BulkRowResult[]): Record<BulkRowResult['status'], number> {
  const counts = { created: 0, completed: 0, skipped: 0, failed: 0 }
  for (const r of results) counts[r.status]++
  return counts
}

export const STATUS_LABELS: Record<BulkRowResult['status'], string> = {
  created: 'Created',
  completed: 'Completed (already existed)',
  skipped: 'Skipped (already done)',
  failed: 'Failed'
}

export function newRunId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`
}

export function sampleCsv(columns: readonly string[] = EXPECTED_COLUMNS): string {
  const example: Record<string, string> = {
    name: 'web-01',
    note: 'Front-end',
    os: 'Linux',
    type: 'File Server',
    domain: '30DAYS',
    optionset: 'DEDUP_AND_COMPRESS',
    cpucount: '4',
    contact: 'ops@example.com',
    nodename: 'WEB01'
  }
  return `${columns.join(',')}\n${columns.map((c) => example[c] ?? '').join(',')}\n`
}
