/**
 * Exports of the Health view's problem list (one account or all) and of a unit's storage usage,
 * as CSV (formula-guarded, via the shared writer) or JSON, built in memory from the cache.
 */
import { DeskError } from '../../shared/errors'
import { HEALTH_STATE_LABELS, type HealthRow, type UsageRow } from '../../shared/ipc/health-models'
import type { ExportFile } from '../../shared/ipc/estate-models'
import type { CoreContext } from '../core/context'
import { toCsv, type ExportColumn } from '../export'
import { healthOverview, healthHandlers } from './handlers'

const HEALTH_COLUMNS: ExportColumn<HealthRow>[] = [
  { key: 'accountName', header: 'Account' },
  { key: 'bunitPath', header: 'Business unit' },
  { key: 'consumerName', header: 'Consumer' },
  { key: 'consumerId', header: 'Consumer ID' },
  { key: 'tsmName', header: 'Node' },
  { key: (r) => HEALTH_STATE_LABELS[r.state], header: 'State' },
  { key: 'statusName', header: 'Portal status' },
  { key: 'since', header: 'Since' },
  { key: 'lastSuccessAt', header: 'Last successful backup' },
  { key: 'reportDate', header: 'Report date' },
  { key: 'storedMB', header: 'Stored (MB)' },
  { key: 'transferredMB', header: 'Transferred (MB)' },
  { key: 'deltaMB', header: 'Change (MB)' },
  { key: 'limitHighStorage', header: 'Storage limit (GB)' },
  { key: (r) => r.warnings.map((w) => w.text).join('; '), header: 'Warnings' },
  { key: 'note', header: 'Note' }
]

const USAGE_COLUMNS: ExportColumn<UsageRow & { level: string }>[] = [
  { key: 'level', header: 'Level' },
  { key: 'path', header: 'Business unit' },
  { key: 'bunitId', header: 'Business unit ID' },
  { key: 'consumers', header: 'Consumers' },
  { key: 'storedMB', header: 'Stored (MB)' },
  { key: 'backupMB', header: 'Backup (MB)' },
  { key: 'archiveMB', header: 'Archive (MB)' },
  { key: 'totalConsumers', header: 'Consumers with sub-units' },
  { key: 'totalStoredMB', header: 'Stored with sub-units (MB)' },
  { key: 'totalBackupMB', header: 'Backup with sub-units (MB)' },
  { key: 'totalArchiveMB', header: 'Archive with sub-units (MB)' },
  { key: 'unreported', header: 'Consumers without a report' }
]

const stamp = (): string => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'account'

export async function renderHealthExport(
  ctx: CoreContext,
  input: { accountId: string; format: 'csv' | 'json'; scope: 'health' | 'usage'; bunitId?: number | undefined }
): Promise<ExportFile> {
  if (input.scope === 'health') {
    const all = input.accountId === '*'
    const overview = healthOverview(ctx, all ? undefined : input.accountId)
    const base = `${all ? 'all-accounts' : slug(ctx.store.require(input.accountId).displayName)}-health-${stamp()}`
    if (input.format === 'csv') return { fileName: `${base}.csv`, mimeType: 'text/csv', content: toCsv(HEALTH_COLUMNS, overview.problems) }
    const document = {
      format: 'cloutility-desk-health',
      version: 1,
      exportedAt: new Date().toISOString(),
      accounts: overview.accounts.map(({ accountId, accountName, refreshedAt, counts }) => ({ accountId, accountName, refreshedAt, counts })),
      counts: overview.counts,
      problems: overview.problems,
      changes: overview.changes
    }
    return { fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(document, null, 2)}\n` }
  }
  if (input.bunitId === undefined) throw new DeskError('invalid-input', 'Choose the business unit whose usage to export', { fields: { bunitId: 'Required' } })
  const account = ctx.store.require(input.accountId)
  const usage = await healthHandlers(ctx).getUnitUsage({ accountId: input.accountId, bunitId: input.bunitId })
  const base = `${slug(account.displayName)}-usage-${slug(usage.unit.name)}-${stamp()}`
  if (input.format === 'csv') {
    const rows = [{ ...usage.unit, level: 'Unit' }, ...usage.children.map((c) => ({ ...c, level: 'Sub-unit' }))]
    return { fileName: `${base}.csv`, mimeType: 'text/csv', content: toCsv(USAGE_COLUMNS, rows) }
  }
  const document = { format: 'cloutility-desk-usage', version: 1, exportedAt: new Date().toISOString(), account: account.displayName, ...usage }
  return { fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(document, null, 2)}\n` }
}
