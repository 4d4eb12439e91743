/**
 * The browser host's token guard, for the cases a browser tab of another site would try: no
 * token header at all (not just an empty one), and the event stream without a token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebHost, type RunningWebHost } from '../../../../src/main/web-host/server'
import { EventHub } from '../../../../src/main/core/events'
import type { Handlers } from '../../../../src/main/ipc/dispatch'
import { send as sendRaw } from '../../../helpers/web-host'

/** A call as a browser tab would make it; POSTs carry an empty JSON object. */
const send = (port: number, path: string, method: string, headers: Record<string, string>) =>
  sendRaw(port, path, { method, headers, body: method === 'POST' ? '{}' : undefined })

describe('browser host token guard', () => {
  let host: RunningWebHost
  let calls = 0

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-web-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Desk</title>')
    calls = 0
    const handlers = {
      listAccounts: async () => {
        calls++
        return { accounts: [], activeAccountId: null, keychain: { available: true }, problems: [] }
      }
    } as unknown as Handlers
    host = await startWebHost({ handlers, events: new EventHub(), rendererDir: dir, token: 'token-for-tests-0001' })
  })
  afterEach(async () => {
    await host.close()
  })

  const base = () => ({ Host: `127.0.0.1:${host.port}` })

  it('refuses a call that carries no token header at all, and runs nothing', async () => {
    const res = await send(host.port, '/api/invoke/listAccounts', 'POST', { ...base(), 'Content-Type': 'application/json' })
    expect(res.status).toBe(401)
    expect(calls).toBe(0)
  })

  it('refuses to open the event stream without a token, or with a wrong one', async () => {
    expect((await send(host.port, '/api/events', 'GET', base())).status).toBe(401)
    expect((await send(host.port, '/api/events', 'GET', { ...base(), 'X-Desk-Token': 'token-for-tests-0002' })).status).toBe(401)
  })

  it('opens the event stream and runs calls with the token', async () => {
    const stream = await send(host.port, '/api/events', 'GET', { ...base(), 'X-Desk-Token': 'token-for-tests-0001' })
    expect(stream.status).toBe(200)
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
    const res = await send(host.port, '/api/invoke/listAccounts', 'POST', { ...base(), 'Content-Type': 'application/json', 'X-Desk-Token': 'token-for-tests-0001' })
    expect(res.status).toBe(200)
    expect(calls).toBe(1)
  })
})
