/**
 * The desktop transport: every portal call goes through Chromium's network stack via
 * `session.fetch`, so the system proxy, PAC files and the OS certificate store apply exactly as in
 * a browser. Each distinct network profile gets its own in-memory session partition:
 * - proxy 'system' → `mode: 'system'`; 'none' → `direct`; 'manual' → `fixed_servers` with the URL;
 *   a manual proxy's credentials answer the proxy's auth challenge (app 'login', proxy only).
 * - an extra CA is honoured in the certificate verifier: a chain Chromium refused is accepted only
 *   if one of its certificates was issued (and signed) by that CA, the leaf matches the host name
 *   and is within its validity dates. Everything else keeps Chromium's verdict.
 * - refused certificates are remembered per host, so the error names subject and issuer.
 * The electron module is passed in, so this file runs in unit tests with a mock.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'
import { NetworkFailure, classifyNetworkFailure, type PeerCertificateInfo } from '../cloutility/network-failure'
import { describeCertificate, parsePemCertificates } from '../network/certificate'
import type { NetworkProfile, TransportFactory } from '../network/types'

/** The parts of Electron this file uses (typed loosely so a mock can stand in). */
export interface ElectronNetDeps {
  session: { fromPartition(partition: string, options?: { cache: boolean }): ElectronSessionLike }
  app: Pick<import('electron').App, 'on'>
}

export interface ElectronSessionLike {
  fetch(input: string, init?: RequestInit): Promise<Response>
  setProxy(config: { mode: 'system' | 'direct' | 'fixed_servers'; proxyRules?: string; proxyBypassRules?: string }): Promise<void>
  setCertificateVerifyProc(proc: ((request: CertificateRequest, callback: (result: number) => void) => void) | null): void
  closeAllConnections?(): Promise<void>
}

export interface CertificateRequest {
  hostname: string
  certificate: ElectronCertificate
  verificationResult: string
  errorCode: number
}

export interface ElectronCertificate {
  data: string
  issuerCert?: ElectronCertificate
}

/** Chromium: 0 = accept, -2 = reject, -3 = use Chromium's own verdict. */
const ACCEPT = 0
const CHROMIUM_VERDICT = -3

export function partitionFor(profile: NetworkProfile): string {
  const key = JSON.stringify([profile.proxy.mode, profile.proxy.url ?? '', profile.proxy.username ?? '', profile.caCertPem ?? ''])
  return `desk-net-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`
}

/** Answers a proxy's auth challenge from `credentials` ("host:port" → user, password); nothing else. */
function installLoginListener(app: ElectronNetDeps['app'], credentials: Map<string, { username: string; password: string }>): void {
  app.on('login', (event, _webContents, _details, authInfo, callback) => {
    if (!authInfo?.isProxy) return // a site's own basic auth: keep Electron's default (cancel)
    const creds = credentials.get(`${authInfo.host}:${authInfo.port}`)
    if (!creds) return
    event.preventDefault()
    callback(creds.username, creds.password)
  })
}

/** Does the CA vouch for this chain (issued-by and signature), and is the leaf right for the host? */
export function chainTrustedBy(request: CertificateRequest, cas: X509Certificate[]): boolean {
  let leaf: X509Certificate
  try {
    leaf = new X509Certificate(request.certificate.data)
  } catch {
    return false
  }
  const now = Date.now()
  if (now < Date.parse(leaf.validFrom) || now > Date.parse(leaf.validTo)) return false
  const hostOk = isIP(request.hostname) === 0 ? leaf.checkHost(request.hostname) !== undefined : leaf.checkIP(request.hostname) !== undefined
  if (!hostOk) return false
  for (let cert: ElectronCertificate | undefined = request.certificate, depth = 0; cert && depth < 8; cert = cert.issuerCert, depth++) {
    let x: X509Certificate
    try {
      x = new X509Certificate(cert.data)
    } catch {
      return false
    }
    for (const ca of cas) {
      if (x.fingerprint256 === ca.fingerprint256) return true
      if (x.checkIssued(ca) && x.verify(ca.publicKey)) return true
    }
  }
  return false
}

export function createElectronTransportFactory(electron: ElectronNetDeps): TransportFactory {
  const proxyCredentials = new Map<string, { username: string; password: string }>()
  installLoginListener(electron.app, proxyCredentials)
  const refused = new Map<string, PeerCertificateInfo>()
  const configured = new Map<string, Promise<ElectronSessionLike>>()

  const sessionFor = (profile: NetworkProfile): Promise<ElectronSessionLike> => {
    const partition = partitionFor(profile)
    let ready = configured.get(partition)
    if (!ready) {
      const ses = electron.session.fromPartition(partition, { cache: false })
      const cas = profile.caCertPem ? parsePemCertificates(profile.caCertPem) : []
      ses.setCertificateVerifyProc((request, callback) => {
        if (request.errorCode === 0) return callback(CHROMIUM_VERDICT)
        if (cas.length > 0 && chainTrustedBy(request, cas)) return callback(ACCEPT)
        try {
          refused.set(request.hostname, describeCertificate(new X509Certificate(request.certificate.data)))
        } catch {
          // an unreadable certificate is still refused; the message just cannot name it
        }
        callback(CHROMIUM_VERDICT)
      })
      const proxy = profile.proxy
      ready = ses
        .setProxy(
          proxy.mode === 'manual' && proxy.url
            ? { mode: 'fixed_servers', proxyRules: proxy.url }
            : { mode: proxy.mode === 'none' ? 'direct' : 'system' }
        )
        .then(() => ses)
      configured.set(partition, ready)
    }
    if (profile.proxy.mode === 'manual' && profile.proxy.url && profile.proxy.username) {
      const u = new URL(profile.proxy.url)
      const port = Number.parseInt(u.port, 10) || (u.protocol === 'https:' ? 443 : 80)
      proxyCredentials.set(`${u.hostname}:${port}`, { username: profile.proxy.username, password: profile.proxyPassword ?? '' })
    }
    return ready
  }

  return (profile) => ({
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url
      const ses = await sessionFor(profile)
      try {
        return await ses.fetch(url, init)
      } catch (error) {
        const { stage, code } = classifyNetworkFailure(error)
        if (stage !== 'tls') throw error
        const host = new URL(url).hostname
        throw new NetworkFailure(`TLS to ${host} failed (${code ?? 'no code'})`, 'tls', code, refused.get(host), { cause: error })
      }
    }) as typeof fetch,
    // Sessions are shared by identical profiles and live as long as the app.
    close: async () => undefined
  })
}
