/**
 * From the API client's parsed answers to the cache's snapshot rows. Used by the sync engine for
 * the whole estate and by the app after a write (`cache.upsertConsumer(consumerFromApi(...))`).
 */
import type {
  BackupServer,
  BusinessUnit,
  ClientOptionSet,
  Consumer,
  Domain,
  Node,
  NodeOperatingSystem,
  NodeType,
  SimpleBusinessUnit,
  TimeZone
} from '../cloutility'
import type {
  OperatingSystemRef,
  ProxyRef,
  ReferenceData,
  RefItem,
  SnapshotBunit,
  SnapshotConsumer,
  SnapshotNode
} from '../cache/types'

type Loose = Record<string, unknown>

function asObject(value: unknown): Loose | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function int(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return null
}

/**
 * Raw JSON worth keeping: the record minus what is redundant or empty — `$type`, `href` (rebuilt
 * from ids when needed), empty arrays, and the unit embedded in every consumer (reduced to id and
 * name). Applied recursively.
 */
export function slimRaw(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return depth > 8 ? value : value.map((v) => slimRaw(v, depth + 1))
  const o = asObject(value)
  if (!o || depth > 8) return value
  const out: Loose = {}
  for (const [key, v] of Object.entries(o)) {
    if (key === '$type' || key === 'href' || v === undefined) continue
    if (Array.isArray(v) && v.length === 0) continue
    if (key === 'businessUnit') {
      const bu = asObject(v)
      if (bu) out[key] = { id: bu.id, name: bu.name }
      continue
    }
    out[key] = slimRaw(v, depth + 1)
  }
  return out
}

/** slimRaw, serialized once: a string holds far less memory than the object graph during a crawl. */
function rawJson(value: unknown): string {
  return JSON.stringify(slimRaw(value))
}

/** The tree from `client.bunits.tree()`, flattened (parents before children). */
export function flattenTree(root: SimpleBusinessUnit): SnapshotBunit[] {
  const out: SnapshotBunit[] = []
  const stack: { unit: SimpleBusinessUnit; parentId: number | null }[] = [{ unit: root, parentId: null }]
  const seen = new Set<number>()
  while (stack.length > 0) {
    const { unit, parentId } = stack.pop() as { unit: SimpleBusinessUnit; parentId: number | null }
    if (seen.has(unit.id)) continue
    seen.add(unit.id)
    out.push({
      id: unit.id,
      // The nesting is authoritative; parentId in the answer is optional and only a hint.
      parentId: parentId ?? (unit === root ? null : (unit.parentId ?? null)),
      name: unit.name,
      groupName: unit.groupName ?? null
    })
    for (let i = unit.businessUnits.length - 1; i >= 0; i--) {
      const child = unit.businessUnits[i]
      if (child) stack.push({ unit: child, parentId: unit.id })
    }
  }
  return out
}

/** A unit from `client.bunits.get/create/update`; parentId from the answer unless given. */
export function bunitFromApi(unit: BusinessUnit, parentId?: number | null): SnapshotBunit {
  return {
    id: unit.id,
    parentId: parentId !== undefined ? parentId : (int(unit.parentBusinessUnit?.id) ?? null),
    name: unit.name,
    registrationNumber: unit.registrationNumber ?? null,
    note: unit.note ?? null,
    timeZoneId: int(unit.timeZone?.id),
    timeZoneName: int(unit.timeZone?.id) === null ? null : str(unit.timeZone?.name) || `Time zone ${int(unit.timeZone?.id)}`,
    raw: slimRaw({ ...unit, businessUnits: undefined, users: undefined, addresses: undefined })
  }
}

/** Unit facts (registration number, note) as embedded in a consumer's `businessUnit`. */
export function unitFactsFromConsumer(c: Consumer): { id: number; registrationNumber: string | null; note: string | null } | null {
  const bu = asObject(c.businessUnit)
  const id = int(bu?.id)
  if (!bu || id === null || !('registrationNumber' in bu)) return null
  return { id, registrationNumber: str(bu.registrationNumber), note: str(bu.note) }
}

export function consumerFromApi(bunitId: number, c: Consumer): SnapshotConsumer {
  return {
    id: c.id,
    bunitId,
    name: c.name,
    note: c.note ?? null,
    stateId: int(c.dataSourceState?.id),
    stateName: c.dataSourceState?.name ?? null,
    createdDate: c.createdDate ?? null,
    billingStartDate: c.billingStartDate ?? null,
    rawJson: rawJson(c)
  }
}

function proxyRefs(list: unknown): ProxyRef[] | undefined {
  if (!Array.isArray(list)) return undefined
  return list.flatMap((item) => {
    const o = asObject(item)
    if (!o) return []
    return [{ consumerId: int(asObject(o.consumer)?.id), nodeId: int(o.id), tsmName: str(o.tsmName) }]
  })
}

export function nodeFromApi(consumerId: number, n: Node): SnapshotNode {
  return {
    consumerId,
    nodeId: n.id,
    tsmName: n.tsmName ?? null,
    // A node is usable once activated; the portal then reports the activation date.
    activated: typeof n.activatedDate === 'string' && n.activatedDate !== '',
    activatedDate: n.activatedDate ?? null,
    osId: int(n.operatingSystem?.id),
    osName: n.operatingSystem?.name ?? null,
    typeId: int(n.type?.id),
    typeName: n.type?.name ?? null,
    domainId: int(n.domain?.id),
    domainName: n.domain?.name ?? null,
    optionSetId: int(n.clientOptionSet?.id),
    optionSetName: n.clientOptionSet?.name ?? null,
    cpuCount: n.cpuCount ?? null,
    contact: n.contact ?? null,
    lastAccessTime: n.lastAccessTime ?? null,
    locked: n.locked ?? null,
    decommissioned: n.decommissioned ?? null,
    proxyAgents: proxyRefs(n.proxyAgents),
    proxyTargets: proxyRefs(n.proxyTargets),
    rawJson: rawJson(n)
  }
}

function refItem(item: { id: number; name: string; description?: string | undefined }): RefItem {
  return { id: item.id, name: item.name, description: item.description ?? null, raw: slimRaw(item) }
}

export function referenceFromApi(input: {
  domains: Domain[]
  optionSets: ClientOptionSet[]
  operatingSystems: NodeOperatingSystem[]
  nodeTypes: NodeType[]
  timeZones: TimeZone[]
  defaultServer: BackupServer | null
}): ReferenceData {
  const operatingSystems: OperatingSystemRef[] = input.operatingSystems.map((os) => ({
    id: os.id,
    name: os.name,
    shortName: os.shortName ?? null,
    supportedNodeTypeIds: os.supportedNodeTypes.map((t) => t.id),
    raw: slimRaw({ ...os, supportedNodeTypes: undefined })
  }))
  return {
    domains: input.domains.map(refItem),
    optionSets: input.optionSets.map(refItem),
    operatingSystems,
    nodeTypes: input.nodeTypes.map((t) => ({ ...refItem(t), shortName: t.shortName ?? null })),
    timeZones: input.timeZones.map(refItem),
    defaultServer: input.defaultServer ? refItem(input.defaultServer) : null
  }
}
