/** Business unit shapes: the SimpleBusinessUnit tree, the detail, and the trimmed forms nested elsewhere. */
import { byId, DEFAULT_TIME_ZONE_ID, TIME_ZONES } from '../catalog'
import type { BusinessUnitRec, SimState } from '../model'
import { timeZone } from './catalog'
import { embeddedCollection, href, hyperType } from './hyper'
import { userSummary } from './user'

export function simpleTree(state: SimState, rec: BusinessUnitRec): Record<string, unknown> {
  const children = rec.children.flatMap((id) => {
    const child = state.bunits.get(id)
    return child ? [simpleTree(state, child)] : []
  })
  return {
    id: rec.id,
    ...(rec.parentId !== null ? { parentId: rec.parentId } : {}),
    name: rec.name,
    groupName: state.groupName,
    reportRemotely: false,
    businessUnits: children,
    tags: [],
    invoiceDay: 0
  }
}

/** The plain fields every BusinessUnit rendering carries (this is what a parent looks like: no href). */
export function bunitFields(rec: BusinessUnitRec) {
  return {
    domainFilter: [],
    clientOptionSetFilter: [],
    name: rec.name,
    ...(rec.note !== undefined ? { note: rec.note } : {}),
    supportResponsible: false,
    registrationNumber: rec.registrationNumber,
    invoiceDay: 0,
    billingStorageTypeId: 2,
    billingStorageType: 2,
    useScheduleBindings: false,
    consumers: [],
    storageLimit: 0,
    transferLimit: 0,
    nodeLimit: 0,
    passwordExpirationDays: 0,
    requiredApproversOfDeleteRequest: 0,
    finalDeleteRequestApprover: false,
    usersCanApproveOwnRequests: false,
    reportRemotely: false,
    tags: [],
    id: rec.id,
    createdDate: rec.createdDate
  }
}

/** A unit as nested in another resource (a consumer's businessUnit, a child in a collection). */
export function bunitRef(state: SimState, rec: BusinessUnitRec) {
  return { $type: hyperType('BusinessUnit'), href: href(state, `bunits/${rec.id}`), ...bunitFields(rec) }
}

export function bunitDetail(state: SimState, rec: BusinessUnitRec) {
  const parent = rec.parentId !== null ? state.bunits.get(rec.parentId) : undefined
  const tz = byId(TIME_ZONES, rec.timeZoneId) ?? byId(TIME_ZONES, DEFAULT_TIME_ZONE_ID)
  const users = [...state.users.values()].filter((u) => u.businessUnitId === rec.id).map((u) => userSummary(state, u))
  const children = rec.children.flatMap((id) => {
    const c = state.bunits.get(id)
    return c ? [bunitRef(state, c)] : []
  })
  return {
    href: href(state, `bunits/${rec.id}`),
    ...(parent ? { parentBusinessUnit: bunitFields(parent) } : {}),
    ...(tz ? { timeZone: timeZone(state, tz) } : {}),
    users: embeddedCollection(state, 'User', `bunits/${rec.id}/users`, users),
    addresses: embeddedCollection(state, 'Address', `bunits/${rec.id}/addresses`, []),
    businessUnits: embeddedCollection(state, 'BusinessUnit', `bunits/${rec.id}/bunits`, children),
    ...bunitFields(rec)
  }
}
