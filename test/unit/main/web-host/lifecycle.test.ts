/**
 * The browser host's life: it listens on 127.0.0.1 alone (no other address of the machine
 * reaches it), on the port asked for, fails to start instead of hanging when that port is taken,
 * and close() ends open event streams and frees the port.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { connect, createServer } from 'node:net'
import { request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { startTestHost, type TestHost } from '../../../helpers/web-host'

/** Whether a TCP connection to address:port is accepted. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

describe('browser host lifecycle', () => {
  const hosts: TestHost[] = []
  const start = async (options: Parameters<typeof startTestHost>[0] = {}) => {
    const t = await startTestHost(options)
    hosts.push(t)
    return t
  }
  afterEach(async () => {
    for (const t of hosts.splice(0)) await t.close()
  })

  it('is reachable on 127.0.0.1 and on no other address of this machine', async () => {
    const t = await start()
    const others = Object.values(networkInterfaces())
      .flatMap((infos) => infos ?? [])
      .map((info) => info.address)
      .filter((address) => address !== '127.0.0.1' && !address.startsWith('fe80:')) // link-local needs a scope
    expect(await accepts('127.0.0.1', t.port)).toBe(true)
    for (const address of new Set([...others, '::1', '127.0.0.2'])) expect(await accepts(address, t.port), address).toBe(false)
  })

  it('listens on the port it is given', async () => {
    const port = await freePort()
    const t = await start({ port })
    expect(t.port).toBe(port)
    expect(t.host.url).toBe(`http://127.0.0.1:${port}/`)
    expect(await accepts('127.0.0.1', port)).toBe(true)
  })

  it('fails to start, rather than hang, when its port is taken', async () => {
    const first = await start()
    await expect(startTestHost({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('close() ends the open event streams and frees the port', async () => {
    const t = await startTestHost()
    let connected!: () => void
    const opened = new Promise<void>((resolve) => (connected = resolve))
    const ended = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: t.port, path: '/api/events', headers: t.apiHeaders() }, (res) => {
        res.once('data', () => connected())
        res.on('close', () => resolve())
      })
      req.on('error', reject)
      req.end()
    })
    await opened
    await t.close()
    expect(await accepts('127.0.0.1', t.port)).toBe(false)
    await ended
  })
})
