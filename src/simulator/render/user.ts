/** User shapes: `me` and the users collection of a unit. */
import type { SimState, UserRec } from '../model'
import { href, hyperType } from './hyper'

export function userSummary(state: SimState, u: UserRec) {
  return {
    href: href(state, `bunits/${u.businessUnitId}/users/${u.id}`),
    name: u.name,
    email: u.username,
    displayName: u.name,
    businessUnitId: u.businessUnitId,
    id: u.id,
    createdDate: u.createdDate
  }
}

export function me(state: SimState, u: UserRec) {
  const unit = state.bunits.get(u.businessUnitId)
  return {
    href: href(state, 'me'),
    actions: [],
    name: u.name,
    phone: u.phone,
    email: u.username,
    failedLoginAttempts: 0,
    usesTotp: false,
    locked: false,
    dateTimeFormat: 'yyyy-MM-dd HH:mm',
    csvDelimiter: ';',
    decimalMark: '.',
    role: { name: 'Administrator', description: 'Full access to the business unit and its descendants', id: 1 },
    businessUnit: unit
      ? { $type: hyperType('BusinessUnit'), href: href(state, `bunits/${unit.id}`), name: unit.name, id: unit.id, createdDate: unit.createdDate }
      : undefined,
    businessUnitId: u.businessUnitId,
    language: { name: 'English', iso639Code: 'en', id: 1 },
    receiveCommentNotifications: false,
    receiveDeleteRequestNotifications: false,
    useOwnReportErrorConfig: false,
    groupStatusReportByBusinessUnits: false,
    itemsPerPage: 50,
    excludeJobTags: false,
    userIdentities: [],
    displayName: u.name,
    id: u.id,
    createdDate: u.createdDate
  }
}
