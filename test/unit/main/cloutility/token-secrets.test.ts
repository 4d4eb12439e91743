/**
 * Token answers the simulator never gives: a portal that echoes the secrets it was sent, answers
 * the token request with 300 or a body without a token. A small HTTP server on 127.0.0.1 whose
 * answers each test scripts; it can hold the token answer until the test lets it go.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AdaptiveLimiter, CloutilityClient, type ClientOptions } from '../../../../src/main/cloutility'
import type { DeskError } from '../../../../src/shared/errors'
import { rejectionOf, until } from './harness'

type Answer = { status: number; body: unknown }
/** Answers /v1/oauth: gets the form fields sent. */
let oauth: (form: URLSearchParams) => Answer
let me: Answer
let hold: Promise<void> | null
let held = 0
let server: Server
let apiUrl: string

const PASSWORD = 'correct horse battery staple'
const TOKEN = { access_token: 'at-0123456789', token_type: 'bearer', expires_in: 300, refresh_token: 'rt-0123456789' }

function answer(res: ServerResponse, a: Answer): void {
  res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(a.body))
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      if (req.url === '/v1/oauth') {
        const a = oauth(new URLSearchParams(body))
        if (hold === null) return answer(res, a)
        held++
        void hold.then(() => answer(res, a))
        return
      }
      if (req.url === '/v1/me') return answer(res, me)
      answer(res, { status: 404, body: {} })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  oauth = () => ({ status: 200, body: TOKEN })
  me = { status: 200, body: { id: 1, email: 'tech@example.com' } }
  hold = null
  held = 0
})

/** The error as it crosses IPC (message included, unlike JSON.stringify of the Error). */
const shape = (e: unknown) => (e as DeskError).toShape()

function client(extra: Partial<ClientOptions> = {}): CloutilityClient {
  return new CloutilityClient({
    apiUrl,
    clientId: 'desk',
    origin: 'http://localhost',
    username: 'tech@example.com',
    getPassword: async () => PASSWORD,
    retryBaseMs: 0,
    maxRetries: 0,
    limiter: new AdaptiveLimiter(8),
    ...extra
  })
}

describe('secrets the portal echoes back', () => {
  it('the password in a refused sign-in is redacted', async () => {
    oauth = (form) => ({ status: 400, body: { error: 'invalid_grant', error_description: `Password ${form.get('password')} is wrong.` } })
    const e = await rejectionOf(client().signIn())
    expect(e.message).toBe('Sign-in refused by the portal: Password [redacted] is wrong. Check the username, password, client ID and origin.')
    expect(JSON.stringify(shape(e))).not.toContain(PASSWORD)
  })

  it('the refresh token in an API error is redacted', async () => {
    me = { status: 400, body: { message: `Refresh token ${TOKEN.refresh_token} may not be used here.` } }
    const e = await rejectionOf(client().me())
    expect(e).toMatchObject({ kind: 'validation', message: 'Refresh token [redacted] may not be used here.' })
    expect(JSON.stringify(shape(e))).not.toContain(TOKEN.refresh_token)
  })

  it('a refresh token echoed after a signOut is still redacted', async () => {
    const stored = 'rt-from-the-keychain'
    oauth = (form) => ({ status: 403, body: { message: `Refresh token ${form.get('refresh_token')} is blocked.` } })
    let release: () => void = () => undefined
    hold = new Promise<void>((resolve) => (release = resolve))
    const c = client({ refreshToken: stored })
    const call = rejectionOf(c.me())
    await until(() => held === 1, 'the refresh grant')
    c.signOut() // the manager forgets the refresh token while its grant is on the wire
    release()
    const e = await call
    expect(e).toMatchObject({ kind: 'forbidden', message: 'Your portal account is not allowed to do this: Refresh token [redacted] is blocked.' })
    expect(JSON.stringify(shape(e))).not.toContain(stored)
  })
})

describe('token answers that are not tokens', () => {
  it('a 300 is a refusal, not a token', async () => {
    oauth = () => ({ status: 300, body: { message: 'Pick an endpoint.' } })
    const e = await rejectionOf(client().signIn())
    expect(e).toMatchObject({ kind: 'validation', message: 'Pick an endpoint.' })
    expect(e.details).toMatchObject({ status: 300, method: 'POST', path: 'oauth' })
  })

  it('a 200 without an access token is an unexpected answer to the token request', async () => {
    oauth = () => ({ status: 200, body: { token_type: 'bearer', refresh_token: 'rt-0123456789' } })
    const e = await rejectionOf(client().signIn())
    expect(e.kind).toBe('server')
    expect(e.details).toMatchObject({ method: 'POST', path: 'oauth', code: 'UNEXPECTED_RESPONSE' })
    expect(JSON.stringify(shape(e))).not.toContain('rt-0123456789')
  })
})
