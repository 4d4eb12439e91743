/**
 * Shapes the simulator does not produce but real portals (or proxies in front of them) do:
 * expires_in as a string, nulls, bare arrays, plain-text and HTML errors, junk bodies.
 * A scripted HTTP server on 127.0.0.1 stands in for such a portal.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CloutilityClient, type ClientOptions } from '../../../../src/main/cloutility'
import { recordSends, rejectionOf, until, useFakeClock } from './harness'

type Route = (req: IncomingMessage, res: ServerResponse) => void
const routes = new Map<string, Route>()
const seen: { method: string; url: string; origin: string | undefined; contentType: string | undefined; body: string }[] = []
let server: Server
let apiUrl: string

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Route => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
const text = (status: number, body: string, type = 'text/plain'): Route => (_req, res) => {
  res.writeHead(status, { 'Content-Type': type })
  res.end(body)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', origin: req.headers.origin, contentType: req.headers['content-type'], body })
      const route = routes.get(`${req.method} ${(req.url ?? '').split('?')[0]}`)
      if (route) route(req, res)
      else json(404, { status: 404, code: 'not_found', message: 'nope' })(req, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`
  routes.set('POST /v1/oauth', json(200, { access_token: 'tok-abcdef', token_type: 'bearer', expires_in: '299', refresh_token: 'ref-abcdef' }))
})
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
})
afterEach(() => {
  vi.useRealTimers()
})

function client(extra: Partial<ClientOptions> = {}) {
  return new CloutilityClient({
    apiUrl,
    clientId: 'c',
    origin: 'https://desk.example',
    username: 'u',
    getPassword: () => Promise.resolve('pw-123456'),
    retryBaseMs: 1,
    maxRetries: 1,
    ...extra
  })
}

describe('a portal with odd but legal habits', () => {
  it('form-encodes the grant, sends Origin everywhere, accepts expires_in as a string', async () => {
    routes.set('GET /v1/fullVersion', text(200, '1.0.4480.0'))
    const c = client()
    expect(await c.fullVersion()).toBe('1.0.4480.0') // plain text instead of a JSON string
    const oauth = seen.find((s) => s.url === '/v1/oauth')!
    expect(oauth.contentType).toBe('application/x-www-form-urlencoded')
    expect(new URLSearchParams(oauth.body).get('grant_type')).toBe('password')
    expect(seen.every((s) => s.origin === 'https://desk.example')).toBe(true)
  })

  it('nulls, bare arrays and unknown fields parse', async () => {
    routes.set('GET /v1/nodetypes', json(200, [{ id: 1, name: 'File server', shortName: null, extra: true }]))
    routes.set('GET /v1/bunits/5', json(200, { id: 5, name: 'X', timeZone: null, tags: null, users: { href: 'h', total: 0, items: [] } }))
    const c = client()
    expect(await c.nodeTypes.list()).toEqual([{ id: 1, name: 'File server', extra: true }])
    const unit = await c.bunits.get(5)
    expect(unit).toMatchObject({ id: 5, name: 'X', tags: [] })
    expect(unit.timeZone).toBeUndefined()
  })

  it('a body that is not the expected shape at all is a typed error, not a crash', async () => {
    routes.set('GET /v1/me', text(200, '<html>login page</html>', 'text/html'))
    routes.set('GET /v1/bunits', json(200, { unexpected: 'shape' }))
    const c = client()
    expect(await rejectionOf(c.me())).toMatchObject({ kind: 'server', details: { code: 'UNEXPECTED_RESPONSE' } })
    expect(await rejectionOf(c.bunits.tree())).toMatchObject({ kind: 'server', details: { code: 'UNEXPECTED_RESPONSE' } })
  })

  it('plain-text, HTML and ASP.NET errors all become typed errors with a useful message', async () => {
    routes.set('GET /v1/timezones/1', text(409, 'Time zone is locked'))
    routes.set('GET /v1/timezones/2', text(502, '<html><body>Bad Gateway</body></html>', 'text/html'))
    routes.set('GET /v1/timezones/3', json(400, { Message: 'The request is invalid.', ExceptionMessage: 'id out of range' }))
    const c = client()
    expect(await rejectionOf(c.timeZones.get(1))).toMatchObject({ kind: 'conflict', message: 'Time zone is locked' })
    const gateway = await rejectionOf(c.timeZones.get(2))
    expect(gateway).toMatchObject({ kind: 'server', message: 'The portal failed with HTTP 502.' })
    expect(seen.filter((s) => s.url === '/v1/timezones/2')).toHaveLength(2) // retried once
    expect(await rejectionOf(c.timeZones.get(3))).toMatchObject({
      kind: 'validation',
      message: 'The request is invalid.',
      details: { developerMessage: 'id out of range' }
    })
  })

  it('Retry-After as an HTTP date is honoured: the call is sent again at that moment, not before', async () => {
    // A whole second on a fake clock (HTTP dates have none smaller), made before the client reads it.
    useFakeClock(1_700_000_000_000)
    const at = new Date(Date.now() + 2000)
    let calls = 0
    routes.set('GET /v1/nodeoperatingsystems/1', (req, res) => {
      calls++
      if (calls === 1) json(503, { message: 'busy' }, { 'Retry-After': at.toUTCString() })(req, res)
      else json(200, { id: 1, name: 'Linux' })(req, res)
    })
    const sends: number[] = []
    let answers = 0
    const c = client({ fetch: recordSends(sends, /\/nodeoperatingsystems\/1$/), onRequest: (info) => void (info.status === 503 && answers++) })
    const os = c.nodeOperatingSystems.get(1)
    await until(() => answers === 1, 'the 503')
    await vi.advanceTimersByTimeAsync(1999)
    expect(sends).toHaveLength(1) // not the ~1 ms backoff, nor a moment early
    await vi.advanceTimersByTimeAsync(1)
    expect(sends).toHaveLength(2)
    await expect(os).resolves.toMatchObject({ id: 1 })
    expect(sends.map((t) => t - sends[0]!)).toEqual([0, 2000])
  })

  it('a token response without access_token is a typed error and leaks nothing', async () => {
    routes.set('POST /v1/oauth', json(200, { refresh_token: 'leaky-refresh-token' }))
    const e = await rejectionOf(client().signIn())
    expect(e).toMatchObject({ kind: 'server', details: { code: 'UNEXPECTED_RESPONSE' } })
    expect(JSON.stringify(e)).not.toContain('leaky-refresh-token')
    routes.set('POST /v1/oauth', json(200, { access_token: 'tok-abcdef', token_type: 'bearer', expires_in: '299', refresh_token: 'ref-abcdef' }))
  })
})
