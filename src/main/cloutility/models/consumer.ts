import { z } from 'zod'
import { BusinessUnitTagSchema } from './business-unit-tag'
import { id, looseArray, opt, optBoolean, optDate, optNumber, optRef, optString } from './common'

/** A consumption unit. `node` is usually absent or a stub here; use nodes.get for the node. */
export const ConsumerSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  note: optString,
  externalReference: optString,
  dataSourceType: optRef,
  dataSourceState: optRef,
  dataSourceIsPotentialParent: optBoolean,
  latestRestorePoint: optDate,
  billingStartDate: optDate,
  // Documented as boolean but observed as dates; keep whichever arrives.
  billingEndDate: opt(z.union([z.string(), z.boolean()])),
  scheduledDeletionDate: opt(z.union([z.string(), z.boolean()])),
  businessUnit: opt(z.looseObject({ id: opt(id), name: optString, href: optString })),
  node: opt(z.looseObject({ id: opt(id), name: optString, tsmName: optString, href: optString })),
  lastCommentTime: optDate,
  lastCommentTypeId: optNumber,
  limitHighStorage: optNumber,
  allowNoActivity: optBoolean,
  tags: looseArray(BusinessUnitTagSchema),
  createdDate: optDate
})
export type Consumer = z.infer<typeof ConsumerSchema>

export interface ConsumerInput {
  name: string
  note?: string
  externalReference?: string
  limitHighStorage?: number
  allowNoActivity?: boolean
  billingStartDate?: string
}

export function consumerBody(input: Partial<ConsumerInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const key of ['name', 'note', 'externalReference', 'limitHighStorage', 'allowNoActivity', 'billingStartDate'] as const) {
    if (input[key] !== undefined) body[key] = input[key]
  }
  return body
}

export interface ConsumerDeleteOptions {
  /** Also remove the node's schedules and other associations. */
  deleteAssociations?: boolean
  /** Stored in the portal's audit log with the deletion. */
  deletionComment?: string
}
