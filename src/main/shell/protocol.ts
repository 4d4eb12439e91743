/**
 * Serves the packaged renderer from app://desk/ instead of file://, so the page has a real origin
 * (checked on every IPC call) and every response carries the production CSP with
 * `connect-src 'none'`: the renderer cannot open a network connection even if compromised.
 */
import { net, protocol } from 'electron'
import { join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { contentSecurityPolicy } from '../../shared/csp'
import { APP_SCHEME } from './window-options'

export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy({ connect: "'none'" })
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const relative = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^([/\\])+/, '')
    const file = join(rendererDir, relative)
    if (url.host !== 'desk' || !file.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('content-security-policy', csp)
    headers.set('x-content-type-options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
