/**
 * Estate shapes that cross IPC: what the views read (served from each account's local cache, so
 * they work offline) and the inputs of every write (validated in main before anything is sent).
 */
import { z } from 'zod'
import { accountId } from './models'

const id = z.number({ error: 'An id is required' }).int().positive()
/**
 * The portal's own length limits (the simulator's are the reference): the forms check the same
 * numbers so the portal never has to refuse what the app let through.
 */
export const PORTAL_LIMITS = { name: 255, registrationNumber: 64, note: 2000, contact: 255, deletionComment: 500 } as const

const name = (label: string, max: number = PORTAL_LIMITS.name) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`)
const optionalText = (label: string, max: number = PORTAL_LIMITS.note) => z.string().trim().max(max, `${label} is at most ${max} characters`).optional()

// ---------------------------------------------------------------- inputs

export const accountScoped = z.object({ accountId })
export const unitRef = z.object({ accountId, bunitId: id })
export const consumerRef = z.object({ accountId, bunitId: id, consumerId: id })

export const consumerListInput = z.object({
  accountId,
  bunitId: id,
  includeDescendants: z.boolean().default(false)
})
export const consumerDetailInput = z.object({ accountId, consumerId: id })

export const auditLogInput = z.object({
  accountId,
  bunitId: id,
  consumerId: id.optional(),
  /** 0 info, 100 create, 200 modify, 300 delete, 400 error. */
  types: z.array(z.union([z.literal(0), z.literal(100), z.literal(200), z.literal(300), z.literal(400)])).max(5).optional(),
  startTime: z.iso.datetime({ offset: true }).optional(),
  endTime: z.iso.datetime({ offset: true }).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
  orderDesc: z.boolean().default(true),
  includeDescendants: z.boolean().default(false)
})

export const filespacesInput = consumerRef.extend({ tsmSync: z.boolean().default(false) })

export const createUnitInput = z.object({
  accountId,
  parentId: id,
  name: name('Name'),
  registrationNumber: optionalText('Registration number', PORTAL_LIMITS.registrationNumber),
  timeZoneId: id.optional(),
  note: optionalText('Note')
})
export const updateUnitInput = z.object({
  accountId,
  bunitId: id,
  name: name('Name').optional(),
  registrationNumber: optionalText('Registration number', PORTAL_LIMITS.registrationNumber),
  timeZoneId: id.optional(),
  note: optionalText('Note')
})

export const createConsumerInput = z.object({ accountId, bunitId: id, name: name('Name'), note: optionalText('Note') })
export const updateConsumerInput = consumerRef.extend({ name: name('Name').optional(), note: optionalText('Note') })
export const deleteConsumerInput = consumerRef.extend({
  deleteAssociations: z.boolean().default(false),
  deletionComment: optionalText('Deletion comment', 500)
})

export const nodeFields = z.object({
  operatingSystemId: id,
  typeId: id,
  domainId: id,
  clientOptionSetId: id,
  cpuCount: z.number().int().min(1, 'CPU count is at least 1').max(4096, 'CPU count is at most 4096').optional(),
  contact: optionalText('Contact', PORTAL_LIMITS.contact)
})
export const createNodeInput = consumerRef.extend(nodeFields.shape)
export const updateNodeInput = consumerRef.extend(nodeFields.partial().shape)
export const activateNodeInput = consumerRef.extend({ tsmName: z.string().trim().min(1, 'Node name is required').max(64, 'A node name is at most 64 characters') })
export const nodePasswordInput = consumerRef.extend({
  /** Omit to have a strong password generated. */
  password: z.string().min(8, 'A node password has at least 8 characters').max(64, 'A node password has at most 64 characters').optional()
})
export const proxyInput = z.object({
  accountId,
  bunitId: id,
  agentConsumerId: id,
  targetConsumerId: id,
  /** Which side's endpoint to call; the relationship is the same either way. */
  from: z.enum(['agent', 'target']).default('target')
})

export const createConsumerWithNodeInput = z.object({
  accountId,
  bunitId: id,
  name: name('Name'),
  note: optionalText('Note'),
  node: nodeFields.optional(),
  /** Activate right away with this node name (validated against IBM Storage Protect rules). */
  activateAs: z.string().trim().max(64).optional()
})

/** The columns a bulk-creation CSV may have (header names are case- and separator-insensitive). */
export const BULK_COLUMNS = {
  name: 'Consumption unit name (required)',
  note: 'Free-text note',
  os: 'Operating system, by name, short name or id (e.g. Microsoft Windows, WIN, Linux)',
  type: 'Node type, by name, short name or id (e.g. File Server, FS); must be supported by the OS',
  domain: 'Domain (retention), e.g. 30DAYS or STANDARD',
  optionset: 'Client option set, e.g. DEDUP_AND_COMPRESS',
  cpucount: 'Number of CPUs, a whole number (1 when empty)',
  contact: 'Who is responsible for the machine',
  nodename: 'Activate with this node name (A–Z 0–9 _ . - + &, at most 64); empty leaves the node not activated'
} as const
export type BulkColumn = keyof typeof BULK_COLUMNS

export const bulkRowsInput = z.object({ accountId, bunitId: id, csv: z.string().max(5_000_000, 'The file is too large (5 MB at most)') })
export const bulkRunInput = bulkRowsInput.extend({ runId: z.string().min(1).max(100) })

export const searchInput = z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(50) })

export const exportInput = z.object({
  accountId,
  format: z.enum(['csv', 'json']),
  /**
   * 'estate': every unit, consumer and node; 'consumers': the consumers of one unit (the current
   * view); 'health': the problem list of the Health view (all accounts when accountId is '*');
   * 'usage': stored data per unit and per consumer under bunitId.
   */
  scope: z.enum(['estate', 'consumers', 'health', 'usage']),
  bunitId: id.optional(),
  includeDescendants: z.boolean().default(false)
})

// ---------------------------------------------------------------- outputs

export interface UnitNode {
  id: number
  parentId: number | null
  name: string
  /** Consumers directly in this unit / in it and all its descendants. */
  consumerCount: number
  totalConsumerCount: number
  children: UnitNode[]
}

export interface UnitDetail {
  id: number
  parentId: number | null
  name: string
  path: string
  registrationNumber: string | null
  note: string | null
  timeZone: { id: number; name: string } | null
  children: { id: number; name: string; consumerCount: number }[]
  consumerCount: number
  totalConsumerCount: number
}

export interface ConsumerRow {
  id: number
  bunitId: number
  bunitPath: string
  name: string
  note: string | null
  stateId: number | null
  stateName: string | null
  createdDate: string | null
  hasNode: boolean
  tsmName: string | null
  activated: boolean | null
  activatedDate: string | null
  osId: number | null
  osName: string | null
  typeId: number | null
  typeName: string | null
  domainId: number | null
  domainName: string | null
  optionSetId: number | null
  optionSetName: string | null
  cpuCount: number | null
  contact: string | null
  lastAccessTime: string | null
  proxyAgentCount: number
  proxyTargetCount: number
}

export interface ProxyPeer {
  consumerId: number
  bunitId: number
  consumerName: string
  tsmName: string | null
}

export interface ConsumerDetailView {
  consumer: ConsumerRow
  proxyAgents: ProxyPeer[]
  proxyTargets: ProxyPeer[]
}

export interface RefItem {
  id: number
  name: string
  shortName?: string | null
  description?: string | null
}

export interface DomainItem extends RefItem {
  backupRetention: number | null
  archiveRetention: number | null
}

export interface ReferenceView {
  defaultServer: RefItem | null
  domains: DomainItem[]
  optionSets: RefItem[]
  operatingSystems: (RefItem & { supportedNodeTypeIds: number[] })[]
  nodeTypes: RefItem[]
  timeZones: RefItem[]
}

export interface AuditEntry {
  id: number
  time: string | null
  type: number | null
  typeName: string
  message: string
  user: string | null
}

export interface AuditPage {
  total: number
  offset: number
  items: AuditEntry[]
}

export interface FilespaceView {
  id: number
  name: string
  type: string | null
  capacityMegaBytes: number | null
  percentageUtilized: number | null
  lastBackupStart: string | null
  lastBackupEnd: string | null
}

export interface ActivationResult {
  tsmName: string
  /** Shown once to the technician for the backup client's configuration. */
  password: string
}

export interface BulkPreviewRow {
  line: number
  name: string
  values: Record<string, string>
  errors: string[]
  /** Already exists in the unit (a previous run created it): it will be completed, not duplicated. */
  existing: boolean
}

export interface BulkPreview {
  columns: string[]
  rows: BulkPreviewRow[]
  valid: number
  invalid: number
}

export interface BulkRowResult {
  line: number
  name: string
  status: 'created' | 'completed' | 'skipped' | 'failed'
  message?: string
  consumerId?: number
  tsmName?: string
  password?: string
}

export interface SearchHit {
  accountId: string
  accountName: string
  kind: 'bunit' | 'consumer' | 'node'
  id: number
  name: string
  /** Unit path for context, e.g. "Acme / Sales". */
  path: string
  bunitId: number
  consumerId: number | null
  /** Which field matched (name, node name, contact, note). */
  matched: string
}

export interface ExportFile {
  fileName: string
  mimeType: string
  content: string
}

export interface SyncDiffView {
  initial: boolean
  /** Business units added, removed, renamed or moved (issue 11). */
  units: { added: string[]; removed: string[]; changed: string[]; counts: { added: number; removed: number; changed: number } }
  consumers: { added: string[]; removed: string[]; changed: string[]; counts: { added: number; removed: number; changed: number } }
  nodes: { added: string[]; removed: string[]; changed: string[]; counts: { added: number; removed: number; changed: number } }
}

export interface EstateStatus {
  accountId: string
  hasSnapshot: boolean
  syncedAt: string | null
  portalVersion: string | null
  counts: { bunits: number; consumers: number; nodes: number }
  lastDiff: SyncDiffView | null
  syncing: boolean
  /** Why the last sync failed, if it did (the previous snapshot was kept). */
  lastError: string | null
  /** The portal answered recently; false means browse from the cache only. */
  online: boolean
  problems: string[]
  // --- sync under real conditions (issue 14) ---
  /**
   * A first sync is filling the cache as it reads (or stopped half-way): what is still missing.
   * 'consumers': some units' consumers; 'nodes': node details. null when the data is complete.
   */
  loading: 'tree' | 'consumers' | 'nodes' | null
  /** Minutes between background syncs while online and idle (0 = never). */
  syncIntervalMinutes: number
}

// --- sync under real conditions (issue 14) ---
export const syncSettingsInput = z.object({
  accountId,
  /** Minutes between background syncs while online and idle; 0 turns them off. */
  intervalMinutes: z.number().int().min(0, 'At least 0 minutes').max(1440, 'At most 1440 minutes (a day)')
})
export type SyncSettingsInput = z.input<typeof syncSettingsInput>

export interface SyncProgress {
  accountId: string
  phase: 'tree' | 'reference' | 'consumers' | 'nodes' | 'saving' | 'done' | 'failed' | 'cancelled'
  done: number
  total: number
  etaSeconds: number | null
  message?: string
}

export interface BulkProgress {
  runId: string
  done: number
  total: number
  row: BulkRowResult
}
