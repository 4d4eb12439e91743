/**
 * Fixed reference data every Cloutility portal has: time zones, backup server,
 * policy domains, client option sets, node operating systems and node types,
 * data-source states. Ids are stable so tests and fixtures can rely on them.
 */

export const CATALOG_CREATED = '2022-06-10T06:33:19.337Z'

export interface TimeZoneDef { id: number; name: string; windowsId: string; offset: number }
export const TIME_ZONES: readonly TimeZoneDef[] = [
  { id: 1, name: '(GMT) Coordinated Universal Time', windowsId: 'UTC', offset: 0 },
  { id: 2, name: '(GMT+00:00) Dublin, Edinburgh, Lisbon, London', windowsId: 'GMT Standard Time', offset: 0 },
  { id: 3, name: '(GMT+01:00) Brussels, Copenhagen, Madrid, Paris', windowsId: 'Romance Standard Time', offset: 60 },
  { id: 4, name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', windowsId: 'W. Europe Standard Time', offset: 60 },
  { id: 5, name: '(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius', windowsId: 'FLE Standard Time', offset: 120 },
  { id: 6, name: '(GMT-05:00) Eastern Time (US & Canada)', windowsId: 'Eastern Standard Time', offset: -300 },
  { id: 7, name: '(GMT-08:00) Pacific Time (US & Canada)', windowsId: 'Pacific Standard Time', offset: -480 },
  { id: 8, name: '(GMT+10:00) Canberra, Melbourne, Sydney', windowsId: 'AUS Eastern Standard Time', offset: 600 }
]
export const DEFAULT_TIME_ZONE_ID = 4

export interface ServerDef { id: number; name: string }
export const SERVERS: readonly ServerDef[] = [{ id: 1, name: 'SP-STO2-01' }]
export const DEFAULT_SERVER_ID = 1

export interface DomainDef { id: number; name: string; description: string; backupRetention: number; archiveRetention: number }
/** Id 1 is Safespring's standard 180-day domain, as on their production portal. */
export const DOMAINS: readonly DomainDef[] = [
  { id: 1, name: 'STANDARD', description: 'Inactive versions kept 180 days', backupRetention: 180, archiveRetention: 365 },
  { id: 2, name: '30DAYS', description: 'Inactive versions kept 30 days', backupRetention: 30, archiveRetention: 30 },
  { id: 3, name: '60DAYS', description: 'Inactive versions kept 60 days', backupRetention: 60, archiveRetention: 60 },
  { id: 4, name: '90DAYS', description: 'Inactive versions kept 90 days', backupRetention: 90, archiveRetention: 90 },
  { id: 5, name: '1YEAR', description: 'Inactive versions kept 1 year', backupRetention: 365, archiveRetention: 365 },
  { id: 6, name: '2YEAR', description: 'Inactive versions kept 2 years', backupRetention: 730, archiveRetention: 730 },
  { id: 7, name: '180DAYS', description: 'Inactive versions kept 180 days', backupRetention: 180, archiveRetention: 180 }
]
export const STANDARD_DOMAIN_ID = 1

export interface ClientOptionSetDef { id: number; name: string; description: string }
/** Id 2 is DEDUP_AND_COMPRESS, as on Safespring's production portal. */
export const CLIENT_OPTION_SETS: readonly ClientOptionSetDef[] = [
  { id: 1, name: 'FORCE_ENCRYPT', description: 'Forces client-side encryption of all data' },
  { id: 2, name: 'DEDUP_AND_COMPRESS', description: 'Client-side deduplication and compression' }
]
export const DEDUP_AND_COMPRESS_ID = 2

export interface NodeTypeDef { id: number; name: string; shortName: string }
export const NODE_TYPES: readonly NodeTypeDef[] = [
  { id: 1, name: 'File Server', shortName: 'FS' },
  { id: 2, name: 'Workstation', shortName: 'WS' },
  { id: 3, name: 'Application server', shortName: 'APP' }
]

export interface OperatingSystemDef { id: number; name: string; shortName: string; supportedNodeTypeIds: number[] }
export const OPERATING_SYSTEMS: readonly OperatingSystemDef[] = [
  { id: 1, name: 'Microsoft Windows', shortName: 'WIN', supportedNodeTypeIds: [1, 2] },
  { id: 2, name: 'Apple macOS', shortName: 'MAC', supportedNodeTypeIds: [2] },
  { id: 3, name: 'Linux', shortName: 'LNX', supportedNodeTypeIds: [1, 2] },
  { id: 4, name: 'Microsoft SQL Server', shortName: 'MSSQL', supportedNodeTypeIds: [3] },
  { id: 5, name: 'IBM AIX', shortName: 'AIX', supportedNodeTypeIds: [1] }
]

/** Consumer / node life-cycle as shown in `dataSourceState`. Derived, never stored. */
export const DATA_SOURCE_STATES = {
  new: { id: 1, name: 'New' }, // consumer without a node
  inactive: { id: 2, name: 'Inactive' }, // node created, not yet activated
  active: { id: 3, name: 'Active' },
  locked: { id: 4, name: 'Locked' },
  decommissioned: { id: 5, name: 'Decommissioned' }
} as const

export const DATA_SOURCE_TYPE = { id: 1, name: 'SP Backup node' } as const
export const SYNC_STATES = { synced: { id: 1, name: 'Synchronized' }, pending: { id: 2, name: 'Pending' } } as const
export const SESSION_SECURITY = { transitional: { id: 1, name: 'Transitional' }, strict: { id: 2, name: 'Strict' } } as const

export const byId = <T extends { id: number }>(list: readonly T[], id: number): T | undefined =>
  list.find((item) => item.id === id)
