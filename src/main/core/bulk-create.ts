/**
 * Bulk creation of consumption units with nodes from a CSV file: a preview that validates every
 * row first, then a run that does each row on its own. A failed row does not stop the others, and
 * a re-run never creates twice: each row first looks for its consumer by name in the unit (live),
 * then only does the steps still missing (node, activation).
 */
import { DeskError } from '../../shared/errors'
import { validateNodeName } from '../../shared/node-name'
import { BULK_COLUMNS as COLUMN_DOCS, type BulkColumn, type BulkPreview, type BulkPreviewRow, type BulkRowResult, type ReferenceView } from '../../shared/ipc/estate-models'
import { consumerFromApi, nodeFromApi } from '../sync'
import type { Consumer } from '../cloutility'
import { parseCsv } from './csv'
import { assertWritable, live, type CoreContext } from './context'
import { activateOnPortal } from './estate-write-handlers'
import { createConsumerChecked, createNodeChecked } from './lost-answers'

const BULK_COLUMNS = Object.keys(COLUMN_DOCS) as BulkColumn[]
type Column = BulkColumn
const NODE_COLUMNS: Column[] = ['os', 'type', 'domain', 'optionset']
export const MAX_BULK_ROWS = 1000

interface PlannedRow extends BulkPreviewRow {
  node?: { operatingSystemId: number; typeId: number; domainId: number; clientOptionSetId: number; cpuCount?: number; contact?: string }
  tsmName?: string
}

/** Finds a reference item by id or by name (case-insensitive). */
function resolve(list: { id: number; name: string; shortName?: string | null }[], value: string): number | null {
  const v = value.trim().toLowerCase()
  if (/^\d+$/.test(v)) return list.find((i) => i.id === Number(v))?.id ?? null
  return list.find((i) => i.name.toLowerCase() === v || i.shortName?.toLowerCase() === v)?.id ?? null
}

