import { z } from 'zod'
import { id, optDate, optNumber, optString } from './common'

export const TimeZoneSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  windowsId: optString,
  offset: optNumber,
  createdDate: optDate
})
export type TimeZone = z.infer<typeof TimeZoneSchema>
