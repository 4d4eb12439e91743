/**
 * The browser host: serves the built renderer and runs main's real handlers in Node, bridged
 * over loopback HTTP. Same contract, same dispatcher, same handlers as the Electron window.
 *
 * Guards: binds 127.0.0.1 only; every API call must carry the per-run random token; Host and
 * Origin must name this server (defeats DNS rebinding and cross-site requests); bodies are
 * size-limited JSON (a larger one is read to its end and discarded, then answered 413, so the
 * client sees a readable answer instead of a reset); a slow client is cut off by the header,
 * request and keep-alive timeouts instead of Node's lenient defaults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { dispatch, type Handlers } from '../ipc/dispatch'
import type { EventHub } from '../core/events'
import { contentSecurityPolicy } from '../../shared/csp'
import { log } from '../log'

export interface WebHostOptions {
  handlers: Handlers
  events: EventHub
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string
  port?: number
  /** Fixed token for tests; random otherwise. */
  token?: string
  /** Shorter timeouts for tests. */
  timeouts?: Partial<typeof SERVER_TIMEOUTS>
}

export interface RunningWebHost {
  url: string
  /** The URL to open: carries the token in the fragment, which is never sent to a server. */
  openUrl: string
  token: string
  port: number
  close(): Promise<void>
}

const MAX_BODY_BYTES = 8 * 1024 * 1024
/** Beyond this many bytes an oversized body is no longer drained politely: the socket is closed. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024
/** A loopback client sends its headers at once; 60 s (Node's default) only helps a slow-loris. */
export const SERVER_TIMEOUTS: Readonly<{ headersMs: number; requestMs: number; keepAliveMs: number }> = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000
}
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const tokenBytes = Buffer.from(token)
  const streams = new Set<ServerResponse>()
  let port = 0

  const unsubscribe = options.events.onAny((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const stream of streams) stream.write(frame)
  })

  const timeouts = { ...SERVER_TIMEOUTS, ...options.timeouts }
  // Node enforces the header and request timeouts on this interval (30 s by default).
  const server: Server = createServer({ connectionsCheckingInterval: Math.min(1000, timeouts.headersMs) }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('Browser host request failed', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: 'Request failed' } })
      else res.end()
    })
  })

  server.headersTimeout = timeouts.headersMs
  server.requestTimeout = timeouts.requestMs
  server.keepAliveTimeout = timeouts.keepAliveMs

  function allowedHosts(): string[] {
    return [`127.0.0.1:${port}`, `localhost:${port}`]
  }

  function hasValidToken(req: IncomingMessage): boolean {
    const given = req.headers['x-desk-token']
    if (typeof given !== 'string') return false
    const bytes = Buffer.from(given)
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCommonHeaders(res)
    const host = req.headers.host ?? ''
    if (!allowedHosts().includes(host)) return sendText(res, 421, 'Unknown host')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) {
      return sendText(res, 403, 'Foreign origin')
    }
    const url = new URL(req.url ?? '/', `http://${host}`)

    if (url.pathname.startsWith('/api/')) {
      if (!hasValidToken(req)) return sendJson(res, 401, { ok: false, error: { kind: 'authentication', message: 'Missing or wrong browser-host token' } })
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res)
      const match = /^\/api\/invoke\/([A-Za-z]+)$/.exec(url.pathname)
      if (match && req.method === 'POST') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'JSON only')
        const body = await readBody(req)
        if (body === null) {
          res.setHeader('connection', 'close')
          return sendJson(res, 413, {
            ok: false,
            error: { kind: 'invalid-input', message: `The request is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB and was not read.` }
          })
        }
        let payload: unknown
        try {
          payload = body.length === 0 ? undefined : (JSON.parse(body) as { input?: unknown }).input
        } catch {
          return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'Body is not JSON' } })
        }
        return sendJson(res, 200, await dispatch(options.handlers, match[1], payload))
      }
      return sendText(res, 404, 'Not found')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed')
    return serveStatic(url.pathname, res)
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    streams.add(res)
    res.on('close', () => streams.delete(res))
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname)
    } catch {
      return sendText(res, 400, 'Malformed percent-encoding in the path')
    }
    if (decoded.includes('\0')) return sendText(res, 400, 'Malformed path')
    const relative = normalize(decoded).replace(/^([/\\])+/, '')
    const file = join(options.rendererDir, relative)
    if (!file.startsWith(options.rendererDir + sep)) return sendText(res, 403, 'Forbidden')
    try {
      const info = await stat(file)
      if (!info.isFile()) return sendText(res, 404, 'Not found')
      const content = await readFile(file)
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache'
      })
      res.end(content)
    } catch {
      sendText(res, 404, 'Not found')
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/`

  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    async close() {
      unsubscribe()
      for (const stream of streams) stream.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', contentSecurityPolicy({ connect: "'self'" }))
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('referrer-policy', 'no-referrer')
  res.setHeader('cross-origin-opener-policy', 'same-origin')
  res.setHeader('cross-origin-resource-policy', 'same-origin')
  res.setHeader('x-frame-options', 'DENY')
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // Serialised before the head is written: a value JSON cannot carry (a BigInt, a cycle) then
  // fails the request into the catch-all 500 (startWebHost) instead of an empty 200.
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}

/** The body as text, or null when it is over the limit (read to its end and thrown away). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      if (tooLarge) {
        chunks.length = 0
        // Draining lets the client finish sending and read our 413; past this, stop listening.
        if (size > MAX_DRAIN_BYTES) req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
