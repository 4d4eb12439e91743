import { z } from 'zod'
import { id, looseArray, opt, optBoolean, optDate, optNumber, optRef, optString, RefSchema } from './common'

/** GET /v1/me. Role, language and business unit arrive as (possibly partial) nested objects. */
export const UserSchema = z.looseObject({
  id,
  href: optString,
  name: optString,
  displayName: optString,
  email: optString,
  phone: optString,
  failedLoginAttempts: optNumber,
  usesTotp: optBoolean,
  locked: optBoolean,
  dateTimeFormat: optString,
  csvDelimiter: optString,
  decimalMark: optString,
  role: opt(z.looseObject({ id: opt(id), name: optString, description: optString, privileges: looseArray(RefSchema) })),
  lastLoginDate: optDate,
  businessUnit: optRef,
  businessUnitId: optNumber,
  language: optRef,
  itemsPerPage: optNumber,
  createdDate: optDate
})
export type User = z.infer<typeof UserSchema>
