/**
 * The Node transport against real parts: a TLS simulator whose certificate comes from a test CA
 * (minted with openssl), reached as "portal.test" only through a real CONNECT proxy on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { CloutilityClient } from '../../../../src/main/cloutility'
import { createNodeTransport } from '../../../../src/main/network/node-transport'
import type { NetworkProfile, PortalTransport } from '../../../../src/main/network/types'
import { startForwardProxy, type ForwardProxy } from '../../../helpers/forward-proxy'
import { mintCaAndServer, mintSelfSigned, type TestPki } from '../../../helpers/test-pki'
import { rejectionOf } from '../cloutility/harness'

const HOST = 'portal.test'
let pki: TestPki
let sim: RunningSimulator
let proxy: ForwardProxy
let authProxy: ForwardProxy
const transports: PortalTransport[] = []

beforeAll(async () => {
  pki = mintCaAndServer([HOST])
  sim = await startSimulator({ port: 0, seed: 3, bunits: 4, consumers: 8, tls: { key: pki.key, cert: pki.cert }, publicHost: HOST })
  proxy = await startForwardProxy()
  authProxy = await startForwardProxy({ auth: { username: 'tech', password: 'pr0xy-secret' } })
}, 30_000)

afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()))
  await Promise.all([sim?.close(), proxy?.close(), authProxy?.close()])
})

function clientVia(profile: NetworkProfile, env: NodeJS.ProcessEnv = {}, target: RunningSimulator = sim): CloutilityClient {
  const transport = createNodeTransport(profile, env)
  transports.push(transport)
  return new CloutilityClient({
    apiUrl: target.apiUrl,
    clientId: target.defaults.clientId,
    origin: target.defaults.origin,
    username: target.defaults.username,
    getPassword: async () => target.defaults.password,
    fetch: transport.fetch,
    retryBaseMs: 1,
    maxRetries: 1
  })
}

describe('through a proxy, trusting the test CA', () => {
  it('per-account settings: manual proxy + the CA — sign-in, reads and a write succeed, and the proxy saw them', async () => {
    const before = proxy.connects.length
    const client = clientVia({ proxy: { mode: 'manual', url: proxy.url }, caCertPem: pki.caPem })
    await client.signIn()
    const tree = await client.bunits.tree()
    const created = await client.bunits.create(tree.id, { name: 'Through the proxy' })
    expect(created.name).toBe('Through the proxy')
    expect(proxy.connects.slice(before).map((c) => c.authority)).toContain(`${HOST}:${sim.port}`)
  })

  it('environment: HTTPS_PROXY and NODE_EXTRA_CA_CERTS with the system setting', async () => {
    const before = proxy.connects.length
    const client = clientVia({ proxy: { mode: 'system' } }, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: pki.caPath })
    expect((await client.me()).email).toBe(sim.defaults.username)
    expect(proxy.connects.length).toBeGreaterThan(before)
  })

  it('an authenticating proxy gets the account credentials; wrong ones fail at the proxy stage', async () => {
    const ok = clientVia({ proxy: { mode: 'manual', url: authProxy.url, username: 'tech' }, proxyPassword: 'pr0xy-secret', caCertPem: pki.caPem })
    expect((await ok.me()).email).toBe(sim.defaults.username)
    const bad = clientVia({ proxy: { mode: 'manual', url: authProxy.url, username: 'tech' }, proxyPassword: 'wrong', caCertPem: pki.caPem })
    const error = await rejectionOf(bad.me())
    expect(error.kind).toBe('network')
    expect(error.details).toMatchObject({ stage: 'proxy' })
    expect(JSON.stringify(error)).not.toContain('wrong')
  })

  it('a proxy that is not there is reported as the proxy, not the portal', async () => {
    const closed = await startForwardProxy()
    await closed.close()
    const error = await rejectionOf(clientVia({ proxy: { mode: 'manual', url: closed.url }, caCertPem: pki.caPem }).me())
    expect(error.details).toMatchObject({ stage: 'proxy' })
    expect(error.message).toMatch(/proxy/i)
  })
})

describe('without trust', () => {
  it('names the refused certificate (subject and issuer), and the portal received no request', async () => {
    sim.stats.reset()
    const requestsBefore = sim.stats.requests
    const error = await rejectionOf(clientVia({ proxy: { mode: 'manual', url: proxy.url } }).signIn())
    expect(error.kind).toBe('network')
    expect(error.details).toMatchObject({
      stage: 'tls',
      certificate: { subject: expect.stringContaining(`CN=${HOST}`), issuer: expect.stringContaining('CN=Desk Test Inspection CA') }
    })
    expect(error.message).toMatch(/certificate/i)
    expect(error.message).toContain('Desk Test Inspection CA')
    expect(sim.stats.requests).toBe(requestsBefore)
  })

  it('refuses a self-signed portal outright: no request reaches it', async () => {
    const selfSigned = mintSelfSigned([HOST])
    const rogue = await startSimulator({ port: 0, bunits: 2, consumers: 0, tls: selfSigned, publicHost: HOST })
    try {
      const error = await rejectionOf(clientVia({ proxy: { mode: 'manual', url: proxy.url }, caCertPem: pki.caPem }, {}, rogue).signIn())
      expect(error.details).toMatchObject({ stage: 'tls', certificate: { issuer: expect.stringContaining('Self Signed Portal') } })
      expect(rogue.stats.requests).toBe(0)
    } finally {
      await rogue.close()
    }
  })
})
