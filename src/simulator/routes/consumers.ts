/** Consumers (consumption units) of a business unit: list with paging, CRUD. */
import { AUDIT_TYPES } from '../audit'
import { optBool, optDate, optNumber, optString, reqString } from '../http/body'
import type { Ctx } from '../http/context'
import { badRequest, conflict } from '../http/errors'
import { getCI, optFlag, optQueryInt } from '../http/query'
import { noContent } from '../http/reply'
import type { RouteDef } from '../http/router'
import type { BusinessUnitRec, ConsumerRec } from '../model'
import { consumer as render } from '../render/consumer'
import { listOf } from '../render/hyper'
import { requireBunit, requireConsumer } from '../scope'
import { addConsumer, hasProxyRelations, recordAudit, removeConsumer } from '../store'

const MAX_LIMIT = 10_000

function list(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const offset = optQueryInt(ctx.query, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0
  const limit = optQueryInt(ctx.query, 'limit', 0, MAX_LIMIT)
  const ids = unit.consumerIds.slice(offset, limit === undefined ? undefined : offset + limit)
  const items = ids.flatMap((id) => {
    const c = ctx.state.consumers.get(id)
    return c ? [render(ctx.state, c)] : []
  })
  return listOf(ctx.state, `bunits/${unit.id}/consumers`, items, unit.consumerIds.length, offset, limit)
}

function create(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const now = new Date().toISOString()
  const note = optString(ctx.body, 'note', 2000)
  const externalReference = optString(ctx.body, 'externalReference')
  const c = addConsumer(ctx.state, {
    businessUnitId: unit.id,
    name: reqString(ctx.body, 'name'),
    createdDate: now,
    billingStartDate: optDate(ctx.body, 'billingStartDate') ?? `${now.slice(0, 10)}T00:00:00.000Z`,
    limitHighStorage: optNumber(ctx.body, 'limitHighStorage', 0, 1e12) ?? 0,
    allowNoActivity: optBool(ctx.body, 'allowNoActivity') ?? false,
    ...(note !== undefined ? { note } : {}),
    ...(externalReference !== undefined ? { externalReference } : {})
  })
  recordAudit(ctx.state, { type: AUDIT_TYPES.create, message: `Consumption unit '${c.name}' was created.`, userName: ctx.user.username, bunit: unit, consumer: c })
  return render(ctx.state, c)
}

function update(ctx: Ctx) {
  const { unit, consumer: c } = requireConsumer(ctx)
  const changed: string[] = []
  const set = <K extends keyof ConsumerRec>(key: K, value: ConsumerRec[K] | undefined) => {
    if (value === undefined || value === c[key]) return
    c[key] = value
    changed.push(key)
  }
  const name = optString(ctx.body, 'name')
  if (name !== undefined && name.trim() === '') throw badRequest("'name' must not be empty.", 'name')
  set('name', name?.trim())
  set('note', optString(ctx.body, 'note', 2000))
  set('externalReference', optString(ctx.body, 'externalReference'))
  set('limitHighStorage', optNumber(ctx.body, 'limitHighStorage', 0, 1e12))
  set('allowNoActivity', optBool(ctx.body, 'allowNoActivity'))
  set('billingStartDate', optDate(ctx.body, 'billingStartDate'))
  if (changed.length > 0) {
    recordAudit(ctx.state, {
      type: AUDIT_TYPES.modify,
      message: `Consumption unit '${c.name}' was modified (${changed.join(', ')}).`,
      userName: ctx.user.username,
      bunit: unit,
      consumer: c
    })
  }
  return render(ctx.state, c)
}

/**
 * Shared by DELETE consumer and DELETE node (which removes the consumer too).
 * Proxy relationships are associations: without deleteAssociations=true they block the delete.
 */
export function deleteConsumer(ctx: Ctx, unit: BusinessUnitRec, c: ConsumerRec) {
  const deleteAssociations = optFlag(ctx.query, 'deleteAssociations') ?? false
  const comment = getCI(ctx.query, 'deletionComment')
  const node = c.nodeId !== undefined ? ctx.state.nodes.get(c.nodeId) : undefined
  if (node && hasProxyRelations(node) && !deleteAssociations) {
    throw conflict(
      `Consumption unit '${c.name}' has proxy relationships; remove them first or pass deleteAssociations=true.`
    )
  }
  removeConsumer(ctx.state, c)
  recordAudit(ctx.state, {
    type: AUDIT_TYPES.delete,
    message: `Consumption unit '${c.name}'${node ? ' and its backup node' : ''} was deleted.${comment ? ` Comment: ${comment}` : ''}`,
    userName: ctx.user.username,
    bunit: unit,
    consumer: c
  })
  return noContent()
}

export const consumerRoutes: RouteDef[] = [
  { method: 'GET', pattern: 'bunits/:bunitId/consumers', handler: list },
  { method: 'POST', pattern: 'bunits/:bunitId/consumers', handler: create },
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId', handler: (ctx) => render(ctx.state, requireConsumer(ctx).consumer) },
  { method: 'PUT', pattern: 'bunits/:bunitId/consumers/:consumerId', handler: update },
  {
    method: 'DELETE',
    pattern: 'bunits/:bunitId/consumers/:consumerId',
    handler: (ctx) => {
      const { unit, consumer } = requireConsumer(ctx)
      return deleteConsumer(ctx, unit, consumer)
    }
  }
]
