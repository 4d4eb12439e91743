/**
 * Resolving path ids to records, with the user's scope applied: a user sees
 * their own business unit and its descendants (403 elsewhere, 404 when unknown).
 */
import type { Ctx } from './http/context'
import { ApiError, forbidden, notFound } from './http/errors'
import type { BusinessUnitRec, ConsumerRec, NodeRec, SimState } from './model'

export function parseId(raw: string | undefined, what: string): number {
  const n = Number(raw)
  if (!raw || !/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw notFound(`${what} '${raw ?? ''}'`)
  return n
}

/** Walks up the parent chain (depth is small), so no per-request scan of the estate. */
export function isWithin(state: SimState, unitId: number, ancestorId: number): boolean {
  for (let cur = state.bunits.get(unitId); cur; cur = cur.parentId !== null ? state.bunits.get(cur.parentId) : undefined) {
    if (cur.id === ancestorId) return true
  }
  return false
}

export function bunitInScope(ctx: Ctx, id: number): BusinessUnitRec {
  const unit = ctx.state.bunits.get(id)
  if (!unit) throw notFound(`Business unit ${id}`)
  if (!isWithin(ctx.state, id, ctx.user.businessUnitId)) {
    throw forbidden(`You do not have access to business unit ${id}.`)
  }
  return unit
}

export function requireBunit(ctx: Ctx, param = 'bunitId'): BusinessUnitRec {
  return bunitInScope(ctx, parseId(ctx.params[param], 'Business unit'))
}

export function requireConsumer(ctx: Ctx): { unit: BusinessUnitRec; consumer: ConsumerRec } {
  const unit = requireBunit(ctx)
  const id = parseId(ctx.params.consumerId, 'Consumer')
  const consumer = ctx.state.consumers.get(id)
  if (!consumer || consumer.businessUnitId !== unit.id) throw notFound(`Consumer ${id} in business unit ${unit.id}`)
  return { unit, consumer }
}

export function requireNode(ctx: Ctx): { unit: BusinessUnitRec; consumer: ConsumerRec; node: NodeRec } {
  const { unit, consumer } = requireConsumer(ctx)
  const node = consumer.nodeId !== undefined ? ctx.state.nodes.get(consumer.nodeId) : undefined
  if (!node) throw new ApiError(404, 'not_found', `Consumer ${consumer.id} has no backup node.`)
  return { unit, consumer, node }
}

/** A consumer referenced by id in a query (proxy endpoints): any unit, but within scope. */
export function consumerInScope(ctx: Ctx, id: number): ConsumerRec {
  const c = ctx.state.consumers.get(id)
  if (!c) throw notFound(`Consumer ${id}`)
  if (!isWithin(ctx.state, c.businessUnitId, ctx.user.businessUnitId)) throw forbidden(`You do not have access to consumer ${id}.`)
  return c
}
