/**
 * Builds an export in memory (CSV or JSON) from the cache; the renderer saves it. The same bytes
 * work for the desktop window and the browser host, and no file path crosses IPC.
 */
import { toCsv, ESTATE_COLUMNS } from '../export'
import type { EstateCache } from '../cache'
import type { Account } from '../accounts/schema'
import { DeskError } from '../../shared/errors'
import type { ExportFile } from '../../shared/ipc/estate-models'

export function renderExport(
  cache: EstateCache,
  account: Account,
  input: { format: 'csv' | 'json'; scope: 'estate' | 'consumers'; bunitId?: number | undefined; includeDescendants: boolean }
): ExportFile {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
  const base = `${slug(account.displayName)}-${input.scope === 'estate' ? 'estate' : 'consumers'}-${stamp}`
  let consumers
  if (input.scope === 'consumers') {
    if (input.bunitId === undefined) throw new DeskError('invalid-input', 'Choose the business unit whose consumers to export', { fields: { bunitId: 'Required' } })
    consumers = cache.consumers({ bunitId: input.bunitId, includeDescendants: input.includeDescendants, sort: 'name' })
  } else {
    consumers = cache.consumers({ sort: 'unit' })
  }
  if (input.format === 'csv') {
    return { fileName: `${base}.csv`, mimeType: 'text/csv', content: toCsv(ESTATE_COLUMNS, consumers) }
  }
  const document =
    input.scope === 'estate'
      ? {
          format: 'cloutility-desk-estate',
          version: 1,
          exportedAt: new Date().toISOString(),
          account: { displayName: account.displayName, apiUrl: account.apiUrl, username: account.username },
          meta: cache.meta(),
          businessUnits: cache.tree(),
          consumers,
          reference: stripRaw(cache.reference())
        }
      : { format: 'cloutility-desk-consumers', version: 1, exportedAt: new Date().toISOString(), bunitId: input.bunitId, consumers }
  return { fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(document, null, 2)}\n` }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'account'
}

function stripRaw<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'raw' ? undefined : v))) as T
}
