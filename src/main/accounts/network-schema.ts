/**
 * The `network` block of a stored account (issue 10): proxy, extra trusted CA, plain-http opt-in.
 * Entries written before it existed read as the defaults (system proxy, no extra CA, https only).
 * The proxy password is not here: it lives with the other secrets (src/main/credentials).
 */
import { z } from 'zod'
import { MAX_PEM_LENGTH, PROXY_MODES, proxyUrl } from '../../shared/ipc/network-models'
import type { ProxyMode } from '../../shared/ipc/network-models'

export interface AccountNetwork {
  proxy: { mode: ProxyMode; url?: string; username?: string }
  /** PEM of one extra trusted CA certificate, and its SHA-256 fingerprint for display. */
  caCertPem?: string
  caFingerprint?: string
  allowInsecureHttp: boolean
}

export const defaultNetwork = (): AccountNetwork => ({ proxy: { mode: 'system' }, allowInsecureHttp: false })

export const accountNetworkSchema = z.object({
  proxy: z
    .object({
      mode: z.enum(PROXY_MODES),
      url: proxyUrl.optional(),
      username: z.string().trim().max(256).optional()
    })
    .refine((p) => p.mode !== 'manual' || p.url !== undefined, { message: 'Proxy URL is required for a manual proxy', path: ['url'] }),
  caCertPem: z.string().max(MAX_PEM_LENGTH).optional(),
  caFingerprint: z.string().max(200).optional(),
  allowInsecureHttp: z.boolean().default(false)
})

/** For files written before accounts had network settings. */
export const storedNetworkSchema = accountNetworkSchema.default(defaultNetwork)
