/**
 * TokenManager's renewal rules against the real simulator: when a token is renewed (to the
 * millisecond of an injected clock), when a refused refresh may fall back to the password and
 * when it must not, single-flight across signIn, and signOut racing a grant on the wire.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DeskError } from '../../../../src/shared/errors'
import { connect, rejectionOf, startSim, until, type Sim } from './harness'

let sim: Sim
let stored: string
beforeAll(async () => {
  sim = await startSim({ bunits: 2, consumers: 0 })
  const first = connect(sim)
  await first.client.signIn()
  stored = first.refreshTokens[0] as string
})
afterAll(async () => {
  await sim.close()
})
beforeEach(() => {
  sim.faults.reset()
})

function deferred<T>() {
  let resolve: (v: T) => void = () => undefined
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** What the call rejects with, as it crosses IPC. */
async function shapeOf(p: Promise<unknown>) {
  return ((await rejectionOf(p)) as unknown as DeskError).toShape()
}

const OAUTH_CANCELLED = { kind: 'cancelled', message: 'The request was cancelled.', details: { method: 'POST', path: 'oauth' } }
const NO_PASSWORD = { kind: 'authentication', message: 'A password is needed to sign in to the portal.', details: { code: 'NO_PASSWORD' } }

describe('when a token is renewed', () => {
  it('an empty refresh token from the keychain is no refresh token: straight to the password', async () => {
    const h = connect(sim, { refreshToken: '' })
    await h.client.me()
    expect(h.oauthCalls()).toBe(1)
    expect(h.passwordCalls()).toBe(1)
  })

  it('renews at exactly lifetime minus skew, not a millisecond later', async () => {
    const t0 = 1_700_000_000_000
    let clock = t0
    const h = connect(sim, { now: () => clock, refreshSkewSeconds: 30 })
    await h.client.me() // 299 s token: renew from t0 + 269 s
    clock = t0 + 268_999
    await h.client.me()
    expect(h.oauthCalls()).toBe(1)
    clock = t0 + 269_000
    await h.client.me()
    expect(h.oauthCalls()).toBe(2)
  })

  it('the skew is at most half the token lifetime', async () => {
    const t0 = 1_700_000_000_000
    let clock = t0
    const h = connect(sim, { now: () => clock, refreshSkewSeconds: 200 })
    await h.client.me() // 299 s token, skew capped at 149.5 s: renew from t0 + 149.5 s
    clock = t0 + 149_499
    await h.client.me()
    expect(h.oauthCalls()).toBe(1)
    clock = t0 + 149_500
    await h.client.me()
    expect(h.oauthCalls()).toBe(2)
  })
})

describe('a refresh grant that fails', () => {
  it('for a reason other than a refusal fails the call and does not ask for the password', async () => {
    const h = connect(sim, { refreshToken: stored, maxRetries: 0 })
    sim.faults.failNext(1, 500, 'POST /v1/oauth')
    const e = await rejectionOf(h.client.me())
    expect(e.kind).toBe('server')
    expect(e.message).toBe('The portal failed with HTTP 500: An error has occurred.')
    expect(e.details).toMatchObject({ status: 500, method: 'POST', path: 'oauth' })
    expect(h.passwordCalls()).toBe(0)
    // The refresh token was kept: the next call refreshes with it, still without a password.
    await h.client.me()
    expect(h.passwordCalls()).toBe(0)
    expect(h.oauthCalls()).toBe(2)
  })

  it('on the network fails the call too', async () => {
    const h = connect(sim, { refreshToken: stored, maxRetries: 0 })
    sim.faults.dropNext(1, 'POST /v1/oauth')
    expect((await rejectionOf(h.client.me())).kind).toBe('network')
    expect(h.passwordCalls()).toBe(0)
  })

  it('because it was refused falls back to the password once, then uses the new refresh token', async () => {
    const t0 = 1_700_000_000_000
    let clock = t0
    const h = connect(sim, { refreshToken: 'revoked-or-garbage', now: () => clock })
    await h.client.me()
    expect(h.passwordCalls()).toBe(1)
    expect(h.refreshTokens).toEqual([stored])
    clock += 300_000
    await h.client.me()
    expect(h.passwordCalls()).toBe(1)
    expect(h.oauthCalls()).toBe(3)
  })
})

