/**
 * Audit logs of a unit (optionally with descendants) and of a consumer.
 * Filters: types (repeated), startTime, endTime, offset, limit, orderDesc.
 */
import { AUDIT_TYPE_NAMES, isAuditType, type AuditEntry, type AuditType } from '../audit'
import type { Ctx } from '../http/context'
import { badRequest } from '../http/errors'
import { getAllCI, optFlag, optQueryDate, optQueryInt } from '../http/query'
import type { RouteDef } from '../http/router'
import type { BusinessUnitRec, SimState } from '../model'
import { href, iso, listOf } from '../render/hyper'
import { requireBunit, requireConsumer } from '../scope'

export const AUDIT_DEFAULT_LIMIT = 100
export const AUDIT_MAX_LIMIT = 1000

function parseQuery(ctx: Ctx) {
  const rawTypes = getAllCI(ctx.query, 'types').flatMap((t) => t.split(',')).filter((t) => t !== '')
  let types: Set<AuditType> | undefined
  if (rawTypes.length > 0) {
    types = new Set()
    for (const t of rawTypes) {
      const n = Number(t)
      if (!Number.isInteger(n) || !isAuditType(n)) {
        throw badRequest(`Query parameter 'types' must be one of 0, 100, 200, 300, 400 (got '${t}').`, 'types')
      }
      types.add(n)
    }
  }
  const startTime = optQueryDate(ctx.query, 'startTime')
  const endTime = optQueryDate(ctx.query, 'endTime')
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    throw badRequest("'startTime' must not be after 'endTime'.", 'startTime')
  }
  return {
    ...(types ? { types } : {}),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(endTime !== undefined ? { endTime } : {}),
    orderDesc: optFlag(ctx.query, 'orderDesc') ?? false,
    offset: optQueryInt(ctx.query, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    limit: optQueryInt(ctx.query, 'limit', 0, AUDIT_MAX_LIMIT) ?? AUDIT_DEFAULT_LIMIT
  }
}

export function auditEntry(state: SimState, e: AuditEntry) {
  return {
    id: e.id,
    type: e.type,
    typeName: AUDIT_TYPE_NAMES[e.type],
    message: e.message,
    userName: e.userName,
    businessUnitId: e.businessUnitId,
    businessUnitName: e.businessUnitName,
    ...(e.consumerId !== undefined
      ? { consumerId: e.consumerId, consumerName: e.consumerName, consumerHref: href(state, `bunits/${e.businessUnitId}/consumers/${e.consumerId}`) }
      : {}),
    createdDate: iso(e.time)
  }
}

function descendants(state: SimState, unit: BusinessUnitRec): BusinessUnitRec[] {
  const out: BusinessUnitRec[] = []
  const stack = [unit]
  while (stack.length > 0) {
    const u = stack.pop() as BusinessUnitRec
    out.push(u)
    for (const id of u.children) {
      const child = state.bunits.get(id)
      if (child) stack.push(child)
    }
  }
  return out
}

function forUnit(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const q = parseQuery(ctx)
  const units = optFlag(ctx.query, 'includeDescendants') ? descendants(ctx.state, unit) : [unit]
  const lists = units.map((u) => ctx.state.audit.byBunit.get(u.id) ?? [])
  const { total, items } = ctx.state.audit.query(lists, q)
  return listOf(ctx.state, `bunits/${unit.id}/auditlogs`, items.map((e) => auditEntry(ctx.state, e)), total, q.offset, q.limit)
}

function forConsumer(ctx: Ctx) {
  const { unit, consumer } = requireConsumer(ctx)
  const q = parseQuery(ctx)
  const { total, items } = ctx.state.audit.query([ctx.state.audit.byConsumer.get(consumer.id) ?? []], q)
  return listOf(ctx.state, `bunits/${unit.id}/consumers/${consumer.id}/auditlogs`, items.map((e) => auditEntry(ctx.state, e)), total, q.offset, q.limit)
}

export const auditRoutes: RouteDef[] = [
  { method: 'GET', pattern: 'bunits/:bunitId/auditlogs', handler: forUnit },
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/auditlogs', handler: forConsumer }
]
