/**
 * The browser host's API as a security boundary, over real HTTP: who may call (Host, Origin,
 * token), which method and path reach what (only `GET /api/events` opens the stream, only
 * `POST /api/invoke/<Name>` runs a call), and the exact answer to each refusal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { send, startTestHost, TEST_TOKEN, type TestHost } from '../../../helpers/web-host'

const JSON_TYPE = 'application/json; charset=utf-8'
const TEXT_TYPE = 'text/plain; charset=utf-8'
const accountsState = { accounts: [], activeAccountId: null, keychain: { available: true }, problems: [] }

describe('browser host API guards', () => {
  let t: TestHost

  beforeEach(async () => {
    t = await startTestHost({ handlers: { listAccounts: async () => accountsState } })
  })
  afterEach(() => t.close())

  const call = (headers: Record<string, string>) => send(t.port, '/api/invoke/listAccounts', { method: 'POST', headers, body: '{}' })

  it.each([
    ['another name', (port: number) => `evil.example:${port}`],
    ['another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['no port', () => 'localhost'],
    ['the IPv6 loopback', (port: number) => `[::1]:${port}`]
  ])('answers a Host naming %s 421 "Unknown host" and runs nothing (DNS rebinding)', async (_, hostHeader) => {
    const res = await call(t.apiHeaders({ host: hostHeader(t.port) }))
    expect([res.status, res.body, res.headers['content-type']]).toEqual([421, 'Unknown host', TEXT_TYPE])
    expect(t.calls.listAccounts).toBeUndefined()
  })

  it.each(['https://evil.example', 'null', 'https://127.0.0.1:PORT', 'http://127.0.0.1:OTHER', 'http://localhost.evil.example:PORT'])(
    'answers Origin %s 403 "Foreign origin" and runs nothing (cross-site)',
    async (origin) => {
      const res = await call(t.apiHeaders({ origin: origin.replace('PORT', String(t.port)).replace('OTHER', String(t.port + 1)) }))
      expect([res.status, res.body, res.headers['content-type']]).toEqual([403, 'Foreign origin', TEXT_TYPE])
      expect(t.calls.listAccounts).toBeUndefined()
    }
  )

  it.each(['127.0.0.1', 'localhost'])('runs a call whose Host and Origin name this server as %s', async (name) => {
    const res = await call(t.apiHeaders({ host: `${name}:${t.port}`, origin: `http://${name}:${t.port}` }))
    expect([res.status, res.headers['content-type'], res.headers['cache-control']]).toEqual([200, JSON_TYPE, 'no-store'])
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: accountsState })
  })

  it.each([
    ['no token header', undefined],
    ['an empty token', ''],
    ['a wrong token of the same length', TEST_TOKEN.replace(/.$/, '!')],
    ['the token with more after it', `${TEST_TOKEN}x`]
  ])('answers %s 401 with an authentication error, on every API path', async (_, token) => {
    const headers = t.apiHeaders()
    if (token === undefined) delete headers['x-desk-token']
    else headers['x-desk-token'] = token
    for (const [method, path] of [
      ['POST', '/api/invoke/listAccounts'],
      ['GET', '/api/events'],
      ['GET', '/api/no-such-thing']
    ] as const) {
      const res = await send(t.port, path, { method, headers, body: method === 'POST' ? '{}' : undefined })
      expect(res.status, path).toBe(401)
      expect(res.headers['content-type']).toBe(JSON_TYPE)
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: { kind: 'authentication', message: 'Missing or wrong browser-host token' } })
    }
    expect(t.calls.listAccounts).toBeUndefined()
  })

  it('opens the event stream on GET /api/events only, uncached', async () => {
    const res = await send(t.port, '/api/events', { headers: t.apiHeaders() })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/event-stream')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toBe(': connected\n\n')
  })

  it.each([
    ['POST', '/api/events'],
    ['PUT', '/api/events'],
    ['GET', '/api/invoke/listAccounts'],
    ['PUT', '/api/invoke/listAccounts'],
    ['POST', '/api/invoke/listAccounts/extra'],
    ['POST', '/api/v2/api/invoke/listAccounts'],
    ['POST', '/api/invoke/list-accounts'],
    ['POST', '/api/invoke/'],
    ['POST', '/api/events/listAccounts'],
    ['GET', '/api/']
  ])('answers %s %s 404 "Not found": neither a call nor the event stream', async (method, path) => {
    const res = await send(t.port, path, { method, headers: t.apiHeaders(), body: method === 'GET' ? undefined : '{}' })
    expect([res.status, res.body, res.headers['content-type']]).toEqual([404, 'Not found', TEXT_TYPE])
    expect(t.calls.listAccounts).toBeUndefined()
  })

  it.each([
    ['no content type', undefined],
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON named only in a parameter', 'text/plain; x=application/json']
  ])('answers a body with %s 415 "JSON only", so a plain HTML form cannot call', async (_, type) => {
    const headers = t.apiHeaders()
    if (type === undefined) delete headers['content-type']
    else headers['content-type'] = type
    const res = await call(headers)
    expect([res.status, res.body, res.headers['content-type']]).toEqual([415, 'JSON only', TEXT_TYPE])
    expect(t.calls.listAccounts).toBeUndefined()
  })

  it('accepts a JSON content type that carries a charset', async () => {
    const res = await call(t.apiHeaders({ 'content-type': 'application/json; charset=utf-8' }))
    expect(res.status).toBe(200)
    expect(t.calls.listAccounts).toHaveLength(1)
  })
})
