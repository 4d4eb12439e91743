import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CloutilityClient } from '../../../../src/main/cloutility'
import { connect, rejectionOf, startSim, type Sim } from './harness'

let sim: Sim
beforeAll(async () => {
  sim = await startSim({
    clients: [
      { clientId: 'desk-demo', origin: 'http://localhost', allowRefresh: true },
      { clientId: 'no-refresh', origin: 'http://localhost', allowRefresh: false }
    ]
  })
})
afterAll(async () => {
  await sim.close()
})
beforeEach(() => {
  sim.faults.reset()
})

describe('sign-in', () => {
  it('password grant, then calls carry the token; the refresh token is handed over for the keychain', async () => {
    const h = connect(sim)
    await h.client.signIn()
    expect(await h.client.fullVersion()).toMatch(/^\d+\.\d+/)
    expect(h.passwordCalls()).toBe(1)
    expect(h.oauthCalls()).toBe(1)
    expect(h.refreshTokens).toHaveLength(1)
  })

  it('signs in lazily on the first call', async () => {
    const h = connect(sim)
    const me = await h.client.me()
    expect(me.email).toBe(sim.defaults.username)
    expect(h.passwordCalls()).toBe(1)
  })

  it('wrong password → authentication error with the API message, no secret in it', async () => {
    const h = connect(sim, { getPassword: () => Promise.resolve('wrong-password-123') })
    const e = await rejectionOf(h.client.signIn())
    expect(e.kind).toBe('authentication')
    expect(e.message).toMatch(/user name or password is incorrect/i)
    expect(e.details).toMatchObject({ status: 400, code: 'invalid_grant' })
    expect(JSON.stringify(e)).not.toContain('wrong-password-123')
    expect(h.oauthCalls()).toBe(1) // a refused grant is not retried
  })

  it('a failing or empty password source is an authentication error', async () => {
    const failing = connect(sim, { getPassword: () => Promise.reject(new Error('prompt dismissed')) })
    expect(await rejectionOf(failing.client.signIn())).toMatchObject({ kind: 'authentication', details: { code: 'NO_PASSWORD' } })
    const empty = connect(sim, { getPassword: () => Promise.resolve('') })
    expect((await rejectionOf(empty.client.me())).kind).toBe('authentication')
    expect(empty.oauthCalls()).toBe(0)
  })

  it('unknown client id and wrong origin are authentication errors', async () => {
    expect((await rejectionOf(connect(sim, { clientId: 'nobody' }).client.signIn())).details).toMatchObject({ code: 'invalid_client' })
    const wrongOrigin = await rejectionOf(connect(sim, { origin: 'https://evil.example' }).client.signIn())
    expect(wrongOrigin.kind).toBe('authentication')
    expect(wrongOrigin.message).toMatch(/origin/i)
  })

  it('normalises the API URL the user typed', async () => {
    const h = connect(sim, { apiUrl: sim.url.replace(/\/+$/, '') })
    expect(h.client.connection.apiUrl).toBe(sim.apiUrl)
    await expect(h.client.fullVersion()).resolves.toBeTypeOf('string')
  })

  it('signOut forgets the session: the next call signs in again', async () => {
    const h = connect(sim)
    await h.client.me()
    h.client.signOut()
    await h.client.me()
    expect(h.passwordCalls()).toBe(2)
  })
})

