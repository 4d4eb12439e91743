/**
 * Where a request failed before any HTTP answer arrived: DNS, the proxy, TLS, or the connection
 * itself. The transports (Node/undici and Electron's net) throw whatever their stack throws; this
 * module reads Node error codes and Chromium `net::ERR_*` names alike, so the client and
 * "Test connection" can say which stage broke without knowing which stack ran.
 */

export type NetworkStage = 'dns' | 'proxy' | 'tls' | 'connect'

/** The certificate a TLS failure was about, as far as the transport could see it. */
export interface PeerCertificateInfo {
  subject: string
  issuer: string
  /** SHA-256, colon-separated upper-case hex. */
  fingerprint256: string
  validFrom?: string
  validTo?: string
}

/**
 * Thrown by a transport adapter that knows more than the raw error says (e.g. that the refused
 * connection was to the proxy, or which certificate was refused). The client copies `stage`,
 * `code` and `certificate` into the error's details.
 */
export class NetworkFailure extends Error {
  constructor(
    message: string,
    readonly stage: NetworkStage,
    readonly code: string | undefined,
    readonly certificate?: PeerCertificateInfo,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'NetworkFailure'
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME'])
const TLS_CODE = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH|ERR_CERT_|ERR_SSL)/
const CHROMIUM_NAME = /net::(ERR_[A-Z0-9_]+)/

/** Chromium net error names grouped by stage (the ones a technician meets). */
function chromiumStage(name: string): NetworkStage {
  if (name === 'ERR_NAME_NOT_RESOLVED' || name === 'ERR_NAME_RESOLUTION_FAILED') return 'dns'
  if (name.startsWith('ERR_PROXY') || name.startsWith('ERR_TUNNEL') || name === 'ERR_NO_SUPPORTED_PROXIES' || name === 'ERR_MANDATORY_PROXY_CONFIGURATION_FAILED') return 'proxy'
  if (name.startsWith('ERR_CERT') || name.startsWith('ERR_SSL') || name === 'ERR_BAD_SSL_CLIENT_AUTH_CERT') return 'tls'
  return 'connect'
}

/** Walks err → cause → cause… and returns what identifies the failure (the most specific level wins). */
export function classifyNetworkFailure(err: unknown): { stage: NetworkStage; code: string | undefined; certificate?: PeerCertificateInfo } {
  let firstCode: string | undefined
  let e: unknown = err
  for (let depth = 0; depth < 6 && e !== null && typeof e === 'object'; depth++) {
    if (e instanceof NetworkFailure) return { stage: e.stage, code: e.code, ...(e.certificate ? { certificate: e.certificate } : {}) }
    const code = (e as { code?: unknown }).code
    const message = (e as { message?: unknown }).message
    const chromium = typeof message === 'string' ? CHROMIUM_NAME.exec(message)?.[1] : undefined
    if (chromium) return { stage: chromiumStage(chromium), code: chromium }
    if (typeof code === 'string' && code.length > 0) {
      firstCode ??= code
      if (DNS_CODES.has(code)) return { stage: 'dns', code }
      if (TLS_CODE.test(code)) return { stage: 'tls', code }
    }
    if (typeof message === 'string' && /Proxy response \(\d+\)/.test(message)) return { stage: 'proxy', code: 'PROXY_REFUSED' }
    e = (e as { cause?: unknown }).cause
  }
  return { stage: 'connect', code: firstCode }
}

/** A short sentence for each stage, used in error messages. */
export function stageMessage(stage: NetworkStage, code: string | undefined, certificate?: PeerCertificateInfo): string {
  switch (stage) {
    case 'dns':
      return "The portal's host name could not be resolved (DNS). Check the API URL and your network."
    case 'proxy':
      return `The proxy refused or could not make the connection${code ? ` (${code})` : ''}. Check the proxy settings of this account.`
    case 'tls':
      return certificate
        ? `The portal's TLS certificate was not trusted${code ? ` (${code})` : ''}: subject "${certificate.subject}", issued by "${certificate.issuer}". Add the issuing CA certificate to this account if your network inspects TLS.`
        : `The portal's TLS certificate was not trusted${code ? ` (${code})` : ''}. Add the issuing CA certificate to this account if your network inspects TLS.`
    default:
      return 'The portal is unreachable. Check the API URL and your network connection.'
  }
}
