/**
 * Which proxy a request goes through, for the Node transport (browser host, tests, CLI):
 * 'system' reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (upper or lower case) as curl and undici's
 * EnvHttpProxyAgent do; 'manual' uses the account's proxy; 'none' goes direct. Loopback targets
 * always go direct, as in Chromium, so a local simulator never reaches a corporate proxy.
 */
import { isLoopbackHost } from '../cloutility/url'
import type { ProxyMode } from '../../shared/ipc/network-models'

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 }

export function proxyFromEnvironment(target: URL, env: NodeJS.ProcessEnv): string | null {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy
  const proxy = target.protocol === 'https:' ? httpsProxy : httpProxy
  if (!proxy) return null
  return bypassedByNoProxy(target, env.no_proxy ?? env.NO_PROXY ?? '') ? null : proxy
}

/** NO_PROXY: comma/space separated hosts, ".suffix" or "*.suffix", optional ":port", or "*". */
export function bypassedByNoProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase()
  const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0
  for (const raw of noProxy.split(/[,\s]+/)) {
    if (raw === '') continue
    if (raw === '*') return true
    const m = /^(.+):(\d+)$/.exec(raw)
    const entryHost = (m ? m[1]! : raw).replace(/^\*?\./, '').toLowerCase()
    const entryPort = m ? Number.parseInt(m[2]!, 10) : 0
    if (entryPort !== 0 && entryPort !== port) continue
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true
  }
  return false
}

/** The proxy URL for a request, or null for a direct connection. */
export function proxyFor(target: URL, mode: ProxyMode, manualUrl: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (isLoopbackHost(target.hostname)) return null
  if (mode === 'none') return null
  if (mode === 'manual') return manualUrl ?? null
  return proxyFromEnvironment(target, env)
}
