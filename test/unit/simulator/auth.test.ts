import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index'
import { call, login, oauth } from './helpers'

describe('simulator OAuth and request authentication', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator({
      clients: [
        { clientId: 'no-refresh', origin: 'https://norefresh.example', allowRefresh: false },
        { clientId: 'other-app', origin: 'https://other.example', allowRefresh: true }
      ]
    })
  })
  afterAll(() => sim.close())

  const password = (overrides: Record<string, string> = {}) => ({
    client_id: sim.defaults.clientId,
    grant_type: 'password',
    username: sim.defaults.username,
    password: sim.defaults.password,
    ...overrides
  })

  it('issues a bearer token for a good password grant', async () => {
    const r = await oauth(sim, password())
    expect(r.status).toBe(200)
    expect(r.body.token_type).toBe('bearer')
    expect(r.body.expires_in).toBe(299)
    expect(r.body.access_token).toMatch(/^\S{20,}$/)
    expect(r.body.refresh_token).toMatch(/^\S{20,}$/)
    const v = await call(sim, 'fullVersion', {}, r.body.access_token)
    expect(v).toMatchObject({ status: 200, body: '1.0.4480.0' })
  })

  it('treats user names case-insensitively', async () => {
    expect((await oauth(sim, password({ username: 'DEMO@Example.com' }))).status).toBe(200)
  })

  it('answers 400 invalid_grant for a wrong password or unknown user', async () => {
    for (const fields of [password({ password: 'nope' }), password({ username: 'nobody@example.com' })]) {
      const r = await oauth(sim, fields)
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ status: 400, code: 'invalid_grant', error: 'invalid_grant' })
      expect(typeof r.body.message).toBe('string')
      expect(typeof r.body.developerMessage).toBe('string')
    }
  })

  it('answers 400 invalid_client for an unknown client ID', async () => {
    const r = await oauth(sim, password({ client_id: 'who-is-this' }))
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('invalid_client')
  })

  it('answers 400 invalid_client when the Origin is not the client’s registered origin', async () => {
    const r = await oauth(sim, password(), 'https://evil.example')
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('invalid_client')
    expect(r.body.message).toContain('https://evil.example')
  })

  it('answers 401 origin_required when Origin is missing, on oauth and on API calls', async () => {
    const r = await oauth(sim, password(), null)
    expect(r.status).toBe(401)
    expect(r.body.code).toBe('origin_required')
    const { access_token } = await login(sim)
    const api = await call(sim, 'me', { origin: null }, access_token)
    expect(api.status).toBe(401)
    expect(api.body.code).toBe('origin_required')
  })

  it('answers 403 origin_mismatch when a token is used from another origin', async () => {
    const { access_token } = await login(sim)
    const r = await call(sim, 'me', { origin: 'https://other.example' }, access_token)
    expect(r.status).toBe(403)
    expect(r.body.code).toBe('origin_mismatch')
  })

  it('tolerates a trailing slash and case in the Origin', async () => {
    const r = await oauth(sim, password(), 'HTTP://LOCALHOST/')
    expect(r.status).toBe(200)
  })

  it('rejects unsupported grant types and non-form bodies', async () => {
    expect((await oauth(sim, password({ grant_type: 'client_credentials' }))).body.code).toBe('unsupported_grant_type')
    const res = await fetch(sim.apiUrl + 'oauth', {
      method: 'POST',
      headers: { Origin: sim.defaults.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify(password())
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { code: string }).code).toBe('invalid_request')
  })

  it('answers 401 for missing, garbage and expired bearer tokens', async () => {
    const missing = await call(sim, 'fullVersion', { token: null })
    expect(missing.status).toBe(401)
    expect(missing.body.code).toBe('unauthorized')
    const garbage = await call(sim, 'fullVersion', { token: 'garbage' })
    expect(garbage.status).toBe(401)
    expect(garbage.body.code).toBe('invalid_token')
    expect(garbage.headers.get('www-authenticate')).toContain('Bearer')
    const notBearer = await call(sim, 'fullVersion', { headers: { Authorization: 'Basic abc' } })
    expect(notBearer.status).toBe(401)
  })

  it('expires tokens after tokenLifetimeSeconds', async () => {
    const short = await startSimulator({ tokenLifetimeSeconds: 1, estate: 'empty' })
    try {
      const { access_token, expires_in } = await login(short)
      expect(expires_in).toBe(1)
      expect((await call(short, 'me', {}, access_token)).status).toBe(200)
      // Move the clock past the lifetime instead of waiting for it.
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(Date.now() + 1100)
      const r = await call(short, 'me', {}, access_token)
      expect(r.status).toBe(401)
      expect(r.body.code).toBe('token_expired')
    } finally {
      vi.useRealTimers()
      await short.close()
    }
  })

  it('refreshes with the same refresh token, even after the access token expired', async () => {
    const first = await login(sim)
    const second = await login(sim)
    expect(second.refresh_token).toBe(first.refresh_token)
    sim.faults.expireAllTokens()
    expect((await call(sim, 'me', {}, first.access_token)).body.code).toBe('token_expired')
    const r = await oauth(sim, { client_id: sim.defaults.clientId, grant_type: 'refresh_token', refresh_token: first.refresh_token })
    expect(r.status).toBe(200)
    expect(r.body.refresh_token).toBe(first.refresh_token)
    expect(r.body.access_token).not.toBe(first.access_token)
    expect((await call(sim, 'me', {}, r.body.access_token)).status).toBe(200)
  })

  it('rejects an unknown refresh token and one issued to another client', async () => {
    const bad = await oauth(sim, { client_id: sim.defaults.clientId, grant_type: 'refresh_token', refresh_token: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('invalid_grant')
    const { refresh_token } = await login(sim)
    const other = await oauth(sim, { client_id: 'other-app', grant_type: 'refresh_token', refresh_token }, 'https://other.example')
    expect(other.status).toBe(400)
    expect(other.body.code).toBe('invalid_grant')
  })

  it('refuses refresh for a client registered without refresh (400 unauthorized_client)', async () => {
    const origin = 'https://norefresh.example'
    const t = await oauth(sim, password({ client_id: 'no-refresh' }), origin)
    expect(t.status).toBe(200)
    const r = await oauth(sim, { client_id: 'no-refresh', grant_type: 'refresh_token', refresh_token: t.body.refresh_token }, origin)
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('unauthorized_client')
  })

  it('answers unknown paths with a JSON 404 and wrong methods with 405', async () => {
    const { access_token } = await login(sim)
    const r = await call(sim, 'no/such/thing', {}, access_token)
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ status: 404, code: 'not_found' })
    expect((await call(sim, 'fullVersion', { method: 'DELETE' }, access_token)).status).toBe(405)
  })

  it('answers CORS preflight requests', async () => {
    const res = await fetch(sim.apiUrl + 'me', { method: 'OPTIONS', headers: { Origin: sim.defaults.origin } })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(sim.defaults.origin)
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization')
  })
})
