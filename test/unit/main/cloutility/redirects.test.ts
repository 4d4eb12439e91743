/**
 * Redirects never carry credentials to another origin: two servers on 127.0.0.1 with distinct
 * ports are distinct origins. The "portal" redirects; the "elsewhere" server records what reaches it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloutilityClient } from '../../../../src/main/cloutility'
import { rejectionOf } from './harness'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

let portal: Server
let elsewhere: Server
let portalUrl: string
let elsewhereUrl: string
const atElsewhere: Seen[] = []
const atPortal: Seen[] = []
const PASSWORD = 'correct horse battery staple'

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

function record(into: Seen[], req: IncomingMessage): Promise<Seen> {
  return new Promise((resolve) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      into.push(seen)
      resolve(seen)
    })
  })
}

const token = JSON.stringify({ access_token: 'at-1', token_type: 'bearer', expires_in: 300, refresh_token: 'rt-1' })

beforeAll(async () => {
  elsewhere = createServer((req, res) => {
    void record(atElsewhere, req).then(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(token))
  })
  elsewhereUrl = await listen(elsewhere)
  portal = createServer((req, res) => {
    void record(atPortal, req).then(() => {
      const path = req.url ?? ''
      const json = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
      if (path === '/v1/oauth') return res.writeHead(307, { Location: `${elsewhereUrl}/v1/oauth` }).end()
      if (path === '/alt/v1/oauth') return res.writeHead(307, { Location: '/alt/v1/oauth-moved' }).end()
      if (path === '/alt/v1/oauth-moved') return res.writeHead(200, { 'Content-Type': 'application/json' }).end(token)
      if (path === '/alt/v1/me') return res.writeHead(302, { Location: `${elsewhereUrl}/v1/me` }).end()
      if (path === '/alt/v1/fullVersion') return res.writeHead(301, { Location: '/alt/v1/fullVersion-new' }).end()
      if (path === '/alt/v1/fullVersion-new') return json(200, '9.9')
      return json(404, { status: 404, message: 'no' })
    })
  })
  portalUrl = await listen(portal)
})

afterAll(async () => {
  await Promise.all([portal, elsewhere].map((s) => new Promise((r) => s.close(r))))
})

function client(base: string): CloutilityClient {
  return new CloutilityClient({
    apiUrl: base,
    clientId: 'desk',
    origin: 'https://desk.example',
    username: 'tech@example.com',
    getPassword: async () => PASSWORD,
    retryBaseMs: 1
  })
}

describe('redirects', () => {
  it('a 307 on the token POST to another origin is refused: the password never gets there', async () => {
    atElsewhere.length = 0
    const error = await rejectionOf(client(`${portalUrl}/v1/`).signIn())
    expect(error.details).toMatchObject({ code: 'REDIRECT_REFUSED', redirectOrigin: elsewhereUrl })
    expect(error.message).toContain(elsewhereUrl)
    expect(atElsewhere).toEqual([])
    expect(JSON.stringify(error)).not.toContain(PASSWORD)
  })

  it('the bearer token and Origin are not sent to another origin on a redirected call', async () => {
    // /alt/v1/ base: the token POST is redirected within the portal, then GET me goes elsewhere.
    atElsewhere.length = 0
    const c = new CloutilityClient({
      apiUrl: `${portalUrl}/alt/v1/`,
      clientId: 'desk',
      origin: 'https://desk.example',
      username: 'tech@example.com',
      getPassword: async () => PASSWORD,
      retryBaseMs: 1
    })
    const error = await rejectionOf(c.me())
    expect(error.details).toMatchObject({ code: 'REDIRECT_REFUSED' })
    expect(atElsewhere).toEqual([])
  })

  it('a same-origin redirect is followed, keeping method and body for 307', async () => {
    atPortal.length = 0
    const c = client(`${portalUrl}/alt/v1/`)
    expect(await c.fullVersion()).toBe('9.9')
    const moved = atPortal.find((s) => s.url === '/alt/v1/oauth-moved')
    expect(moved?.method).toBe('POST')
    expect(new URLSearchParams(moved?.body).get('password')).toBe(PASSWORD)
    expect(atPortal.find((s) => s.url === '/alt/v1/fullVersion-new')?.headers.authorization).toBe('Bearer at-1')
  })
})
