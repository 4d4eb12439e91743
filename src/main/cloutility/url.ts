import { invalidInput } from './errors'

/**
 * Normalise the API URL as a technician types it into the one base every request is resolved
 * against: "https://host/v1/". Accepts a missing scheme (https assumed), a missing or present
 * "/v1", a trailing slash or not, and a pasted help/resource URL below /v1 (cut back to /v1/).
 */
export function normalizeApiUrl(input: string): string {
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
    throw invalidInput('The API URL must start with https:// (or http:// for a local simulator).', { field: 'apiUrl' })
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
