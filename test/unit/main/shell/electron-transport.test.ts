/**
 * The desktop transport with Electron mocked (its `session` and `app`): which session and proxy
 * mode each profile gets, the certificate verifier with an extra CA, proxy credentials, and a
 * real sign-in to the simulator through it (the mock session's fetch is Node's, on loopback).
 */
import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloutilityClient } from '../../../../src/main/cloutility'
import { NetworkFailure } from '../../../../src/main/cloutility/network-failure'
import {
  createElectronTransportFactory,
  partitionFor,
  type CertificateRequest,
  type ElectronNetDeps,
  type ElectronSessionLike
} from '../../../../src/main/shell/electron-transport'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { mintCaAndServer, mintSelfSigned, type TestPki } from '../../../helpers/test-pki'

interface FakeSession extends ElectronSessionLike {
  partition: string
  proxy?: Parameters<ElectronSessionLike['setProxy']>[0]
  verify?: (request: CertificateRequest, callback: (result: number) => void) => void
  calls: { url: string; init?: RequestInit }[]
  nextError?: Error
}

function fakeElectron() {
  const sessions = new Map<string, FakeSession>()
  const loginListeners: ((...args: unknown[]) => void)[] = []
  const deps: ElectronNetDeps = {
    session: {
      fromPartition(partition: string) {
        let s = sessions.get(partition)
        if (!s) {
          const created: FakeSession = {
            partition,
            calls: [],
            async setProxy(config) {
              created.proxy = config
            },
            setCertificateVerifyProc(proc) {
              created.verify = proc ?? undefined
            },
            async fetch(url, init) {
              created.calls.push({ url, init })
              if (created.nextError) throw created.nextError
              return fetch(url, init)
            }
          }
          s = created
          sessions.set(partition, s)
        }
        return s
      }
    },
    app: { on: (_event: string, listener: (...args: unknown[]) => void) => loginListeners.push(listener) } as unknown as ElectronNetDeps['app']
  }
  return { deps, sessions, loginListeners }
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
  it('signs in and calls the portal through session.fetch, redirects handled by the client', async () => {
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
    expect(session!.calls.map((c) => new URL(c.url).pathname)).toEqual(['/v1/oauth', '/v1/me'])
    expect(session!.calls.every((c) => c.init?.redirect === 'manual')).toBe(true)
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

  it('answers only a proxy auth challenge, with the account proxy credentials', async () => {
    const { deps, loginListeners } = fakeElectron()
    const factory = createElectronTransportFactory(deps)
    const transport = factory({ proxy: { mode: 'manual', url: 'http://proxy.corp:3128', username: 'tech' }, proxyPassword: 's3cret' })
    await transport.fetch(`${sim.url}/v1/fullVersion`)
    const answer = (authInfo: object) => {
      let prevented = false
      let given: unknown[] | null = null
      for (const l of loginListeners) l({ preventDefault: () => (prevented = true) }, null, {}, authInfo, (...args: unknown[]) => (given = args))
      return { prevented, given }
    }
    expect(answer({ isProxy: true, host: 'proxy.corp', port: 3128 })).toEqual({ prevented: true, given: ['tech', 's3cret'] })
    expect(answer({ isProxy: false, host: 'proxy.corp', port: 3128 })).toEqual({ prevented: false, given: null })
    expect(answer({ isProxy: true, host: 'other.corp', port: 3128 })).toEqual({ prevented: false, given: null })
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
    s.nextError = new TypeError('fetch failed', { cause: new Error('net::ERR_CERT_AUTHORITY_INVALID') })
    const error = await transport.fetch('https://portal.test/v1/me').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkFailure)
    const failure = error as NetworkFailure
    expect(failure.stage).toBe('tls')
    expect(failure.code).toBe('ERR_CERT_AUTHORITY_INVALID')
    expect(failure.certificate?.subject).toContain('CN=portal.test')
    expect(failure.certificate?.fingerprint256).toBe(new X509Certificate(pki.cert).fingerprint256)
  })
})