describe('the password', () => {
  it('a source that fails or gives nothing is the same authentication error', async () => {
    const failing = connect(sim, { getPassword: () => Promise.reject(new Error('prompt dismissed')) })
    expect(await shapeOf(failing.client.signIn())).toStrictEqual(NO_PASSWORD)
    const empty = connect(sim, { getPassword: () => Promise.resolve('') })
    expect(await shapeOf(empty.client.me())).toStrictEqual(NO_PASSWORD)
    expect(empty.oauthCalls()).toBe(0)
  })

  it('a refused password grant names the token request', async () => {
    const h = connect(sim, { getPassword: () => Promise.resolve('wrong-password-123') })
    const e = await rejectionOf(h.client.signIn())
    expect(e.details).toMatchObject({ status: 400, method: 'POST', path: 'oauth', code: 'invalid_grant' })
  })
})

describe('cancelling and signing out while a grant runs', () => {
  it('a call cancelled while waiting for the sign-in fails as a cancelled token request', async () => {
    const password = deferred<string>()
    const h = connect(sim, { getPassword: () => password.promise })
    const controller = new AbortController()
    const call = h.client.me({ signal: controller.signal })
    const other = h.client.fullVersion()
    controller.abort()
    expect(await shapeOf(call)).toStrictEqual(OAUTH_CANCELLED)
    password.resolve(sim.defaults.password)
    await expect(other).resolves.toMatch(/\d/)
  })

  it('an explicit sign-in cancelled while it waits fails the same way', async () => {
    const password = deferred<string>()
    const h = connect(sim, { getPassword: () => password.promise })
    const controller = new AbortController()
    const signIn = h.client.signIn({ signal: controller.signal })
    controller.abort()
    expect(await shapeOf(signIn)).toStrictEqual(OAUTH_CANCELLED)
    password.resolve(sim.defaults.password)
  })

  it('signOut while the token answer is on its way: the answer is dropped, nothing is persisted', async () => {
    const gate = deferred<void>()
    let waiting = false
    const h = connect(sim, {
      fetch: async (input, init) => {
        if (String(input).endsWith('/oauth') && !waiting) {
          waiting = true
          await gate.promise
        }
        return fetch(input, init)
      }
    })
    const signIn = h.client.signIn()
    await until(() => waiting, 'the token request')
    h.client.signOut()
    gate.resolve()
    expect(await shapeOf(signIn)).toStrictEqual(OAUTH_CANCELLED)
    expect(h.refreshTokens).toEqual([])
    await h.client.me() // the dropped session is not used: a fresh sign-in
    expect(h.passwordCalls()).toBe(2)
    expect(h.oauthCalls()).toBe(2)
  })

  it('a sign-in queued behind a failing renewal stays the one renewal in flight', async () => {
    let passwords = 0
    const second = deferred<string>()
    const h = connect(sim, {
      maxRetries: 0,
      getPassword: () => (++passwords === 2 ? second.promise : Promise.resolve(sim.defaults.password))
    })
    sim.faults.failNext(1, 500, 'POST /v1/oauth')
    const first = h.client.me() // renewal 1: its grant gets the 500
    const signIn = h.client.signIn() // queued behind renewal 1
    expect((await rejectionOf(first)).kind).toBe('server')
    await until(() => passwords === 2, 'the queued sign-in to ask for the password')
    // Renewal 1 is over; the sign-in is still running and a new call must join it.
    const version = h.client.fullVersion()
    second.resolve(sim.defaults.password)
    await signIn
    await expect(version).resolves.toMatch(/\d/)
    expect(passwords).toBe(2)
    expect(h.oauthCalls()).toBe(2)
  })
})
