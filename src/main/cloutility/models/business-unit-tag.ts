import { z } from 'zod'
import { id, optBoolean, optNumber, optString } from './common'

export const BusinessUnitTagSchema = z.looseObject({
  id,
  businessUnitId: optNumber,
  text: optString,
  inheritable: optBoolean,
  businessUnitCount: optNumber,
  consumerCount: optNumber
})
export type BusinessUnitTag = z.infer<typeof BusinessUnitTagSchema>
