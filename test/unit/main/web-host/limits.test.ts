/**
 * The browser host's limits: a body over 8 MiB gets a readable 413 (not a reset connection) and
 * runs nothing, a body past 64 MiB is cut off instead of drained, and a client that never
 * finishes its headers is cut off by the header timeout rather than held for Node's 60 s default.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect } from 'node:net'
import { SERVER_TIMEOUTS } from '../../../../src/main/web-host/server'
import { send, startTestHost, type TestHost } from '../../../helpers/web-host'

const MiB = 1024 * 1024

describe('browser host limits', () => {
  let t: TestHost

  beforeEach(async () => {
    t = await startTestHost({ handlers: { listAccounts: async () => ({ accounts: [] }) } })
  })
  afterEach(() => t.close())

  const call = (body: Buffer, chunked = false) =>
    send(t.port, '/api/invoke/listAccounts', { method: 'POST', headers: t.apiHeaders(), body, chunked })

  it('uses short server timeouts by default', () => {
    expect(SERVER_TIMEOUTS.headersMs).toBeLessThanOrEqual(15_000)
    expect(SERVER_TIMEOUTS.requestMs).toBeLessThanOrEqual(60_000)
    expect(SERVER_TIMEOUTS.keepAliveMs).toBeLessThanOrEqual(10_000)
  })

  it.each([
    ['announced by its Content-Length', false],
    ['sent in chunks', true]
  ])('answers a body over 8 MiB %s 413 with a readable message, closes the connection and runs nothing', async (_, chunked) => {
    const res = await call(Buffer.alloc(8 * MiB + 1, 0x20), chunked)
    expect(res.status).toBe(413)
    expect(res.headers.connection).toBe('close')
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'The request is larger than 8 MB and was not read.' }
    })
    expect(t.calls.listAccounts).toBeUndefined()
  })

  it('runs a call whose body is exactly 8 MiB', async () => {
    const res = await call(Buffer.from('{"input":null}'.padEnd(8 * MiB, ' ')))
    expect(res.status).toBe(200)
    expect(t.calls.listAccounts).toEqual([null])
  })

  it('cuts off a body past 64 MiB instead of reading it to its end', async () => {
    await expect(call(Buffer.alloc(65 * MiB, 0x20), true)).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) })
    expect(t.calls.listAccounts).toBeUndefined()
  })

  it('closes a connection whose headers never finish (header timeout)', async () => {
    const impatient = await startTestHost({ timeouts: { headersMs: 300, requestMs: 600 } })
    try {
      const socket = connect(impatient.port, '127.0.0.1')
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${impatient.port}\r\n`)
      let answer = ''
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
      await new Promise<void>((resolve) => socket.on('close', () => resolve()))
      expect(answer).toMatch(/^HTTP\/1\.1 408/)
    } finally {
      await impatient.close()
    }
  })
})
