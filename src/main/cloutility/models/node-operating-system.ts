import { z } from 'zod'
import { id, looseArray, optDate, optString } from './common'
import { NodeTypeSchema } from './node-type'

export const NodeOperatingSystemSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  shortName: optString,
  supportedNodeTypes: looseArray(NodeTypeSchema),
  createdDate: optDate
})
export type NodeOperatingSystem = z.infer<typeof NodeOperatingSystemSchema>
