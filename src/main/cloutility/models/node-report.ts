import { z } from 'zod'
import { id, looseArray, opt, optBoolean, optDate, optNumber, optString } from './common'

/**
 * A status or type object such as the report's `status` (ErrorStatus) or a warning's `type`.
 * The portal's enumerations are not published: ids are opaque, names are what we show.
 */
export const NamedRefSchema = z.looseObject({ id: opt(id), name: optString })
export type NamedRef = z.infer<typeof NamedRefSchema>
const optNamedRef = opt(NamedRefSchema)

export const NodeWarningTypeSchema = z.looseObject({
  id,
  name: optString,
  usesLimit: optBoolean,
  createdDate: optDate
})
export type NodeWarningType = z.infer<typeof NodeWarningTypeSchema>

export const NodeReportWarningSchema = z.looseObject({
  id: opt(id),
  nodeReportId: opt(id),
  type: opt(z.looseObject({ id: opt(id), name: optString, usesLimit: optBoolean })),
  status: optNamedRef,
  days: optNumber,
  limit: optNumber,
  createdDate: optDate
})
export type NodeReportWarning = z.infer<typeof NodeReportWarningSchema>

/**
 * One day's report of a consumption unit's node: status (when asked for), warnings (when asked
 * for), stored and transferred data in megabytes. Unknown fields are kept; a bad warning is
 * dropped rather than failing the report.
 */
export const NodeReportSchema = z.looseObject({
  id,
  href: optString,
  name: optString,
  consumerId: opt(id),
  nodeId: opt(id),
  businessUnitId: opt(id),
  businessUnitName: optString,
  tsmName: optString,
  dataSource: optString,
  tsmServerName: optString,
  pending: optBoolean,
  errorsDeactivated: optBoolean,
  errorsDeactivatedNoActivity: optBoolean,
  reportDate: optDate,
  createdDate: optDate,
  status: optNamedRef,
  warnings: looseArray(NodeReportWarningSchema),
  megaBytes: optNumber,
  backupMegaBytes: optNumber,
  archiveMegaBytes: optNumber,
  megaBytesDelta: optNumber,
  backupMegaBytesDelta: optNumber,
  archiveMegaBytesDelta: optNumber,
  megaBytesDeltaPercentage: optNumber,
  transferredMegaBytes: optNumber,
  transferredBackupMegaBytes: optNumber,
  transferredRestoreMegaBytes: optNumber,
  percentOfTotalStorageOfBusinessUnit: optNumber
})
export type NodeReport = z.infer<typeof NodeReportSchema>

export interface ReportQuery {
  /** ISO 8601. */
  startDate?: string
  endDate?: string
  /** Include each report's status. */
  status?: boolean
  /** Include each report's warnings. */
  warnings?: boolean
}
