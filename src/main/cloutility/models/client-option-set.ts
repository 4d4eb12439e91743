import { z } from 'zod'
import { id, optDate, optString } from './common'

export const ClientOptionSetSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  description: optString,
  createdDate: optDate
})
export type ClientOptionSet = z.infer<typeof ClientOptionSetSchema>
