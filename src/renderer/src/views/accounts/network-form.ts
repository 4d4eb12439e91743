/**
 * The network part of the account forms (issue 10): what the fields hold, how they become the
 * `network` input main validates, and which stage names "Test connection" shows.
 */
import type { CertificateInfo, ConnectionStage, NetworkSettingsInput, NetworkSettingsView, ProxyMode } from '../../../../shared/ipc/network-models'

export interface NetworkForm {
  proxyMode: ProxyMode
  proxyUrl: string
  proxyUsername: string
  /** Empty = keep the stored one (edit) / none (new account). */
  proxyPassword: string
  /** A newly chosen CA (PEM) and what main read from it; null = none chosen in this form. */
  caPem: string | null
  caInfo: CertificateInfo | null
  /** The user removed the stored CA. */
  caRemoved: boolean
  allowInsecureHttp: boolean
}

export function emptyNetworkForm(): NetworkForm {
  return { proxyMode: 'system', proxyUrl: '', proxyUsername: '', proxyPassword: '', caPem: null, caInfo: null, caRemoved: false, allowInsecureHttp: false }
}

/** What an account without a `network` view has: system proxy, no extra CA, https only. */
export const DEFAULT_NETWORK_VIEW: NetworkSettingsView = { proxy: { mode: 'system', hasPassword: false }, allowInsecureHttp: false }

export function networkFormFrom(view: NetworkSettingsView = DEFAULT_NETWORK_VIEW): NetworkForm {
  return {
    ...emptyNetworkForm(),
    proxyMode: view.proxy.mode,
    proxyUrl: view.proxy.url ?? '',
    proxyUsername: view.proxy.username ?? '',
    allowInsecureHttp: view.allowInsecureHttp
  }
}

/** The input main expects; `caCertPem` only when the CA changed (undefined keeps the stored one). */
export function networkInput(form: NetworkForm): NetworkSettingsInput {
  const manual = form.proxyMode === 'manual'
  const proxy: NetworkSettingsInput['proxy'] = { mode: form.proxyMode }
  if (manual && proxy) {
    // An empty URL is left out, so the schema says "required" rather than "not a URL".
    if (form.proxyUrl.trim() !== '') proxy.url = form.proxyUrl.trim()
    if (form.proxyUsername.trim() !== '') proxy.username = form.proxyUsername.trim()
    if (form.proxyPassword !== '') proxy.password = form.proxyPassword
  }
  return {
    proxy,
    allowInsecureHttp: form.allowInsecureHttp,
    ...(form.caPem !== null ? { caCertPem: form.caPem } : form.caRemoved ? { caCertPem: null } : {})
  }
}

/** Did the form change anything compared with the stored settings? */
export function networkChanged(form: NetworkForm, view: NetworkSettingsView = DEFAULT_NETWORK_VIEW): boolean {
  const stored = networkFormFrom(view)
  return (
    form.proxyMode !== stored.proxyMode ||
    (form.proxyMode === 'manual' && (form.proxyUrl.trim() !== stored.proxyUrl || form.proxyUsername.trim() !== stored.proxyUsername || form.proxyPassword !== '')) ||
    form.allowInsecureHttp !== stored.allowInsecureHttp ||
    form.caPem !== null ||
    (form.caRemoved && view.ca !== undefined)
  )
}

export const STAGE_TEXT: Record<ConnectionStage, string> = {
  dns: 'Name resolution (DNS)',
  proxy: 'Proxy',
  tls: 'TLS certificate',
  connect: 'Connection',
  http: 'HTTP response',
  'sign-in': 'Sign-in'
}

/** True for a plain http:// URL to a host other than this machine (the case needing the opt-in). */
export function isInsecureRemoteUrl(apiUrl: string): boolean {
  let url: URL
  try {
    url = new URL(apiUrl.trim())
  } catch {
    return false
  }
  if (url.protocol !== 'http:') return false
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return !(host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host))
}
