/**
 * Per-account network settings as they cross IPC (issue 10): the proxy, an extra trusted CA
 * certificate and the explicit plain-http opt-in. Inputs are zod schemas (main validates every
 * payload); the view never carries the proxy password or the certificate's PEM back.
 */
import { z } from 'zod'

export const PROXY_MODES = ['system', 'none', 'manual'] as const
/** 'system': the OS / PAC settings (environment variables in the browser host). 'none': direct. */
export type ProxyMode = (typeof PROXY_MODES)[number]

/** The field error for a plain http:// portal URL on a non-loopback host without the opt-in. */
export const INSECURE_HTTP_MESSAGE =
  'Plain http:// would send your password and tokens unencrypted. Use https://, or explicitly allow unencrypted http for this account.'

/** Generous for a chain pasted as one file, small enough to keep in the accounts file. */
export const MAX_PEM_LENGTH = 65_536

/** http(s)://host:port of a proxy, with no user, path, query or fragment (credentials go apart). */
export function proxyUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Proxy must be a URL such as http://proxy.example.com:3128'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Proxy must start with http:// or https://'
  if (url.hostname === '') return 'Proxy must include a host name'
  if (url.username !== '' || url.password !== '') return 'Put the proxy user name and password in their own fields'
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return 'Proxy must be scheme://host:port with nothing after it'
  return null
}

export const proxyUrl = z
  .string({ error: 'Proxy URL must be text' })
  .trim()
  .max(500, 'Proxy URL is too long')
  .superRefine((value, ctx) => {
    const problem = proxyUrlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const proxySettingsInput = z
  .object({
    mode: z.enum(PROXY_MODES, { error: 'Proxy must be "system", "none" or "manual"' }),
    url: proxyUrl.optional(),
    username: z.string().trim().max(256, 'Proxy user name is too long').optional(),
    /** Kept in the keychain (or memory), never in the accounts file. Omitted = keep the stored one. */
    password: z.string().max(1000, 'Proxy password is too long').optional()
  })
  .superRefine((proxy, ctx) => {
    if (proxy.mode === 'manual' && !proxy.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'Proxy URL is required for a manual proxy' })
  })

export const networkSettingsInput = z.object({
  proxy: proxySettingsInput.default({ mode: 'system' }),
  /** PEM text of an extra trusted CA (TLS-inspecting firewall); null removes it. */
  caCertPem: z.string().max(MAX_PEM_LENGTH, 'The certificate file is too large').nullable().optional(),
  /** The named opt-in for plain http:// to a non-loopback host. */
  allowInsecureHttp: z.boolean().default(false)
})
export type NetworkSettingsInput = z.input<typeof networkSettingsInput>

export const inspectCertificateInput = z.object({
  pem: z.string({ error: 'Choose a PEM certificate file' }).min(1, 'Choose a PEM certificate file').max(MAX_PEM_LENGTH, 'The certificate file is too large')
})

export interface CertificateInfo {
  subject: string
  issuer: string
  /** SHA-256, colon-separated upper-case hex. */
  fingerprint256: string
  validFrom: string
  validTo: string
  isCA: boolean
}

export interface NetworkSettingsView {
  proxy: { mode: ProxyMode; url?: string; username?: string; hasPassword: boolean }
  /** The extra trusted CA, when set. */
  ca?: CertificateInfo
  allowInsecureHttp: boolean
}

/** Where "Test connection" stopped: name resolution, the proxy, TLS, the TCP connection, the HTTP exchange, or sign-in. */
export type ConnectionStage = 'dns' | 'proxy' | 'tls' | 'connect' | 'http' | 'sign-in'

/** "Test connection" for a saved account, with the form's unsaved changes; the stored password unless one is given. */
export const testAccountConnectionInput = z.object({
  accountId: z.string().min(1, 'Account id is required').max(100),
  apiUrl: z.string().trim().min(1, 'Portal API URL is required').max(500).optional(),
  clientId: z.string().trim().min(1, 'Client ID is required').max(200).optional(),
  origin: z.string().trim().min(1, 'Origin is required').max(300).optional(),
  username: z.string().trim().min(1, 'Username is required').max(200).optional(),
  password: z.string().min(1).max(1000).optional(),
  network: networkSettingsInput.optional()
})
