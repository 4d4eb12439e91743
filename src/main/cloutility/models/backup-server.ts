import { z } from 'zod'
import { id, optString } from './common'

/** GET /v1/bunits/{id}/defaultserver. */
export const BackupServerSchema = z.looseObject({ id, href: optString, name: z.string().catch('') })
export type BackupServer = z.infer<typeof BackupServerSchema>
