/**
 * The desktop transport with Electron mocked (its `session` and `app`): which session and proxy
 * mode each profile gets, the certificate verifier with an extra CA, proxy credentials, and a
 * real sign-in to the simulator through it (the mock session's fetch is Node's, on loopback).
 */
import { X509Certificate } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloutilityClient } from '../../../../src/main/cloutility'
import { NetworkFailure } from '../../../../src/main/cloutility/network-failure'
import {
  createElectronTransportFactory,
  partitionFor,
  type CertificateRequest,
  type ElectronNetDeps,
  type ElectronSessionLike,
  type NetRequestLike,
  type NetRequestOptions
} from '../../../../src/main/shell/electron-transport'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { mintCaAndServer, mintSelfSigned, type TestPki } from '../../../helpers/test-pki'
import { rejectionOf } from '../cloutility/harness'

interface FakeSession extends ElectronSessionLike {
  partition: string
  proxy?: Parameters<ElectronSessionLike['setProxy']>[0]
  verify?: (request: CertificateRequest, callback: (result: number) => void) => void
  calls: { options: NetRequestOptions; headers: Record<string, string> }[]
  /** Fail the next requests with this (as Chromium's net errors do). */
  nextError?: Error
  /** Raise an auth challenge before answering; the answer is recorded. */
  challenge?: { isProxy: boolean; host: string; port: number }
  loginAnswers: (string | undefined)[][]
  /** Answer this path with a redirect instead of fetching. */
  redirects: Map<string, { status: number; location: string }>
}

/** Electron's ClientRequest played by Node's fetch against the loopback simulator. */
function fakeRequest(options: NetRequestOptions): NetRequestLike {
  const emitter = new EventEmitter()
  const headers: Record<string, string> = {}
  let body = ''
  const session = options.session as FakeSession
  const run = async (): Promise<void> => {
    session.calls.push({ options, headers })
    if (session.nextError) return void emitter.emit('error', session.nextError)
    if (session.challenge) emitter.emit('login', session.challenge, (...answer: (string | undefined)[]) => session.loginAnswers.push(answer))
    const redirect = session.redirects.get(new URL(options.url).pathname)
    if (redirect) return void emitter.emit('redirect', redirect.status, options.method, redirect.location, {})
    const res = await fetch(options.url, { method: options.method, headers, ...(body ? { body } : {}) })
    const bytes = Buffer.from(await res.arrayBuffer())
    const response = Object.assign(new EventEmitter(), { statusCode: res.status, statusMessage: res.statusText, headers: Object.fromEntries(res.headers) })
    emitter.emit('response', response)
    response.emit('data', bytes)
    response.emit('end')
  }
  const request = Object.assign(emitter, {
    setHeader: (name: string, value: string) => void (headers[name] = value),
    write: (chunk: string | Buffer) => void (body += chunk.toString()),
    end: () => void run(),
    abort: () => undefined
  })
  return request as unknown as NetRequestLike
}

function fakeElectron() {
  const sessions = new Map<string, FakeSession>()
  const deps: ElectronNetDeps = {
    session: {
      fromPartition(partition: string) {
        let s = sessions.get(partition)
        if (!s) {
          const created: FakeSession = {
            partition,
            calls: [],
            loginAnswers: [],
            redirects: new Map(),
            async setProxy(config) {
              created.proxy = config
            },
            setCertificateVerifyProc(proc) {
              created.verify = proc ?? undefined
            }
          }
          s = created
          sessions.set(partition, s)
        }
        return s
      }
    },
    net: { request: fakeRequest }
  }
  return { deps, sessions }
}

let pki: TestPki
let sim: RunningSimulator
beforeAll(async () => {
  pki = mintCaAndServer(['portal.test'])
  sim = await startSimulator({ port: 0, bunits: 3, consumers: 4 })
}, 30_000)
afterAll(async () => {
  await sim.close()
})

const verdict = (s: FakeSession, request: CertificateRequest) =>
  new Promise<number>((resolve) => {
    s.verify!(request, resolve)
  })

