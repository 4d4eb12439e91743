/**
 * The desktop transport: every portal call goes through Chromium's network stack (Electron's
 * `net.request` on the account's session — what `net.fetch` is built on), so the system proxy,
 * PAC files and the OS certificate store apply exactly as in a browser. `net.request` rather than
 * `session.fetch` because fetch cancels a proxy's auth challenge and turns a manual redirect into
 * a bare error; the request lets us answer the first and hand the second to the client's
 * same-origin redirect rule. Each distinct network profile gets its own in-memory session partition:
 * - proxy 'system' → `mode: 'system'`; 'none' → `direct`; 'manual' → `fixed_servers` with the URL;
 *   a manual proxy's credentials answer the proxy's auth challenge (the request's 'login' event,
 *   for challenges from that proxy only).
 * - an extra CA is honoured in the certificate verifier: a chain Chromium refused is accepted only
 *   if one of its certificates was issued (and signed) by that CA, the leaf matches the host name
 *   and is within its validity dates. Everything else keeps Chromium's verdict.
 * - refused certificates are remembered per host, so the error names subject and issuer.
 * The electron module (`session`, `net`) is passed in, so this file runs in unit tests with a mock.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'
import { NetworkFailure, classifyNetworkFailure, type PeerCertificateInfo } from '../cloutility/network-failure'
import { describeCertificate, parsePemCertificates } from '../network/certificate'
import type { NetworkProfile, TransportFactory } from '../network/types'

/** The parts of Electron this file uses (typed loosely so a mock can stand in). */
export interface ElectronNetDeps {
  session: { fromPartition(partition: string, options?: { cache: boolean }): ElectronSessionLike }
  net: { request(options: NetRequestOptions): NetRequestLike }
}

export interface NetRequestOptions {
  method: string
  url: string
  session: ElectronSessionLike
  redirect: 'manual'
  credentials: 'omit'
  useSessionCookies: false
  origin?: string
}

/** The slice of Electron's ClientRequest used here. */
export interface NetRequestLike {
  setHeader(name: string, value: string): void
  write(chunk: string | Buffer): void
  end(): void
  abort(): void
  on(event: 'response', listener: (response: NetResponseLike) => void): this
  on(event: 'redirect', listener: (statusCode: number, method: string, redirectUrl: string, headers: Record<string, string[]>) => void): this
  on(event: 'login', listener: (authInfo: { isProxy: boolean; host: string; port: number }, callback: (username?: string, password?: string) => void) => void): this
  on(event: 'error', listener: (error: Error) => void): this
}

export interface NetResponseLike {
  statusCode: number
  statusMessage: string
  headers: Record<string, string | string[]>
  on(event: 'data', listener: (chunk: Buffer) => void): this
  on(event: 'end', listener: () => void): this
  on(event: 'error', listener: (error: Error) => void): this
}

export interface ElectronSessionLike {
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
    return ready
  }

  /** One request over the session: answers proxy auth, returns 3xx as a response (never follows). */
  const send = (ses: ElectronSessionLike, profile: NetworkProfile, url: string, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const headers = new Headers(init.headers)
      const origin = headers.get('origin') ?? undefined
      const request = electron.net.request({
        method: init.method ?? 'GET',
        url,
        session: ses,
        redirect: 'manual',
        credentials: 'omit',
        useSessionCookies: false,
        ...(origin ? { origin } : {})
      })
      headers.forEach((value, name) => request.setHeader(name, value))
      const signal = init.signal
      const onAbort = (): void => {
        request.abort()
        reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
      }
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      const settle = (): void => signal?.removeEventListener('abort', onAbort)

      request.on('login', (authInfo, callback) => {
        const creds = authInfo.isProxy ? credentialsFor(profile, authInfo.host, authInfo.port) : undefined
        if (creds) callback(creds.username, creds.password)
        else callback() // a portal's own basic auth, or no credentials: cancel
      })
      request.on('redirect', (statusCode, _method, redirectUrl) => {
        // Not followed: the client decides (same origin only), so nothing is re-sent from here.
        request.abort()
        settle()
        resolve(new Response(null, { status: statusCode, headers: { location: redirectUrl } }))
      })
      request.on('response', (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('error', (error) => {
          settle()
          reject(error)
        })
        response.on('end', () => {
          settle()
          const out = new Headers()
          for (const [name, value] of Object.entries(response.headers)) out.set(name, Array.isArray(value) ? value.join(', ') : value)
          const noBody = [101, 204, 205, 304].includes(response.statusCode)
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status: response.statusCode, statusText: response.statusMessage, headers: out }))
        })
      })
      request.on('error', (error) => {
        settle()
        reject(error)
      })
      if (typeof init.body === 'string') request.write(init.body)
      request.end()
    })

  return (profile) => ({
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url
      const ses = await sessionFor(profile)
      try {
        return await send(ses, profile, url, init)
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

/** The manual proxy's credentials, when the challenge comes from that proxy. */
function credentialsFor(profile: NetworkProfile, host: string, port: number): { username: string; password: string } | undefined {
  if (profile.proxy.mode !== 'manual' || !profile.proxy.url || !profile.proxy.username) return undefined
  const u = new URL(profile.proxy.url)
  const proxyPort = Number.parseInt(u.port, 10) || (u.protocol === 'https:' ? 443 : 80)
  if (u.hostname !== host || proxyPort !== port) return undefined
  return { username: profile.proxy.username, password: profile.proxyPassword ?? '' }
}
