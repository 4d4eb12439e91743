import { z } from 'zod'
import { opt, optString } from './common'

/** POST /v1/oauth response. expires_in arrives as a number or a numeric string. */
export const AccessTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: optString,
  expires_in: opt(z.coerce.number().positive().finite()),
  refresh_token: opt(z.string().min(1))
})
export type AccessTokenResponse = z.infer<typeof AccessTokenSchema>
