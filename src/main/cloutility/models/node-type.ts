import { z } from 'zod'
import { id, optDate, optString } from './common'

export const NodeTypeSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  shortName: optString,
  createdDate: optDate
})
export type NodeType = z.infer<typeof NodeTypeSchema>