describe('refresh tokens', () => {
  it('a refresh token restored from the keychain is used instead of the password', async () => {
    const first = connect(sim)
    await first.client.signIn()
    const stored = first.refreshTokens[0]
    expect(stored).toBeTypeOf('string')
    const h = connect(sim, { refreshToken: stored })
    await h.client.bunits.tree()
    expect(h.passwordCalls()).toBe(0)
    expect(h.oauthCalls()).toBe(1)
    expect(h.refreshTokens).toEqual([]) // unchanged token: nothing to persist
  })

  it('a refused refresh token falls back to a password grant and persists the new token', async () => {
    const h = connect(sim, { refreshToken: 'revoked-or-garbage' })
    await h.client.me()
    expect(h.passwordCalls()).toBe(1)
    expect(h.oauthCalls()).toBe(2)
    expect(h.refreshTokens).toHaveLength(1)
    expect(h.refreshTokens[0]).not.toBe('revoked-or-garbage')
  })

  it('a client that may not refresh renews by password grant', async () => {
    const h = connect(sim, { clientId: 'no-refresh' })
    await h.client.me()
    sim.faults.expireAllTokens()
    await h.client.me()
    expect(h.passwordCalls()).toBe(2)
  })

  it('token expiry mid-work is transparent: one 401, one refresh, one replay', async () => {
    const h = connect(sim)
    await h.client.me()
    sim.faults.expireAllTokens()
    const tree = await h.client.bunits.tree()
    expect(tree.id).toBeGreaterThan(0)
    expect(h.passwordCalls()).toBe(1)
    expect(h.oauthCalls()).toBe(2)
    expect(h.attempts('GET', /^bunits$/).map((r) => r.status)).toEqual([401, 200])
  })

  it('concurrent calls after expiry share ONE refresh', async () => {
    const h = connect(sim)
    await h.client.me()
    sim.faults.expireAllTokens()
    const before = h.oauthCalls()
    const results = await Promise.all(Array.from({ length: 20 }, () => h.client.fullVersion()))
    expect(new Set(results).size).toBe(1)
    expect(h.oauthCalls() - before).toBe(1)
  })

  it('concurrent first calls share ONE sign-in', async () => {
    const h = connect(sim)
    await Promise.all([h.client.me(), h.client.bunits.tree(), h.client.fullVersion(), h.client.timeZones.list()])
    expect(h.oauthCalls()).toBe(1)
    expect(h.passwordCalls()).toBe(1)
  })

  it('refreshes ahead of expiry (skew) without ever sending a stale token', async () => {
    let clock = Date.now()
    const h = connect(sim, { now: () => clock, refreshSkewSeconds: 30 })
    await h.client.me() // token lifetime 299 s by default
    clock += 268_000 // 31 s before expiry: still fresh
    await h.client.me()
    expect(h.oauthCalls()).toBe(1)
    clock += 2_000 // inside the 30 s skew
    await h.client.me()
    expect(h.oauthCalls()).toBe(2)
    expect(h.requests.filter((r) => r.status === 401)).toEqual([])
    expect(h.passwordCalls()).toBe(1)
  })

  it('a 401 that survives re-authentication is reported, not looped', async () => {
    const h = connect(sim)
    await h.client.me()
    sim.faults.failNext(2, 401, 'GET /v1/me')
    const e = await rejectionOf(h.client.me())
    expect(e.kind).toBe('authentication')
    expect(h.attempts('GET', /^me$/).map((r) => r.status)).toEqual([200, 401, 401])
  })
})

describe('secrets', () => {
  it('never appear in metrics, error messages or details', async () => {
    const seen: string[] = []
    const h = connect(sim, {
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers)
        const auth = headers.get('authorization')
        if (auth) seen.push(auth.replace(/^Bearer /, ''))
        const res = await fetch(input, init)
        return res
      }
    })
    await h.client.me()
    sim.faults.failNext(1, 400, 'GET /v1/me')
    const e = await rejectionOf(h.client.me())
    const everything = JSON.stringify({ requests: h.requests, e, shape: (e as unknown as { toShape(): unknown }).toShape() })
    expect(seen.length).toBeGreaterThan(0)
    for (const token of [...seen, ...h.refreshTokens]) expect(everything).not.toContain(token)
  })

  it('rejects empty connection fields up front', () => {
    expect(() => new CloutilityClient({ apiUrl: sim.apiUrl, clientId: ' ', origin: 'x', username: 'u', getPassword: async () => 'p' })).toThrow(
      expect.objectContaining({ kind: 'invalid-input' })
    )
  })
})
