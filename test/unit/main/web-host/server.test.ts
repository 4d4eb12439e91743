import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { startWebHost, type RunningWebHost } from '../../../../src/main/web-host/server'
import { EventHub } from '../../../../src/main/core/events'
import type { Handlers } from '../../../../src/main/ipc/dispatch'
import { send } from '../../../helpers/web-host'

describe('browser host', () => {
  let host: RunningWebHost
  let events: EventHub
  const calls: unknown[] = []

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-web-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Desk</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret')
    events = new EventHub()
    const handlers = {
      listAccounts: async (input: unknown) => {
        calls.push(input)
        return { accounts: [], activeAccountId: null, keychain: { available: true }, problems: [] }
      }
    } as unknown as Handlers
    host = await startWebHost({ handlers, events, rendererDir: dir, token: 'test-token-123' })
  })

  afterEach(async () => {
    await host.close()
  })

  const api = (extra: Record<string, string> = {}) => ({
    host: `127.0.0.1:${host.port}`,
    'content-type': 'application/json',
    'x-desk-token': 'test-token-123',
    ...extra
  })

  it('binds loopback only and prints a URL carrying the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`)
    expect(host.openUrl).toBe(`http://127.0.0.1:${host.port}/#token=test-token-123`)
  })

  it('runs a contract call when the token is right', async () => {
    const res = await send(host.port, '/api/invoke/listAccounts', { method: 'POST', headers: api(), body: '{}' })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { accounts: [] } })
  })

  it('refuses calls without the token or with a wrong one', async () => {
    const missing = await send(host.port, '/api/invoke/listAccounts', { method: 'POST', headers: api({ 'x-desk-token': '' }), body: '{}' })
    const wrong = await send(host.port, '/api/invoke/listAccounts', { method: 'POST', headers: api({ 'x-desk-token': 'test-token-124' }), body: '{}' })
    expect(missing.status).toBe(401)
    expect(wrong.status).toBe(401)
  })

  it('refuses foreign Host (DNS rebinding) and foreign Origin (cross-site) headers', async () => {
    const rebinding = await send(host.port, '/api/invoke/listAccounts', { method: 'POST', headers: api({ host: `evil.example:${host.port}` }), body: '{}' })
    const crossSite = await send(host.port, '/api/invoke/listAccounts', { method: 'POST', headers: api({ origin: 'https://evil.example' }), body: '{}' })
    const sameOrigin = await send(host.port, '/api/invoke/listAccounts', { method: 'POST', headers: api({ origin: `http://127.0.0.1:${host.port}` }), body: '{}' })
    expect(rebinding.status).toBe(421)
    expect(crossSite.status).toBe(403)
    expect(sameOrigin.status).toBe(200)
  })

  it('accepts JSON bodies only, so a plain HTML form cannot post to it', async () => {
    const res = await send(host.port, '/api/invoke/listAccounts', { method: 'POST', headers: api({ 'content-type': 'text/plain' }), body: '{}' })
    expect(res.status).toBe(415)
  })

  it('answers an unknown method with a typed error', async () => {
    const res = await send(host.port, '/api/invoke/dropTables', { method: 'POST', headers: api(), body: '{}' })
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  })

  it('serves the renderer with the CSP and never a file outside its folder', async () => {
    const index = await send(host.port, '/', { headers: { host: `localhost:${host.port}` } })
    expect(index.status).toBe(200)
    expect(index.body).toContain('<title>Desk</title>')
    expect(index.headers['content-security-policy']).toContain("connect-src 'self'")
    expect(index.headers['content-security-policy']).toContain("script-src 'self'")
    const asset = await send(host.port, '/assets/app.js', { headers: { host: `127.0.0.1:${host.port}` } })
    expect(asset.headers['content-type']).toContain('text/javascript')
    const traversal = await send(host.port, '/..%2f..%2foutside-secret.txt', { headers: { host: `127.0.0.1:${host.port}` } })
    expect([403, 404]).toContain(traversal.status)
    expect(traversal.body).not.toContain('secret')
  })

  it('streams push events to token holders', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: api() }, (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString()
          if (text.includes('connected')) {
            events.emit('accountsChanged', { revision: 1, accounts: [], activeAccountId: 'x', keychain: { available: true }, problems: [] })
          }
          if (text.includes('event: accountsChanged')) {
            resolve(text)
            req.destroy()
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    expect(await received).toContain('"activeAccountId":"x"')
  })
})
