/**
 * Export of what the technician sees (a list of rows) or of an account's whole estate, as CSV
 * (RFC 4180, safe against formula injection) or JSON, written atomically: a reader never sees a
 * half-written file, and a failed export leaves any previous file untouched.
 */
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { DeskError } from '../../shared/errors'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fs/private-files'
import type { EstateCache } from '../cache/estate-cache'
import type { ConsumerRow } from '../cache/types'

export type ExportFormat = 'csv' | 'json'

export interface ExportColumn<R> {
  /** Property of the row, or a function computing the cell. */
  key: (keyof R & string) | ((row: R) => unknown)
  header: string
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so spreadsheet apps read non-ASCII names correctly. Default true. */
  bom?: boolean
  /** Field separator; default ','. */
  delimiter?: ',' | ';' | '\t'
}

/** Characters that make a spreadsheet treat a cell as a formula (plus tab and CR, per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV cell: formula-guarded (text only), quoted when needed, quotes doubled. */
export function csvCell(value: unknown, delimiter = ','): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'string') {
    text = FORMULA_START.test(value) ? `'${value}` : value
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    // Numbers are data, not text a user typed: -5 stays -5.
    text = String(value)
  } else if (value instanceof Date) {
    text = value.toISOString()
  } else {
    const json = JSON.stringify(value)
    text = FORMULA_START.test(json) ? `'${json}` : json
  }
  if (text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r')) {
    return `"${text.replace(/"/g, '""')}"`
  }
  return text
}

function cellOf<R>(row: R, column: ExportColumn<R>): unknown {
  return typeof column.key === 'function' ? column.key(row) : (row as Record<string, unknown>)[column.key]
}

/** RFC 4180: CRLF line ends, a header line, every record with the same number of fields. */
export function toCsv<R>(columns: ExportColumn<R>[], rows: readonly R[], options: CsvOptions = {}): string {
  const d = options.delimiter ?? ','
  const lines = [columns.map((c) => csvCell(c.header, d)).join(d)]
  for (const row of rows) lines.push(columns.map((c) => csvCell(cellOf(row, c), d)).join(d))
  return `${options.bom === false ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`
}

/**
 * Writes via a temporary file in the same folder, fsync, then rename over the target. The file is
 * owner-only (0600: it names customers); a folder this creates is 0700. An existing folder the
 * user chose is left as it is.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file)
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let fd: number | null = null
  try {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
    fd = fs.openSync(tmp, 'wx', PRIVATE_FILE_MODE)
    // open()'s mode is filtered by the umask; 0600 has nothing the usual umask removes, but be sure.
    if (process.platform !== 'win32') fs.fchmodSync(fd, PRIVATE_FILE_MODE)
    fs.writeFileSync(fd, data)
    fs.fsyncSync(fd)
    fs.closeSync(fd)
    fd = null
    fs.renameSync(tmp, file)
  } catch (error) {
    if (fd !== null) {
      try {
        fs.closeSync(fd)
      } catch {
        // already failing; the temporary file is removed below
      }
    }
    fs.rmSync(tmp, { force: true })
    throw new DeskError('storage', `Could not write ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      path: file
    })
  }
}

/** The rows of the current view, as the view shows them (columns in view order). */
export function exportRows<R>(input: {
  file: string
  format: ExportFormat
  columns: ExportColumn<R>[]
  rows: readonly R[]
  csv?: CsvOptions
}): { file: string; rows: number } {
  if (input.format === 'csv') {
    writeFileAtomic(input.file, toCsv(input.columns, input.rows, input.csv))
  } else {
    const objects = input.rows.map((row) => Object.fromEntries(input.columns.map((c) => [c.header, cellOf(row, c) ?? null])))
    writeFileAtomic(input.file, `${JSON.stringify(objects, null, 2)}\n`)
  }
  return { file: input.file, rows: input.rows.length }
}

/** The columns of a whole-estate CSV: one line per consumer, its node's columns joined. */
export const ESTATE_COLUMNS: ExportColumn<ConsumerRow>[] = [
  { key: 'bunitPath', header: 'Business unit' },
  { key: 'bunitId', header: 'Business unit ID' },
  { key: 'id', header: 'Consumer ID' },
  { key: 'name', header: 'Consumer' },
  { key: 'stateName', header: 'State' },
  { key: 'note', header: 'Note' },
  { key: 'createdDate', header: 'Created' },
  { key: 'tsmName', header: 'Node name' },
  { key: (r) => (r.activated === null ? null : r.activated ? 'yes' : 'no'), header: 'Activated' },
  { key: 'activatedDate', header: 'Activated on' },
  { key: 'osName', header: 'Operating system' },
  { key: 'typeName', header: 'Node type' },
  { key: 'domainName', header: 'Domain' },
  { key: 'optionSetName', header: 'Client option set' },
  { key: 'cpuCount', header: 'CPU count' },
  { key: 'contact', header: 'Contact' },
  { key: 'lastAccessTime', header: 'Last access' },
  { key: 'proxyAgentCount', header: 'Proxy agents' },
  { key: 'proxyTargetCount', header: 'Proxy targets' }
]

/** An account's whole estate: CSV (consumers with nodes) or JSON (units, consumers, reference, metadata). */
export function exportEstate(
  cache: EstateCache,
  input: { file: string; format: ExportFormat; account?: Record<string, unknown>; csv?: CsvOptions }
): { file: string; rows: number } {
  const consumers = cache.consumers({ sort: 'unit' })
  if (input.format === 'csv') {
    writeFileAtomic(input.file, toCsv(ESTATE_COLUMNS, consumers, input.csv))
  } else {
    const document = {
      format: 'cloutility-desk-estate',
      version: 1,
      exportedAt: new Date().toISOString(),
      ...(input.account ? { account: input.account } : {}),
      meta: cache.meta(),
      businessUnits: cache.tree(),
      consumers,
      reference: cache.reference()
    }
    writeFileAtomic(input.file, `${JSON.stringify(document, null, 2)}\n`)
  }
  return { file: input.file, rows: consumers.length }
}
