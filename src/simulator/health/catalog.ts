/**
 * Fixed reference data of backup health: report statuses (the portal's ErrorStatus),
 * node warning types, job types and statuses, billing products and currency.
 * Ids are opaque to the app, which classifies statuses by name; the names here
 * classify as the app expects (success → ok, warn → warning, fail → failed, miss → missed).
 */
import { CATALOG_CREATED } from '../catalog'

export { CATALOG_CREATED }

/** What happened on one night, in the simulator's own terms. */
export type NightStatus = 'ok' | 'warning' | 'failed' | 'missed'

export const REPORT_STATUSES: Record<NightStatus, { id: number; name: string }> = {
  ok: { id: 1, name: 'Successful' },
  warning: { id: 2, name: 'Warning' },
  failed: { id: 3, name: 'Failed' },
  missed: { id: 4, name: 'Missed' }
}

export interface WarningTypeDef {
  id: number
  name: string
  usesLimit: boolean
}
export const WARNING_TYPES = {
  storageLimit: { id: 1, name: 'Storage limit exceeded', usesLimit: true },
  noActivity: { id: 2, name: 'No activity', usesLimit: false },
  failedFiles: { id: 3, name: 'Failed files', usesLimit: false },
  backupMissed: { id: 4, name: 'Backup missed', usesLimit: false }
} as const satisfies Record<string, WarningTypeDef>
export const WARNING_TYPE_LIST: readonly WarningTypeDef[] = Object.values(WARNING_TYPES)

export type JobKind = 'backup' | 'archive' | 'restore'
export const JOB_TYPES: Record<JobKind, { id: number; name: string }> = {
  backup: { id: 1, name: 'Backup' },
  archive: { id: 2, name: 'Archive' },
  restore: { id: 3, name: 'Restore' }
}

export type JobOutcome = 'ok' | 'warning' | 'failed'
export const JOB_STATUSES: Record<JobOutcome, { id: number; name: string }> = {
  ok: { id: 1, name: 'Completed' },
  warning: { id: 2, name: 'Completed with warnings' },
  failed: { id: 3, name: 'Failed' }
}
/** IBM Storage Protect client return codes: 0 fine, 4 skipped files, 12 failed. */
export const JOB_RESULTS: Record<JobOutcome, number> = { ok: 0, warning: 4, failed: 12 }

export const CURRENCY = { id: 1, name: 'Swedish krona', code: 'SEK' } as const

export const PRODUCTS = {
  backupStorage: { id: 1, name: 'Backup storage (GB)', unitPrice: 0.89 },
  archiveStorage: { id: 2, name: 'Archive storage (GB)', unitPrice: 0.45 },
  backupNode: { id: 3, name: 'Backup node', unitPrice: 79 }
} as const
