import { z } from 'zod'
import { BusinessUnitTagSchema } from './business-unit-tag'
import { id, looseArray, nestedItems, opt, optBoolean, optDate, optNumber, optRef, optString, RefSchema } from './common'
import { TimeZoneSchema } from './time-zone'

/** GET /v1/bunits: the signed-in profile's unit with its whole descendant tree. */
export interface SimpleBusinessUnit {
  id: number
  parentId?: number | undefined
  name: string
  groupName?: string | undefined
  reportRemotely?: boolean | undefined
  invoiceDay?: number | undefined
  tags: z.infer<typeof BusinessUnitTagSchema>[]
  businessUnits: SimpleBusinessUnit[]
  [key: string]: unknown
}

// Children must all parse: silently dropping a subtree would make a sync think it was deleted.
export const SimpleBusinessUnitSchema: z.ZodType<SimpleBusinessUnit> = z.lazy(() =>
  z.looseObject({
    id,
    parentId: optNumber,
    name: z.string().catch(''),
    groupName: optString,
    reportRemotely: optBoolean,
    invoiceDay: optNumber,
    tags: looseArray(BusinessUnitTagSchema),
    businessUnits: z.array(SimpleBusinessUnitSchema).default([])
  })
)

/** GET /v1/bunits/{id} and friends. Nested collections (users, addresses, bunits) are often empty stubs. */
export const BusinessUnitSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  note: optString,
  registrationNumber: optString,
  parentBusinessUnit: opt(z.looseObject({ id: opt(id), name: optString, href: optString })),
  timeZone: opt(TimeZoneSchema),
  businessUnits: nestedItems(RefSchema),
  domainFilter: looseArray(z.string()),
  clientOptionSetFilter: looseArray(z.string()),
  supportResponsible: optBoolean,
  invoiceDay: optNumber,
  billingStorageTypeId: optNumber,
  useScheduleBindings: optBoolean,
  storageLimit: optNumber,
  transferLimit: optNumber,
  nodeLimit: optNumber,
  passwordExpirationDays: optNumber,
  requiredApproversOfDeleteRequest: optNumber,
  finalDeleteRequestApprover: optBoolean,
  usersCanApproveOwnRequests: optBoolean,
  reportRemotely: optBoolean,
  contract: optRef,
  tags: looseArray(BusinessUnitTagSchema),
  createdDate: optDate
})
export type BusinessUnit = z.infer<typeof BusinessUnitSchema>

/** Body of POST /v1/bunits/{parentId}/bunits. */
export interface BusinessUnitInput {
  name: string
  registrationNumber?: string
  timeZoneId?: number
  note?: string
}

export function businessUnitBody(input: Partial<BusinessUnitInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.name !== undefined) body.name = input.name
  if (input.registrationNumber !== undefined) body.registrationNumber = input.registrationNumber
  if (input.note !== undefined) body.note = input.note
  if (input.timeZoneId !== undefined) body.timeZone = { id: input.timeZoneId }
  return body
}
