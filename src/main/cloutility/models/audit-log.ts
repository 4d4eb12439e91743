import { z } from 'zod'
import { id, opt, optDate, optNumber, optString, type Page } from './common'

/** Audit log entry types: info, create, modify, delete, error. */
export const AUDIT_LOG_TYPES = [0, 100, 200, 300, 400] as const
export type AuditLogType = (typeof AUDIT_LOG_TYPES)[number]

/** The resource docs do not describe entries; keep everything, type what is commonly present. */
export const AuditLogSchema = z.looseObject({
  id,
  type: optNumber,
  typeName: optString,
  message: optString,
  description: optString,
  entityName: optString,
  entityType: optString,
  user: opt(z.union([z.string(), z.looseObject({ id: opt(id), name: optString })])),
  userName: optString,
  businessUnitId: optNumber,
  businessUnitName: optString,
  consumerId: optNumber,
  consumerName: optString,
  businessUnit: opt(z.looseObject({ id: opt(id), name: optString })),
  consumer: opt(z.looseObject({ id: opt(id), name: optString })),
  time: optDate,
  timestamp: optDate,
  createdDate: optDate
})
export type AuditLog = z.infer<typeof AuditLogSchema>

export interface AuditLogQuery {
  types?: AuditLogType[]
  startTime?: Date | string
  endTime?: Date | string
  offset?: number
  limit?: number
  orderDesc?: boolean
  includeDescendants?: boolean
}

export type AuditLogPage = Page<AuditLog>
