/**
 * The in-memory estate. Records are plain, lean objects keyed by id in Maps so
 * every request is O(1) (or O(size of one unit)), even with 20,000 consumers.
 * Rendering to API shapes happens in render/*, never here.
 */
import type { AuditStore } from './audit'

export interface BusinessUnitRec {
  id: number
  parentId: number | null
  name: string
  registrationNumber: string
  note?: string
  timeZoneId: number
  createdDate: string
  /** Child unit ids, in creation order. */
  children: number[]
  /** Consumer ids directly in this unit, in creation order. */
  consumerIds: number[]
}

export interface ConsumerRec {
  id: number
  businessUnitId: number
  name: string
  note?: string
  externalReference?: string
  createdDate: string
  billingStartDate: string
  limitHighStorage: number
  allowNoActivity: boolean
  latestRestorePoint?: string
  nodeId?: number
}

export interface FilespaceRec {
  id: number
  name: string
  type: string
  tsmFilespaceId: string
  capacityMegaBytes: number
  percentageUtilized: number
  lastBackupStart?: string
  lastBackupEnd?: string
  createdDate: string
}

export interface NodeRec {
  id: number
  consumerId: number
  serverId: number
  operatingSystemId: number
  typeId: number
  domainId: number
  clientOptionSetId?: number
  cpuCount: number
  contact: string
  createdDate: string
  locked: boolean
  decommissioned: boolean
  tsmName?: string
  tsmPassword?: string
  tsmNodeId?: string
  activatedDate?: string
  lastAccessTime?: string
  /** When the node was locked or decommissioned (its report history ends that day). */
  lockedAt?: string
  /** Consumer ids allowed to act as this node (created lazily: most nodes have none). */
  proxyAgents?: Set<number>
  /** Consumer ids this node may act as. */
  proxyTargets?: Set<number>
  /** Filespaces are materialised on first request to keep large estates lean. */
  filespaces?: FilespaceRec[]
  filespaceCount: number
  lastSync?: string
}

export interface UserRec {
  id: number
  username: string
  password: string
  name: string
  phone: string
  businessUnitId: number
  createdDate: string
}

/** What test control planted on a consumer's recent nights (see health/overrides.ts). */
export interface HealthOverride {
  /** Status of the last `days` nights; 'no-status' sends those reports without a status. */
  status?: 'ok' | 'warning' | 'failed' | 'missed' | 'no-status'
  days: number
  /** The latest night's jobs carry bogus dates. */
  bogusJobDate?: boolean
}

export interface IdCounters {
  bunit: number
  consumer: number
  node: number
  user: number
  filespace: number
  audit: number
}

export interface SimState {
  /** "http://127.0.0.1:PORT/v1/"; set once the server listens. Used for every href. */
  baseUrl: string
  version: string
  /** Seed of the estate; lazily materialised data (filespaces) derives from it. */
  seed: number
  rootId: number
  groupName: string
  /** Fixed time the generated history is anchored to (ms since epoch). */
  referenceTime: number
  bunits: Map<number, BusinessUnitRec>
  consumers: Map<number, ConsumerRec>
  nodes: Map<number, NodeRec>
  users: Map<number, UserRec>
  /** Lower-cased username → user. */
  usersByName: Map<string, UserRec>
  /** "serverId/TSMNAME" → node id; SP node names are unique per server. */
  tsmNames: Map<string, number>
  audit: AuditStore
  /** Test-control overrides of backup health, by consumer id. */
  healthOverrides: Map<number, HealthOverride>
  nextId: IdCounters
}
