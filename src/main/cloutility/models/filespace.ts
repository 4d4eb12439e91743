import { z } from 'zod'
import { id, optDate, optNumber, optRef, optString } from './common'

export const FilespaceSchema = z.looseObject({
  id,
  href: optString,
  name: z.string().catch(''),
  tsmFilespaceId: opt2(),
  type: optString,
  capacityMegaBytes: optNumber,
  frontEndCapacityMegaBytes: optNumber,
  percentageUtilized: optNumber,
  lastBackupStart: optDate,
  lastBackupEnd: optDate,
  dataSourceState: optRef,
  createdDate: optDate
})
export type Filespace = z.infer<typeof FilespaceSchema>

// Documented as a string, but it is a number on the SP server; accept either as a string.
function opt2() {
  return z
    .union([z.string(), z.number().transform(String)])
    .optional()
    .catch(undefined)
}
