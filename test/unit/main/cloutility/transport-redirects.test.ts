/**
 * Same-origin redirects as the transport follows them by hand: which method and body the next hop
 * carries (fetch's rules: 303, and 301/302 after a POST, become a bodiless GET), which headers go
 * with it, and where a redirect loop ends. A portal on 127.0.0.1 records every hop it receives.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Transport, type HttpMethod, type TransportConfig } from '../../../../src/main/cloutility/transport'
import { rejectionOf } from './harness'

interface Hop {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

let server: Server
let baseUrl: string
let origin: string
const hops: Hop[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const url = req.url ?? ''
      hops.push({ method: req.method ?? '', url, headers: req.headers, body })
      const redirect = /^\/v1\/r(30[1237])$/.exec(url)
      if (redirect) return res.writeHead(Number(redirect[1]), { Location: '/v1/landed' }).end()
      if (url === '/v1/loop') return res.writeHead(302, { Location: '/v1/loop' }).end()
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  baseUrl = `${origin}/v1/`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  hops.length = 0
})

function transport(fetch: typeof globalThis.fetch = globalThis.fetch): Transport {
  const cfg: TransportConfig = {
    baseUrl,
    origin: 'https://desk.example',
    fetch,
    timeoutMs: 5_000,
    maxRetries: 0,
    retryBaseMs: 0,
    retryCapMs: 0,
    maxRetryAfterSeconds: 60,
    now: Date.now
  }
  return new Transport(cfg)
}

/** Sends a JSON body with a bearer token through /v1/r<status>; returns the hop that landed. */
async function redirected(method: HttpMethod, status: number): Promise<Hop> {
  const res = await transport().send({
    method,
    path: `r${status}`,
    headers: { Authorization: 'Bearer at-1', 'Content-Type': 'application/json' },
    body: '{"name":"x"}',
    retry: false
  })
  expect(res.status).toBe(200)
  expect(hops.map((h) => h.url)).toEqual([`/v1/r${status}`, '/v1/landed'])
  return hops[1] as Hop
}

describe('the hop after a redirect', () => {
  it.each([
    ['POST', 302],
    ['POST', 301],
    ['POST', 303],
    ['PUT', 303]
  ] as const)('%s answered %i continues as a GET without body or Content-Type, keeping the other headers', async (method, status) => {
    const landed = await redirected(method, status)
    expect(landed.method).toBe('GET')
    expect(landed.body).toBe('')
    expect(landed.headers['content-type']).toBeUndefined()
    expect(landed.headers.authorization).toBe('Bearer at-1')
    expect(landed.headers.origin).toBe('https://desk.example')
    expect(landed.headers.accept).toBe('application/json')
  })

  it.each([
    ['PUT', 301],
    ['PUT', 302],
    ['PUT', 307],
    ['POST', 307]
  ] as const)('%s answered %i is sent again as it was', async (method, status) => {
    const landed = await redirected(method, status)
    expect(landed.method).toBe(method)
    expect(landed.body).toBe('{"name":"x"}')
    expect(landed.headers['content-type']).toBe('application/json')
    expect(landed.headers.authorization).toBe('Bearer at-1')
  })
})

describe('redirects that are not followed', () => {
  it('a loop ends after five redirects followed, on the sixth', async () => {
    const e = await rejectionOf(transport().send({ method: 'GET', path: 'loop', retry: true }))
    expect(e.kind).toBe('server')
    expect(e.message).toBe(
      `The portal answered 302 and redirected to ${origin} (more than 5 redirects). Cloutility Desk does not follow redirects away from the portal's address (your credentials would go there); check the API URL.`
    )
    expect(e.details).toMatchObject({ status: 302, code: 'REDIRECT_REFUSED', method: 'GET', path: 'loop' })
    expect(hops).toHaveLength(6)
  })

  it('an opaque redirect (what Electron’s net.fetch gives for redirect: manual) is refused', async () => {
    // Node's fetch never answers with an opaque redirect, so this one is a stand-in.
    const opaque = (async () => {
      const res = new Response(null, { status: 200 })
      Object.defineProperty(res, 'type', { value: 'opaqueredirect' })
      Object.defineProperty(res, 'status', { value: 0 })
      return res
    }) as typeof globalThis.fetch
    const e = await rejectionOf(transport(opaque).send({ method: 'GET', path: 'me', retry: true }))
    expect(e.kind).toBe('server')
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', status: 0, code: 'REDIRECT_REFUSED' })
  })
})
