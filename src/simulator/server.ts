/**
 * The HTTP front: faults first (latency, drops, injected statuses), then the
 * Origin and bearer checks every Cloutility call goes through, then routing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { Socket } from 'node:net'
import { parseJsonBody, readRaw, type Body } from './http/body'
import type { Ctx, Sim } from './http/context'
import { ApiError } from './http/errors'
import { Reply } from './http/reply'
import { sendError, sendJson, statusError } from './http/respond'
import type { Router } from './http/router'
import { handleHealthRequest } from './health/overrides'
import type { UserRec } from './model'
import { sameOrigin } from './routes/oauth'

export interface SimStats {
  requests: number
  inFlight: number
  maxInFlight: number
  /** Requests per route, keyed "METHOD pattern" (e.g. "GET bunits/:bunitId/consumers/:consumerId/node"). */
  byRoute: Record<string, number>
  reset(): void
}

export function createStats(): SimStats {
  const stats: SimStats = {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    byRoute: {},
    reset() {
      stats.requests = 0
      stats.maxInFlight = stats.inFlight
      stats.byRoute = {}
    }
  }
  return stats
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** With `tls` (PEM key and certificate chain) the simulator speaks https, like a real portal. */
export function createHttpServer(sim: Sim, router: Router, stats: SimStats, tls?: { key: string; cert: string }): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>()
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void handle(sim, router, stats, req, res)
  }
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onRequest) : createServer(onRequest)
  server.on('connection', (socket) => {
    if (sim.faults.offline) {
      socket.destroy()
      return
    }
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return { server, sockets }
}

async function handle(sim: Sim, router: Router, stats: SimStats, req: IncomingMessage, res: ServerResponse): Promise<void> {
  stats.requests++
  stats.inFlight++
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
  let counted = true
  res.on('close', () => {
    if (counted) stats.inFlight--
    counted = false
  })
  const faults = sim.faults
  if (faults.offline) {
    req.socket.destroy()
    return
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const method = (req.method ?? 'GET').toUpperCase()
  // Test control is not part of the portal: injected latency and faults leave it alone.
  const control = /^\/_sim(\/|$)/i.test(url.pathname)
  try {
    const delay = control ? 0 : faults.delayMs()
    if (delay > 0) await sleep(delay)
    if (res.destroyed) return
    const decision = control ? null : faults.decide(method, url.pathname)
    if (decision?.kind === 'drop') {
      req.socket.destroy()
      return
    }
    if (decision?.kind === 'fail') {
      stats.byRoute['fault'] = (stats.byRoute['fault'] ?? 0) + 1
      sendError(req, res, statusError(decision.status, decision.retryAfterSeconds))
      return
    }
    const result = await dispatch(sim, router, stats, req, method, url)
    if (decision?.kind === 'drop-answer') {
      req.socket.destroy() // acted on, answer lost
      return
    }
    if (result instanceof Reply) sendJson(req, res, result.status, result.body, result.headers)
    else if (result === undefined) sendJson(req, res, 204, undefined)
    else sendJson(req, res, 200, result)
  } catch (err) {
    if (err instanceof ApiError) sendError(req, res, err)
    else sendError(req, res, statusError(500, undefined, err instanceof Error ? err.message : String(err)))
  }
}

async function dispatch(sim: Sim, router: Router, stats: SimStats, req: IncomingMessage, method: string, url: URL): Promise<unknown> {
  const path = url.pathname
  if (/^\/_sim(\/|$)/i.test(path)) return await testControl(sim, stats, req, method, path)
  if (!/^\/v1\//i.test(path)) throw new ApiError(404, 'not_found', `No endpoint at ${path}; the API lives under /v1/.`)
  const rel = path.slice(4)
  if (method === 'OPTIONS') {
    // CORS preflight, for a renderer that talks to the simulator directly.
    return new Reply(204, undefined, {
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600'
    })
  }
  const origin = headerValue(req, 'origin')
  if (!origin) throw new ApiError(401, 'origin_required', 'The Origin header is required on every call.')
  const match = router.match(method, rel)
  if (match === null) throw new ApiError(404, 'not_found', `No endpoint ${method} ${path}.`)
  if (match === 'method') throw new ApiError(405, 'method_not_allowed', `${method} is not supported on ${path}.`)
  const key = `${method} ${match.route.pattern}`
  stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1

  const raw = method === 'GET' || method === 'HEAD' ? '' : await readRaw(req)
  let body: Body = {}
  let form = new URLSearchParams()
  let user: UserRec | undefined
  if (match.route.anonymous) {
    form = new URLSearchParams(raw)
  } else {
    user = authenticate(sim, req, origin)
    // DELETE bodies are optional and ignored when not JSON (some clients send the resource back).
    if (method === 'DELETE') {
      try {
        body = parseJsonBody(raw)
      } catch {
        body = {}
      }
    } else body = parseJsonBody(raw)
  }
  const signedIn = user
  const ctx: Ctx = {
    sim,
    state: sim.state,
    req,
    params: match.params,
    query: url.searchParams,
    body,
    form,
    origin,
    get user(): UserRec {
      if (!signedIn) throw new Error('no user on an anonymous route')
      return signedIn
    }
  }
  return await match.route.handler(ctx)
}

/** `POST /_sim/health`: test control, outside the API (no OAuth), only when enabled. */
async function testControl(sim: Sim, stats: SimStats, req: IncomingMessage, method: string, path: string): Promise<unknown> {
  if (!sim.testControl || !/^\/_sim\/health\/?$/i.test(path)) throw new ApiError(404, 'not_found', `No endpoint at ${path}; the API lives under /v1/.`)
  if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', `${method} is not supported on ${path}; use POST.`)
  stats.byRoute['POST _sim/health'] = (stats.byRoute['POST _sim/health'] ?? 0) + 1
  return handleHealthRequest(sim.state, parseJsonBody(await readRaw(req)))
}

function authenticate(sim: Sim, req: IncomingMessage, origin: string): UserRec {
  const header = headerValue(req, 'authorization')
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  const www = { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
  if (!header) throw new ApiError(401, 'unauthorized', 'Authorization has been denied for this request: no bearer token.', 'Send Authorization: Bearer {access_token}.', { 'WWW-Authenticate': 'Bearer' })
  if (!m?.[1]) throw new ApiError(401, 'invalid_token', 'Authorization has been denied for this request: malformed Authorization header.', 'Expected "Bearer {access_token}".', www)
  const check = sim.auth.check(m[1])
  if (!check.ok) {
    throw check.reason === 'expired'
      ? new ApiError(401, 'token_expired', 'Authorization has been denied for this request: the access token has expired.', 'Refresh the token or sign in again.', www)
      : new ApiError(401, 'invalid_token', 'Authorization has been denied for this request: unknown access token.', 'The token was not issued by this server.', www)
  }
  const client = sim.auth.clients.get(check.grant.clientId)
  if (!client || !sameOrigin(origin, client.origin)) {
    throw new ApiError(403, 'origin_mismatch', `Origin '${origin}' does not match the origin registered for this token's client.`)
  }
  const user = sim.state.users.get(check.grant.userId)
  if (!user) throw new ApiError(401, 'invalid_token', 'Authorization has been denied for this request: the user no longer exists.')
  return user
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s && s.trim() !== '' ? s.trim() : undefined
}
