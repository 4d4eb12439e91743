/** Business units: the tree, details, children, create/update/delete. */
import { AUDIT_TYPES } from '../audit'
import { byId, TIME_ZONES } from '../catalog'
import { optRef, optString, reqString, type Body } from '../http/body'
import type { Ctx } from '../http/context'
import { badRequest, conflict, forbidden } from '../http/errors'
import { Reply, noContent } from '../http/reply'
import type { RouteDef } from '../http/router'
import { bunitDetail, bunitRef, simpleTree } from '../render/bunit'
import { listOf } from '../render/hyper'
import { userSummary } from '../render/user'
import { bunitInScope, parseId, requireBunit } from '../scope'
import { getCI } from '../http/query'
import { addBunit, recordAudit, removeBunit } from '../store'

function timeZoneRef(body: Body): number | undefined {
  const id = optRef(body, 'timeZone')
  if (id !== undefined && !byId(TIME_ZONES, id)) throw badRequest(`Time zone ${id} does not exist.`, 'timeZone')
  return id
}

/** The tree from the user's unit, or from `?bunitID=N` (any case; 403/404 outside reach). */
function tree(ctx: Ctx) {
  const raw = getCI(ctx.query, 'bunitId')
  const rootId = raw === undefined || raw === '' ? ctx.user.businessUnitId : parseId(raw, 'Business unit')
  return simpleTree(ctx.state, bunitInScope(ctx, rootId))
}

function children(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const items = unit.children.flatMap((id) => {
    const c = ctx.state.bunits.get(id)
    return c ? [bunitRef(ctx.state, c)] : []
  })
  return listOf(ctx.state, `bunits/${unit.id}/bunits`, items, items.length)
}

function create(ctx: Ctx) {
  const parent = requireBunit(ctx)
  const name = reqString(ctx.body, 'name')
  const registrationNumber = optString(ctx.body, 'registrationNumber', 64) ?? ''
  const note = optString(ctx.body, 'note', 2000)
  const unit = addBunit(ctx.state, {
    parentId: parent.id,
    name,
    registrationNumber,
    timeZoneId: timeZoneRef(ctx.body) ?? parent.timeZoneId,
    createdDate: new Date().toISOString(),
    ...(note !== undefined ? { note } : {})
  })
  const userName = ctx.user.username
  recordAudit(ctx.state, { type: AUDIT_TYPES.create, message: `Business unit '${name}' was created.`, userName, bunit: parent })
  recordAudit(ctx.state, { type: AUDIT_TYPES.create, message: `Business unit '${name}' was created.`, userName, bunit: unit })
  return bunitDetail(ctx.state, unit)
}

function update(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const changed: string[] = []
  const name = optString(ctx.body, 'name')
  if (name !== undefined) {
    if (name.trim() === '') throw badRequest("'name' must not be empty.", 'name')
    if (name.trim() !== unit.name) changed.push('name')
    unit.name = name.trim()
  }
  const reg = optString(ctx.body, 'registrationNumber', 64)
  if (reg !== undefined && reg !== unit.registrationNumber) {
    unit.registrationNumber = reg
    changed.push('registrationNumber')
  }
  const note = optString(ctx.body, 'note', 2000)
  if (note !== undefined && note !== unit.note) {
    unit.note = note
    changed.push('note')
  }
  const tz = timeZoneRef(ctx.body)
  if (tz !== undefined && tz !== unit.timeZoneId) {
    unit.timeZoneId = tz
    changed.push('timeZone')
  }
  if (changed.length > 0) {
    recordAudit(ctx.state, {
      type: AUDIT_TYPES.modify,
      message: `Business unit '${unit.name}' was modified (${changed.join(', ')}).`,
      userName: ctx.user.username,
      bunit: unit
    })
  }
  return bunitDetail(ctx.state, unit)
}

function remove(ctx: Ctx) {
  const unit = requireBunit(ctx)
  if (unit.id === ctx.user.businessUnitId) throw forbidden('You cannot delete your own business unit.')
  if (unit.children.length > 0) {
    throw conflict(`Business unit '${unit.name}' still has ${unit.children.length} business unit(s); delete or move them first.`)
  }
  if (unit.consumerIds.length > 0) {
    throw conflict(`Business unit '${unit.name}' still has ${unit.consumerIds.length} consumption unit(s); delete them first.`)
  }
  removeBunit(ctx.state, unit)
  const parent = unit.parentId !== null ? ctx.state.bunits.get(unit.parentId) : undefined
  if (parent) {
    recordAudit(ctx.state, { type: AUDIT_TYPES.delete, message: `Business unit '${unit.name}' was deleted.`, userName: ctx.user.username, bunit: parent })
  }
  return noContent()
}

function users(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const items = [...ctx.state.users.values()].filter((u) => u.businessUnitId === unit.id).map((u) => userSummary(ctx.state, u))
  return listOf(ctx.state, `bunits/${unit.id}/users`, items, items.length)
}

export const bunitRoutes: RouteDef[] = [
  { method: 'GET', pattern: 'bunits', handler: tree },
  { method: 'GET', pattern: 'bunits/:bunitId', handler: (ctx) => bunitDetail(ctx.state, requireBunit(ctx)) },
  { method: 'PUT', pattern: 'bunits/:bunitId', handler: update },
  { method: 'DELETE', pattern: 'bunits/:bunitId', handler: remove },
  { method: 'GET', pattern: 'bunits/:bunitId/bunits', handler: children },
  { method: 'POST', pattern: 'bunits/:bunitId/bunits', handler: (ctx) => new Reply(200, create(ctx)) },
  { method: 'GET', pattern: 'bunits/:bunitId/users', handler: users }
]
