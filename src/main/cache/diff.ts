/**
 * Differences between two estates: business units, consumers and nodes added, removed, changed (with the names
 * of the fields that changed). Pure functions over plain rows, so they are easy to test.
 */
import type { ChangedEntry, DiffEntry, DiffPart, EstateDiff } from './types'

/** Each list in a stored diff is cut at this many entries; the counts stay exact. */
export const DIFF_LIST_LIMIT = 2000

export interface ComparableConsumer {
  id: number
  bunitId: number
  name: string
  note: string | null
  stateId: number | null
  stateName: string | null
}

export interface ComparableNode {
  consumerId: number
  bunitId: number
  name: string
  tsmName: string | null
  activated: boolean
  activatedDate: string | null
  osId: number | null
  typeId: number | null
  domainId: number | null
  optionSetId: number | null
  cpuCount: number | null
  contact: string | null
  locked: boolean | null
  decommissioned: boolean | null
  /** Sorted consumer ids of the proxy agents of this node / the targets it acts for. */
  proxyAgents: string
  proxyTargets: string
}

export const UNIT_DIFF_FIELDS = ['name', 'parentId'] as const
export const CONSUMER_DIFF_FIELDS = ['bunitId', 'name', 'note', 'stateId'] as const
/** lastAccessTime is deliberately left out: it changes on every backup and would drown the rest. */
export const NODE_DIFF_FIELDS = [
  'tsmName',
  'activated',
  'activatedDate',
  'osId',
  'typeId',
  'domainId',
  'optionSetId',
  'cpuCount',
  'contact',
  'locked',
  'decommissioned',
  'proxyAgents',
  'proxyTargets'
] as const

function diffPart<T extends { bunitId: number; name: string }>(
  before: Map<number, T>,
  after: Map<number, T>,
  fields: readonly (keyof T & string)[],
  limit: number
): { part: DiffPart; truncated: boolean } {
  const added: DiffEntry[] = []
  const removed: DiffEntry[] = []
  const changed: ChangedEntry[] = []
  const counts = { added: 0, removed: 0, changed: 0 }
  for (const [id, next] of after) {
    const prev = before.get(id)
    if (!prev) {
      counts.added++
      if (added.length < limit) added.push({ id, name: next.name, bunitId: next.bunitId })
      continue
    }
    const differing = fields.filter((f) => (prev[f] ?? null) !== (next[f] ?? null))
    if (differing.length > 0) {
      counts.changed++
      if (changed.length < limit) changed.push({ id, name: next.name, bunitId: next.bunitId, fields: differing })
    }
  }
  for (const [id, prev] of before) {
    if (after.has(id)) continue
    counts.removed++
    if (removed.length < limit) removed.push({ id, name: prev.name, bunitId: prev.bunitId })
  }
  const byName = (a: DiffEntry, b: DiffEntry) => a.name.localeCompare(b.name) || a.id - b.id
  added.sort(byName)
  removed.sort(byName)
  changed.sort(byName)
  const truncated = counts.added > added.length || counts.removed > removed.length || counts.changed > changed.length
  return { part: { added, removed, changed, counts }, truncated }
}

export function diffEstates(input: {
  initial: boolean
  unitsBefore: Map<number, { name: string; parentId: number | null }>
  unitsAfter: Map<number, { name: string; parentId: number | null }>
  consumersBefore: Map<number, ComparableConsumer>
  consumersAfter: Map<number, ComparableConsumer>
  nodesBefore: Map<number, ComparableNode>
  nodesAfter: Map<number, ComparableNode>
  limit?: number
}): EstateDiff {
  const limit = input.limit ?? DIFF_LIST_LIMIT
  // Units are compared like consumers: by id, on their name and place in the tree.
  const unitRows = (m: Map<number, { name: string; parentId: number | null }>) =>
    new Map([...m].map(([id, u]) => [id, { name: u.name, parentId: u.parentId, bunitId: u.parentId ?? id }]))
  const unitPart = diffPart(unitRows(input.unitsBefore), unitRows(input.unitsAfter), UNIT_DIFF_FIELDS, limit)
  const units = { ...unitPart.part.counts }
  const consumers = diffPart(input.consumersBefore, input.consumersAfter, CONSUMER_DIFF_FIELDS, limit)
  const nodes = diffPart(input.nodesBefore, input.nodesAfter, NODE_DIFF_FIELDS, limit)
  return {
    initial: input.initial,
    bunits: units,
    units: unitPart.part,
    consumers: consumers.part,
    nodes: nodes.part,
    truncated: unitPart.truncated || consumers.truncated || nodes.truncated
  }
}

/** True when the diff says nothing changed. */
export function isEmptyDiff(diff: EstateDiff): boolean {
  const c = diff.consumers.counts
  const n = diff.nodes.counts
  const b = diff.bunits
  return c.added + c.removed + c.changed + n.added + n.removed + n.changed + b.added + b.removed + b.changed === 0
}
