/**
 * A small forward proxy for tests, on 127.0.0.1: CONNECT tunnels and absolute-form http
 * requests, optional Basic proxy authentication, and a log of what went through it. Whatever
 * host a client asks for, it connects to 127.0.0.1 on the requested port: names such as
 * "portal.test" resolve here only, and no traffic ever leaves the machine.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface ForwardProxy {
  url: string
  port: number
  /** "host:port" of every CONNECT, in order (also refused ones, with `refused`). */
  connects: { authority: string; refused?: boolean }[]
  /** Absolute URLs of plain http requests forwarded. */
  requests: string[]
  close(): Promise<void>
}

export async function startForwardProxy(options: { auth?: { username: string; password: string } } = {}): Promise<ForwardProxy> {
  const connects: ForwardProxy['connects'] = []
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const expected = options.auth ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}` : null
  const authorised = (req: IncomingMessage): boolean => expected === null || req.headers['proxy-authorization'] === expected

  const server: Server = createServer((req, res) => {
    const target = req.url ?? ''
    if (!authorised(req)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="desk-test-proxy"' }).end()
      return
    }
    let url: URL
    try {
      url = new URL(target)
    } catch {
      res.writeHead(400).end('absolute-form URL expected')
      return
    }
    requests.push(target)
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = httpRequest({ host: '127.0.0.1', port: Number(url.port) || 80, method: req.method, path: `${url.pathname}${url.search}`, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const authority = req.url ?? ''
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => undefined)
    if (!authorised(req)) {
      connects.push({ authority, refused: true })
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="desk-test-proxy"\r\nContent-Length: 0\r\n\r\n')
      return
    }
    connects.push({ authority })
    const port = Number(authority.split(':').pop())
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'))
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
