import { invalidInput } from './errors'
import { INSECURE_HTTP_MESSAGE } from '../../shared/ipc/network-models'

/**
 * Normalise the API URL as a technician types it into the one base every request is resolved
 * against: "https://host/v1/". Accepts a missing scheme (https assumed), a missing or present
 * "/v1", a trailing slash or not, and a pasted help/resource URL below /v1 (cut back to /v1/).
 */
export function normalizeApiUrl(input: string, options: { allowInsecureHttp?: boolean } = {}): string {
  let text = input.trim()
  if (text.length === 0) throw invalidInput('The API URL is empty.')
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw invalidInput('The API URL is not a valid URL.', { field: 'apiUrl' })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidInput('The API URL must start with https://.', { field: 'apiUrl' })
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    throw invalidInput(INSECURE_HTTP_MESSAGE, { field: 'apiUrl', code: 'INSECURE_HTTP' })
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidInput('The API URL must not contain a username or password.', { field: 'apiUrl' })
  }
  const segments = url.pathname.split('/').filter((s) => s.length > 0)
  const v1 = segments.findIndex((s) => s.toLowerCase() === 'v1')
  const base = v1 >= 0 ? segments.slice(0, v1) : segments
  url.pathname = `/${[...base, 'v1'].join('/')}/`
  url.search = ''
  url.hash = ''
  return url.toString()
}

export { INSECURE_HTTP_MESSAGE }

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  return /^127(\.\d{1,3}){3}$/.test(host)
}
