/**
 * The one rule for opening links outside the app: https only (plus http to loopback for the
 * demo portal), no credentials in the URL, nothing else (file:, javascript:, custom schemes).
 */
export function checkExternalUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'Not a valid address' }
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'Addresses with credentials are not opened' }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost'
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return { ok: true, url: url.toString() }
  return { ok: false, reason: `Links of type ${url.protocol} are not opened` }
}
