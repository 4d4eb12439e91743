import type { Api } from '../api'
import { invalidInput } from '../errors'
import { AUDIT_LOG_TYPES, AuditLogSchema, type AuditLogPage, type AuditLogQuery } from '../models/audit-log'
import { collectionOf } from '../models/common'
import type { CallOptions } from '../options'
import type { QueryValue } from '../transport'

/** Shared by business-unit and consumer audit logs: same query, same page shape. One page per call. */
export function getAuditLogs(api: Api, path: string, query: AuditLogQuery, o?: CallOptions): Promise<AuditLogPage> {
  return api.call({ method: 'GET', path, query: auditLogQuery(query) }, collectionOf(AuditLogSchema), o)
}

export function auditLogQuery(q: AuditLogQuery): Record<string, QueryValue> {
  for (const t of q.types ?? []) {
    if (!(AUDIT_LOG_TYPES as readonly number[]).includes(t)) throw invalidInput(`Unknown audit log type ${String(t)}.`, { field: 'types' })
  }
  return {
    includeDescendants: q.includeDescendants,
    limit: q.limit,
    offset: q.offset,
    orderDesc: q.orderDesc,
    startTime: isoTime(q.startTime, 'startTime'),
    endTime: isoTime(q.endTime, 'endTime'),
    types: q.types
  }
}

/** The API wants ISO 8601 (e.g. 2023-11-03T08:00:00Z); accept a Date or any parseable string. */
function isoTime(value: Date | string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined
  const t = value instanceof Date ? value.getTime() : Date.parse(value)
  if (Number.isNaN(t)) throw invalidInput(`${field} is not a valid date.`, { field })
  return new Date(t).toISOString()
}