export function planBulk(csv: string, reference: ReferenceView, existingNames: Set<string>, usedNodeNames: Set<string>): { preview: BulkPreview; rows: PlannedRow[] } {
  const parsed = parseCsv(csv)
  const header = parsed.shift()
  if (!header) throw new DeskError('invalid-input', 'The file is empty. The first line must name the columns, e.g. name,os,type,domain,optionset,nodename')
  const columns = header.cells.map((c) => c.trim().toLowerCase().replace(/[\s_-]/g, ''))
  const unknown = columns.filter((c) => !(BULK_COLUMNS as readonly string[]).includes(c))
  if (!columns.includes('name')) throw new DeskError('invalid-input', `The first line must name the columns and include "name". Known columns: ${BULK_COLUMNS.join(', ')}`)
  if (unknown.length > 0) throw new DeskError('invalid-input', `Unknown column(s): ${unknown.join(', ')}. Known columns: ${BULK_COLUMNS.join(', ')}`)
  if (parsed.length > MAX_BULK_ROWS) throw new DeskError('invalid-input', `At most ${MAX_BULK_ROWS} rows per file (this one has ${parsed.length})`)

  const seenNames = new Set<string>()
  const seenNodeNames = new Set<string>()
  const rows = parsed.map((row): PlannedRow => {
    const values = Object.fromEntries(columns.map((c, i) => [c, (row.cells[i] ?? '').trim()])) as Record<Column, string>
    const errors: string[] = []
    const name = values.name ?? ''
    if (name === '') errors.push('Name is required')
    else if (name.length > 200) errors.push('Name is at most 200 characters')
    else if (seenNames.has(name.toLowerCase())) errors.push(`"${name}" appears more than once in the file`)
    seenNames.add(name.toLowerCase())
    if (row.cells.length > columns.length) errors.push(`${row.cells.length} values for ${columns.length} columns`)

    const planned: PlannedRow = { line: row.line, name, values, errors, existing: existingNames.has(name.toLowerCase()) }
    const wantsNode = NODE_COLUMNS.some((c) => (values[c] ?? '') !== '') || (values.nodename ?? '') !== ''
    if (wantsNode) {
      const os = values.os ? resolve(reference.operatingSystems, values.os) : null
      const type = values.type ? resolve(reference.nodeTypes, values.type) : null
      const domain = values.domain ? resolve(reference.domains, values.domain) : null
      const optionSet = values.optionset ? resolve(reference.optionSets, values.optionset) : null
      for (const [column, value, id] of [['os', values.os, os], ['type', values.type, type], ['domain', values.domain, domain], ['optionset', values.optionset, optionSet]] as const) {
        if (!value) errors.push(`${column} is required for a node`)
        else if (id === null) errors.push(`${column} "${value}" is not known on this portal`)
      }
      const osItem = reference.operatingSystems.find((o) => o.id === os)
      if (osItem && type !== null && osItem.supportedNodeTypeIds.length > 0 && !osItem.supportedNodeTypeIds.includes(type)) {
        errors.push(`Node type "${values.type}" is not supported on ${osItem.name}`)
      }
      let cpuCount: number | undefined
      if (values.cpucount) {
        cpuCount = Number(values.cpucount)
        if (!Number.isInteger(cpuCount) || cpuCount < 1 || cpuCount > 4096) errors.push('cpucount must be a whole number from 1 to 4096')
      }
      if (os !== null && type !== null && domain !== null && optionSet !== null) {
        planned.node = {
          operatingSystemId: os,
          typeId: type,
          domainId: domain,
          clientOptionSetId: optionSet,
          ...(cpuCount !== undefined && Number.isInteger(cpuCount) ? { cpuCount } : {}),
          ...(values.contact ? { contact: values.contact } : {})
        }
      }
      if (values.nodename) {
        const checked = validateNodeName(values.nodename)
        if (!checked.ok) errors.push(`nodename: ${checked.reason}`)
        else if (seenNodeNames.has(checked.normalized)) errors.push(`Node name ${checked.normalized} appears more than once in the file`)
        else if (usedNodeNames.has(checked.normalized) && !planned.existing) errors.push(`Node name ${checked.normalized} is already used on this portal`)
        else planned.tsmName = checked.normalized
        if (checked.ok) seenNodeNames.add(checked.normalized)
      }
    }
    return planned
  })
  const invalid = rows.filter((r) => r.errors.length > 0).length
  return {
    preview: { columns, rows: rows.map(({ node: _n, tsmName: _t, ...r }) => r), valid: rows.length - invalid, invalid },
    rows
  }
}

export async function previewBulk(ctx: CoreContext, accountId: string, bunitId: number, csv: string): Promise<BulkPreview> {
  ctx.store.require(accountId)
  await refreshUnitConsumers(ctx, accountId, bunitId)
  return plan(ctx, accountId, bunitId, csv).preview
}

/**
 * Before a preview, when the portal is reachable: re-read the unit's consumers so "already
 * exists" counts what a previous run created (even if its answers were lost), not what the last
 * sync saw. Offline, or if the read fails, the preview uses the cache as it is.
 */
async function refreshUnitConsumers(ctx: CoreContext, accountId: string, bunitId: number): Promise<void> {
  const session = ctx.sessions.get(accountId)
  if (!session || session.state.status !== 'signed-in') return
  const cache = ctx.estates.get(accountId).cache
  if (!cache.unit(bunitId)) return
  let current: Consumer[]
  try {
    current = await live(ctx, accountId, (client) => client.consumers.list(bunitId))
  } catch {
    return
  }
  const ids = new Set(current.map((c) => c.id))
  for (const c of current) cache.upsertConsumer(consumerFromApi(bunitId, c))
  for (const row of cache.consumers({ bunitId })) if (!ids.has(row.id)) cache.deleteConsumer(row.id)
  ctx.publishEstate(accountId)
}

