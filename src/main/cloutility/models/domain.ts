import { z } from 'zod'
import { id, opt, optBoolean, optDate, optNumber, optString } from './common'

/** An IBM SP policy domain on the unit's default server. */
export const DomainSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  description: optString,
  server: opt(z.looseObject({ id: opt(id), name: optString })),
  backupRetention: optNumber,
  archiveRetention: optNumber,
  missingInTsm: optBoolean,
  createdDate: optDate
})
export type Domain = z.infer<typeof DomainSchema>
