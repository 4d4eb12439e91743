/**
 * Shapes of the per-account estate cache: what goes in (a snapshot, built by the sync engine or
 * mapped from an API answer) and what comes out (rows the UI reads). Plain data only.
 */
import type { ConsumerRow, ProxyPeer } from '../../shared/ipc/estate-models'

/** A reference to the other end of a proxy relation, as far as the API told us. */
export interface ProxyRef {
  consumerId?: number | null
  nodeId?: number | null
  tsmName?: string | null
}

export interface SnapshotBunit {
  id: number
  parentId: number | null
  name: string
  registrationNumber?: string | null
  groupName?: string | null
  note?: string | null
  /** From the unit's own detail (not in the tree): kept so its page shows it offline. */
  timeZoneId?: number | null
  timeZoneName?: string | null
  raw?: unknown
}

export interface SnapshotConsumer {
  id: number
  bunitId: number
  name: string
  note?: string | null
  stateId?: number | null
  stateName?: string | null
  createdDate?: string | null
  billingStartDate?: string | null
  raw?: unknown
  /** The raw record already serialized as JSON; wins over `raw` (saves memory in big syncs). */
  rawJson?: string
}

export interface SnapshotNode {
  consumerId: number
  nodeId?: number | null
  tsmName?: string | null
  activated: boolean
  activatedDate?: string | null
  osId?: number | null
  osName?: string | null
  typeId?: number | null
  typeName?: string | null
  domainId?: number | null
  domainName?: string | null
  optionSetId?: number | null
  optionSetName?: string | null
  cpuCount?: number | null
  contact?: string | null
  lastAccessTime?: string | null
  locked?: boolean | null
  decommissioned?: boolean | null
  /** undefined = the answer did not say (keep what we have); [] = none. */
  proxyAgents?: ProxyRef[]
  proxyTargets?: ProxyRef[]
  raw?: unknown
  /** The raw record already serialized as JSON; wins over `raw`. */
  rawJson?: string
}

export interface RefItem {
  id: number
  name: string
  shortName?: string | null
  description?: string | null
  raw?: unknown
}

export interface OperatingSystemRef extends RefItem {
  supportedNodeTypeIds: number[]
}

export interface ReferenceData {
  domains: RefItem[]
  optionSets: RefItem[]
  operatingSystems: OperatingSystemRef[]
  nodeTypes: RefItem[]
  timeZones: RefItem[]
  defaultServer: RefItem | null
}

export interface EstateSnapshot {
  /** The account's top unit (the root of `client.bunits.tree()`). */
  rootBunitId: number
  bunits: SnapshotBunit[]
  consumers: SnapshotConsumer[]
  nodes: SnapshotNode[]
  reference: ReferenceData
  portalVersion?: string | null
  /** ISO timestamp; defaults to now. */
  syncedAt?: string
  /** Extra facts about the sync to keep with the metadata (requests, seconds...). */
  stats?: Record<string, number>
}

// ------------------------------------------------------------------ diff

export interface DiffEntry {
  id: number
  name: string
  bunitId: number
}

export interface ChangedEntry extends DiffEntry {
  /** Field names whose value differs, e.g. ['note', 'domainName']. */
  fields: string[]
}

export interface DiffPart {
  added: DiffEntry[]
  removed: DiffEntry[]
  changed: ChangedEntry[]
  counts: { added: number; removed: number; changed: number }
}

export interface EstateDiff {
  /** True when there was no previous snapshot: everything is "added". */
  initial: boolean
  bunits: { added: number; removed: number; changed: number }
  /** Business units with their names (renamed or moved count as changed); absent in diffs stored before issue 11. */
  units?: DiffPart
  consumers: DiffPart
  /** Node entries are keyed by consumer id; `name` is the node's tsmName (or the consumer name). */
  nodes: DiffPart
  /** True when one of the lists was cut at `DIFF_LIST_LIMIT` entries (the counts are exact). */
  truncated: boolean
}

// ------------------------------------------------------------------ reads

export interface UnitRow {
  id: number
  parentId: number | null
  name: string
  /** "Root / Child / Grandchild" */
  path: string
  depth: number
  registrationNumber: string | null
  note: string | null
  timeZoneId: number | null
  timeZoneName: string | null
  /** Consumers directly in this unit. */
  consumerCount: number
  /** Consumers in this unit and all units below it. */
  totalConsumerCount: number
  childCount: number
}

export interface UnitTreeNode extends UnitRow {
  children: UnitTreeNode[]
}

/** The rows the views list are exactly what crosses IPC: one definition for both. */
export type { ConsumerRow, ProxyPeer }

export interface ConsumerDetail {
  consumer: ConsumerRow
  /** Raw API JSON as last seen (consumer, node), for fields we have no column for. */
  consumerRaw: unknown
  nodeRaw: unknown
  proxyAgents: ProxyPeer[]
  proxyTargets: ProxyPeer[]
}

export interface SyncMeta {
  rootBunitId: number | null
  lastSyncedAt: string | null
  portalVersion: string | null
  lastDiff: EstateDiff | null
  lastSyncStats: Record<string, number> | null
  /** When the app last changed the cache from a write's answer (incremental update). */
  lastLocalChangeAt: string | null
  counts: { bunits: number; consumers: number; nodes: number }
  /**
   * Set while a first sync fills the cache progressively (issue 14): what is still loading.
   * 'consumers': the tree is in, units' consumers are arriving; 'nodes': every consumer is in,
   * nodes are arriving. Stays set if that sync stopped half-way (the data is incomplete).
   */
  partialSync: 'tree' | 'consumers' | 'nodes' | null
}

export interface ReferenceLists {
  domains: RefItem[]
  optionSets: RefItem[]
  operatingSystems: OperatingSystemRef[]
  nodeTypes: RefItem[]
  timeZones: RefItem[]
  defaultServer: RefItem | null
}

export type ConsumerSortKey =
  | 'name'
  | 'tsmName'
  | 'state'
  | 'createdDate'
  | 'activated'
  | 'activatedDate'
  | 'os'
  | 'type'
  | 'domain'
  | 'optionSet'
  | 'cpuCount'
  | 'contact'
  | 'lastAccessTime'
  | 'unit'

export interface ConsumerQuery {
  /** Restrict to one unit; with `includeDescendants`, to its subtree. Omit for the whole estate. */
  bunitId?: number
  includeDescendants?: boolean
  sort?: ConsumerSortKey
  descending?: boolean
  limit?: number
  offset?: number
  filter?: {
    stateId?: number
    osId?: number
    typeId?: number
    domainId?: number
    optionSetId?: number
    activated?: boolean
    hasNode?: boolean
  }
}

export interface CacheRecovery {
  reason: 'corrupt' | 'integrity' | 'newer-version' | 'migration-failed' | 'unknown-schema'
  message: string
  /** Where the unusable file was moved (null if it could only be deleted). */
  movedTo: string | null
}
