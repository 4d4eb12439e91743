/**
 * The browser host's limits: a malformed path is a 400 (not a 500), an oversized body gets a
 * readable 413 (not a reset connection), and a client that never finishes its headers is cut off
 * by the header timeout rather than held for Node's 60 s default.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:net'
import { request } from 'node:http'
import { SERVER_TIMEOUTS, startWebHost, type RunningWebHost } from '../../../../src/main/web-host/server'
import { EventHub } from '../../../../src/main/core/events'
import type { Handlers } from '../../../../src/main/ipc/dispatch'

function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

describe('browser host limits', () => {
  let host: RunningWebHost
  let called = 0

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-web-limits-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Desk</title>')
    const handlers = { listAccounts: async () => (called++, { accounts: [] }) } as unknown as Handlers
    host = await startWebHost({ handlers, events: new EventHub(), rendererDir: dir, token: 'tok', timeouts: { headersMs: 300, requestMs: 600 } })
  })

  afterEach(async () => {
    await host.close()
  })

  it('uses short server timeouts by default', () => {
    expect(SERVER_TIMEOUTS.headersMs).toBeLessThanOrEqual(15_000)
    expect(SERVER_TIMEOUTS.requestMs).toBeLessThanOrEqual(60_000)
    expect(SERVER_TIMEOUTS.keepAliveMs).toBeLessThanOrEqual(10_000)
  })

  it('answers 400 to a malformed percent-encoding in a static path', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%', '/%00index.html']) {
      const res = await send(host.port, path, { headers: { host: `127.0.0.1:${host.port}` } })
      expect(res.status, path).toBe(400)
    }
  })

  it('answers 413 with a readable message to a body over the limit, and runs nothing', async () => {
    const res = await send(host.port, '/api/invoke/listAccounts', {
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', 'x-desk-token': 'tok' },
      body: Buffer.alloc(9 * 1024 * 1024, 0x20)
    })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('8 MB') } })
    expect(called).toBe(0)
  })

  it('closes a connection whose headers never finish (header timeout)', async () => {
    const socket = connect(host.port, '127.0.0.1')
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`)
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    await new Promise<void>((resolve) => socket.on('close', () => resolve()))
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  })
})
