/**
 * The Node transport (browser host, tests): undici's fetch with a dispatcher per proxy, so the
 * account's proxy settings, HTTPS_PROXY / HTTP_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS apply, plus
 * the account's own extra CA. On a TLS failure it names the refused certificate (see probe.ts).
 */
import { readFileSync } from 'node:fs'
import { rootCertificates } from 'node:tls'
import { Agent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici'
import { NetworkFailure, classifyNetworkFailure } from '../cloutility/network-failure'
import { log } from '../log'
import { probePeerCertificate } from './probe'
import { proxyFor } from './proxy-resolution'
import type { NetworkProfile, PortalTransport } from './types'

/** Node applies NODE_EXTRA_CA_CERTS to its default store, but an explicit `ca` replaces that store. */
function environmentCas(env: NodeJS.ProcessEnv): string[] {
  const file = env.NODE_EXTRA_CA_CERTS
  if (!file) return []
  try {
    return [readFileSync(file, 'utf8')]
  } catch (error) {
    log.warn(`NODE_EXTRA_CA_CERTS (${file}) could not be read`, error)
    return []
  }
}

export function createNodeTransport(profile: NetworkProfile, env: NodeJS.ProcessEnv = process.env): PortalTransport {
  // An explicit list (platform roots + NODE_EXTRA_CA_CERTS + the account's CA) whenever either
  // extra is set, so an environment handed in (tests, a host started with it) counts the same.
  const extras = [...environmentCas(env), ...(profile.caCertPem ? [profile.caCertPem] : [])]
  const ca = extras.length > 0 ? [...rootCertificates, ...extras] : undefined
  const tls = ca ? { ca } : {}
  const proxyAuth =
    profile.proxy.username !== undefined && profile.proxy.username !== ''
      ? `Basic ${Buffer.from(`${profile.proxy.username}:${profile.proxyPassword ?? ''}`).toString('base64')}`
      : undefined
  const dispatchers = new Map<string, Dispatcher>()

  const dispatcherFor = (proxy: string | null): Dispatcher => {
    const key = proxy ?? ''
    let d = dispatchers.get(key)
    if (!d) {
      d = proxy
        ? new ProxyAgent({ uri: proxy, requestTls: tls, proxyTls: tls, ...(proxyAuth && profile.proxy.mode === 'manual' ? { token: proxyAuth } : {}) })
        : new Agent({ connect: tls })
      dispatchers.set(key, d)
    }
    return d
  }

  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const target = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const proxy = proxyFor(target, profile.proxy.mode, profile.proxy.url, env)
    try {
      // undici's fetch and Node's global fetch share the WHATWG shapes; the casts cross the two type sets.
      return (await undiciFetch(target, { ...(init as object), dispatcher: dispatcherFor(proxy) } as Parameters<typeof undiciFetch>[1])) as unknown as Response
    } catch (error) {
      if (init?.signal?.aborted) throw error
      throw await explain(error, target, proxy)
    }
  }

  /** Says whether the proxy or the portal failed and, for TLS, which certificate was refused. */
  const explain = async (error: unknown, target: URL, proxy: string | null): Promise<unknown> => {
    const { stage, code } = classifyNetworkFailure(error)
    if (proxy && stage !== 'tls' && failedAtProxy(error)) {
      return new NetworkFailure(`The proxy ${new URL(proxy).host} could not be reached (${code ?? 'no code'})`, 'proxy', code, undefined, { cause: error })
    }
    if (stage === 'tls' && target.protocol === 'https:') {
      const certificate = await probePeerCertificate(target, proxy, profile.proxy.mode === 'manual' ? proxyAuth : undefined).catch(() => undefined)
      return new NetworkFailure(`TLS to ${target.host} failed (${code ?? 'no code'})`, 'tls', code, certificate, { cause: error })
    }
    return error
  }

  return {
    fetch: fetchImpl as typeof fetch,
    async close() {
      await Promise.all([...dispatchers.values()].map((d) => d.close().catch(() => undefined)))
      dispatchers.clear()
    }
  }
}

/** Through a proxy we only ever open sockets to the proxy: a connect-level failure is the proxy's. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

function failedAtProxy(error: unknown): boolean {
  let e: unknown = error
  for (let depth = 0; depth < 6 && e !== null && typeof e === 'object'; depth++) {
    const o = e as { message?: unknown; code?: unknown }
    if (typeof o.message === 'string' && /Proxy response \(\d+\)|HTTP Tunneling/.test(o.message)) return true
    if (typeof o.code === 'string' && CONNECT_CODES.has(o.code)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