function plan(ctx: CoreContext, accountId: string, bunitId: number, csv: string) {
  ctx.store.require(accountId)
  const cache = ctx.estates.get(accountId).cache
  if (!cache.unit(bunitId)) throw new DeskError('not-found', `Business unit ${bunitId} is not in the local copy of this estate`)
  const reference = cache.reference()
  const consumers = cache.consumers({})
  const existing = new Set(consumers.filter((c) => c.bunitId === bunitId).map((c) => c.name.toLowerCase()))
  const usedNodeNames = new Set(consumers.flatMap((c) => (c.tsmName ? [c.tsmName.toUpperCase()] : [])))
  return planBulk(csv, { ...reference, domains: reference.domains.map((d) => ({ ...d, backupRetention: null, archiveRetention: null })) }, existing, usedNodeNames)
}

export async function runBulk(ctx: CoreContext, accountId: string, bunitId: number, csv: string, runId: string): Promise<BulkRowResult[]> {
  assertWritable(ctx, accountId)
  const { rows } = plan(ctx, accountId, bunitId, csv)
  const cache = ctx.estates.get(accountId).cache
  // What the portal has now (not the cache): a previous run may have created rows since the last sync.
  const current = await live(ctx, accountId, (client) => client.consumers.list(bunitId))
  const byName = new Map<string, Consumer>(current.map((c) => [c.name.toLowerCase(), c]))
  const results: BulkRowResult[] = []

  for (const row of rows) {
    let result: BulkRowResult
    if (row.errors.length > 0) {
      result = { line: row.line, name: row.name, status: 'failed', message: row.errors.join('; ') }
    } else {
      result = await runRow(row)
    }
    results.push(result)
    ctx.events.emit('bulkProgress', { runId, done: results.length, total: rows.length, row: result })
  }
  ctx.publishEstate(accountId)
  return results

  async function runRow(row: PlannedRow): Promise<BulkRowResult> {
    const steps: string[] = []
    let consumerId: number | undefined
    try {
      return await live(ctx, accountId, async (client) => {
        let consumer = byName.get(row.name.toLowerCase())
        const existed = consumer !== undefined
        if (!consumer) {
          // A lost answer is checked on the portal: "created" or "not created", never a duplicate.
          const known = new Set([...byName.values()].map((c) => c.id))
          const created = await createConsumerChecked(client, bunitId, { name: row.name, ...(row.values.note ? { note: row.values.note } : {}) }, known)
          consumer = created.value
          byName.set(row.name.toLowerCase(), consumer)
          cache.upsertConsumer(consumerFromApi(bunitId, consumer))
          steps.push(created.recovered ? 'created the consumption unit (its answer was lost; found on the portal)' : 'created the consumption unit')
        }
        consumerId = consumer.id
        let node = row.node || row.tsmName ? await client.nodes.get(bunitId, consumer.id) : null
        if (row.node && !node) {
          const created = await createNodeChecked(client, bunitId, consumer.id, row.node)
          node = created.value
          cache.upsertNode(nodeFromApi(consumer.id, node))
          steps.push(created.recovered ? 'created the node (its answer was lost; found on the portal)' : 'created the node')
        }
        let password: string | undefined
        if (row.tsmName && node && !node.activatedDate) {
          const activated = await activateOnPortal(client, bunitId, consumer.id, row.tsmName)
          node = activated.node
          cache.upsertNode(nodeFromApi(consumer.id, node))
          password = activated.password
          steps.push(`activated as ${activated.tsmName}`)
        }
        if (steps.length > 0) cache.upsertConsumer(consumerFromApi(bunitId, await client.consumers.get(bunitId, consumer.id)))
        const status: BulkRowResult['status'] = !existed ? 'created' : steps.length > 0 ? 'completed' : 'skipped'
        return {
          line: row.line,
          name: row.name,
          status,
          message: steps.length > 0 ? steps.join(', ') : 'already complete',
          consumerId: consumer.id,
          ...(node?.tsmName ? { tsmName: node.tsmName } : {}),
          ...(password ? { password } : {})
        }
      })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const done = steps.length > 0 ? ` (done before the failure: ${steps.join(', ')}; a re-run continues from there)` : ''
      return { line: row.line, name: row.name, status: 'failed', message: `${message}${done}`, ...(consumerId ? { consumerId } : {}) }
    }
  }
}