describe('electron transport', () => {
  it('signs in and calls the portal through net.request on the profile session, never following redirects itself', async () => {
    const { deps, sessions } = fakeElectron()
    const factory = createElectronTransportFactory(deps)
    const transport = factory({ proxy: { mode: 'system' } })
    const client = new CloutilityClient({
      apiUrl: sim.apiUrl,
      clientId: sim.defaults.clientId,
      origin: sim.defaults.origin,
      username: sim.defaults.username,
      getPassword: async () => sim.defaults.password,
      fetch: transport.fetch
    })
    expect((await client.me()).email).toBe(sim.defaults.username)
    const [session] = [...sessions.values()]
    expect(session!.proxy).toEqual({ mode: 'system' })
    expect(session!.calls.map((c) => new URL(c.options.url).pathname)).toEqual(['/v1/oauth', '/v1/me'])
    expect(session!.calls.every((c) => c.options.redirect === 'manual' && c.options.session === session && c.options.credentials === 'omit')).toBe(true)
    expect(session!.calls[1]!.options.origin).toBe(sim.defaults.origin)
    expect(session!.calls[1]!.headers.authorization).toMatch(/^Bearer /)

    // A redirect to another origin comes back as a response; the client refuses it, nothing follows.
    session!.redirects.set('/v1/fullVersion', { status: 302, location: 'http://127.0.0.1:9/v1/fullVersion' })
    const refused = await rejectionOf(client.fullVersion())
    expect(refused.details).toMatchObject({ code: 'REDIRECT_REFUSED', redirectOrigin: 'http://127.0.0.1:9' })
    expect(session!.calls.some((c) => c.options.url.startsWith('http://127.0.0.1:9'))).toBe(false)
  })

  it('maps proxy modes to Chromium proxy configs, one session per distinct profile', async () => {
    const { deps, sessions } = fakeElectron()
    const factory = createElectronTransportFactory(deps)
    const use = async (profile: Parameters<typeof factory>[0]) => {
      sessions.forEach((s) => (s.nextError = new Error('net::ERR_CONNECTION_REFUSED')))
      await factory(profile).fetch(`${sim.url}/v1/fullVersion`).catch(() => undefined)
      return sessions.get(partitionFor(profile))!
    }
    expect((await use({ proxy: { mode: 'none' } })).proxy).toEqual({ mode: 'direct' })
    expect((await use({ proxy: { mode: 'manual', url: 'http://proxy.corp:3128' } })).proxy).toEqual({ mode: 'fixed_servers', proxyRules: 'http://proxy.corp:3128' })
    expect((await use({ proxy: { mode: 'system' }, caCertPem: pki.caPem })).partition).not.toBe(partitionFor({ proxy: { mode: 'system' } }))
    expect(partitionFor({ proxy: { mode: 'none' } })).toBe(partitionFor({ proxy: { mode: 'none' } }))
  })

  it('answers only the manual proxy auth challenge, with the account proxy credentials', async () => {
    const { deps, sessions } = fakeElectron()
    const factory = createElectronTransportFactory(deps)
    const profile = { proxy: { mode: 'manual' as const, url: 'http://proxy.corp:3128', username: 'tech' }, proxyPassword: 's3cret' }
    const transport = factory(profile)
    await transport.fetch(`${sim.url}/v1/fullVersion`)
    const s = sessions.get(partitionFor(profile))!
    for (const challenge of [
      { isProxy: true, host: 'proxy.corp', port: 3128 },
      { isProxy: false, host: 'proxy.corp', port: 3128 },
      { isProxy: true, host: 'other.corp', port: 3128 }
    ]) {
      s.challenge = challenge
      await transport.fetch(`${sim.url}/v1/fullVersion`)
    }
    expect(s.loginAnswers).toEqual([['tech', 's3cret'], [], []])
  })

  it('trusts a chain Chromium refused only when the account CA issued it and the host matches', async () => {
    const { deps, sessions } = fakeElectron()
    const factory = createElectronTransportFactory(deps)
    const profile = { proxy: { mode: 'system' as const }, caCertPem: pki.caPem }
    await factory(profile).fetch(`${sim.url}/v1/fullVersion`)
    const s = sessions.get(partitionFor(profile))!
    const leaf = { data: pki.cert, issuerCert: { data: pki.caPem } }
    expect(await verdict(s, { hostname: 'portal.test', certificate: leaf, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', errorCode: -202 })).toBe(0)
    expect(await verdict(s, { hostname: 'portal.test', certificate: { data: pki.cert }, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', errorCode: -202 })).toBe(0)
    expect(await verdict(s, { hostname: 'evil.test', certificate: leaf, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', errorCode: -202 })).toBe(-3)
    const selfSigned = mintSelfSigned(['portal.test'])
    expect(await verdict(s, { hostname: 'portal.test', certificate: { data: selfSigned.cert }, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', errorCode: -202 })).toBe(-3)
    // Chromium's own acceptance stands.
    expect(await verdict(s, { hostname: 'portal.test', certificate: leaf, verificationResult: 'OK', errorCode: 0 })).toBe(-3)
  })

  it('a TLS failure names the certificate Chromium refused', async () => {
    const { deps, sessions } = fakeElectron()
    const factory = createElectronTransportFactory(deps)
    const profile = { proxy: { mode: 'none' as const } }
    const transport = factory(profile)
    await transport.fetch(`${sim.url}/v1/fullVersion`)
    const s = sessions.get(partitionFor(profile))!
    expect(await verdict(s, { hostname: 'portal.test', certificate: { data: pki.cert }, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', errorCode: -202 })).toBe(-3)
    s.nextError = new Error('net::ERR_CERT_AUTHORITY_INVALID')
    const error = await transport.fetch('https://portal.test/v1/me').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkFailure)
    const failure = error as NetworkFailure
    expect(failure.stage).toBe('tls')
    expect(failure.code).toBe('ERR_CERT_AUTHORITY_INVALID')
    expect(failure.certificate?.subject).toContain('CN=portal.test')
    expect(failure.certificate?.fingerprint256).toBe(new X509Certificate(pki.cert).fingerprint256)
  })
})
