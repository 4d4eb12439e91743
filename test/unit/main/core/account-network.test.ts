/**
 * Per-account network settings through the real dispatcher and core (issue 10): a TLS portal
 * reached as "portal.test" only through a test proxy, the CA and proxy kept per account, the
 * failing stage of "Test connection", the https-only rule, and older account files.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import type { MethodName, InputOf, OutputOf } from '../../../../src/shared/ipc/contract'
import { DeskError } from '../../../../src/shared/errors'
import { startForwardProxy, type ForwardProxy } from '../../../helpers/forward-proxy'
import { mintCaAndServer, type TestPki } from '../../../helpers/test-pki'

import { callCore } from '../../../helpers/core-calls'

process.env.DESK_QUIET = '1'

let pki: TestPki
let sim: RunningSimulator
let proxy: ForwardProxy
let dataDir: string
let core: AppCore
/** Session mode only: these tests are about the network, not the keychain. */
const noKeychain = { probe: async () => ({ available: false as const, reason: 'not used in this test', code: 'unavailable' as never }) }

beforeAll(async () => {
  pki = mintCaAndServer(['portal.test'])
  sim = await startSimulator({ port: 0, seed: 5, bunits: 4, consumers: 6, tls: { key: pki.key, cert: pki.cert }, publicHost: 'portal.test' })
  proxy = await startForwardProxy({ auth: { username: 'tech', password: 'pr0xy' } })
}, 30_000)
afterAll(async () => {
  await Promise.all([sim.close(), proxy.close()])
})
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'desk-net-'))
  core = await createAppCore({ dataDir, host: 'browser', version: 'test', vault: noKeychain })
})
afterEach(async () => {
  await core.close()
})

async function call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  return callCore(core, method, input)
}
async function refusal<K extends MethodName>(method: K, input: InputOf<K>): Promise<DeskError> {
  try {
    await call(method, input)
  } catch (e) {
    return e as DeskError
  }
  throw new Error(`${method} should have failed`)
}

const connection = {
  apiUrl: () => sim.apiUrl,
  base: () => ({ apiUrl: sim.apiUrl, clientId: sim.defaults.clientId, origin: sim.defaults.origin, username: sim.defaults.username, password: sim.defaults.password })
}
const viaProxy = (extra: Record<string, unknown> = {}) => ({
  proxy: { mode: 'manual' as const, url: proxy.url, username: 'tech', password: 'pr0xy' },
  allowInsecureHttp: false,
  ...extra
})

describe('network settings per account', () => {
  it('adds an account that reaches its portal only through its proxy and CA; the password stays out of the file', async () => {
    const before = proxy.connects.filter((c) => !c.refused).length
    const view = await call('addAccount', { ...connection.base(), displayName: 'Behind proxy', secretMode: 'session', network: viaProxy({ caCertPem: pki.caPem }) })
    expect(view.network).toMatchObject({ proxy: { mode: 'manual', url: proxy.url, username: 'tech', hasPassword: true }, ca: { subject: expect.stringContaining('Desk Test Inspection CA') }, allowInsecureHttp: false })
    expect(proxy.connects.filter((c) => !c.refused).length).toBeGreaterThan(before)
    const file = readFileSync(join(dataDir, 'accounts.json'), 'utf8')
    expect(file).toContain('"mode": "manual"')
    expect(file).toContain('BEGIN CERTIFICATE')
    expect(file).not.toContain('pr0xy')
  })

  it('"Test connection" says which stage failed: TLS with the certificate, the proxy, sign-in', async () => {
    const tls = await refusal('testConnection', { ...connection.base(), network: viaProxy() })
    expect(tls.details).toMatchObject({ stage: 'tls', certificate: { subject: expect.stringContaining('CN=portal.test'), issuer: expect.stringContaining('Desk Test Inspection CA') } })
    const proxyStage = await refusal('testConnection', { ...connection.base(), network: viaProxy({ proxy: { mode: 'manual', url: proxy.url, username: 'tech', password: 'nope' }, caCertPem: pki.caPem }) })
    expect(proxyStage.details).toMatchObject({ stage: 'proxy' })
    const signIn = await refusal('testConnection', { ...connection.base(), password: 'wrong', network: viaProxy({ caCertPem: pki.caPem }) })
    expect(signIn.details).toMatchObject({ stage: 'sign-in' })
    const wrongPath = await refusal('testConnection', { ...connection.base(), apiUrl: sim.apiUrl.replace('/v1/', '/portal/v1/'), network: viaProxy({ caCertPem: pki.caPem }) })
    expect(wrongPath.details).toMatchObject({ stage: 'http' })
    expect(await call('testConnection', { ...connection.base(), network: viaProxy({ caCertPem: pki.caPem }) })).toMatchObject({ username: sim.defaults.username })
  })

  it('refuses plain http to a non-loopback host unless opted in, before any request', async () => {
    const requests = sim.stats.requests
    const refused = await refusal('testConnection', { ...connection.base(), apiUrl: 'http://portal.test:1/v1/' })
    expect(refused.kind).toBe('invalid-input')
    expect(refused.details?.fields).toMatchObject({ apiUrl: expect.stringMatching(/unencrypted/) })
    expect(sim.stats.requests).toBe(requests)
    const added = await refusal('addAccount', { ...connection.base(), apiUrl: 'http://portal.test:1/v1/', displayName: 'x', secretMode: 'session' })
    expect(added.details?.fields).toHaveProperty('apiUrl')
  })

  it('tests a saved account with unsaved changes and the stored passwords', async () => {
    const view = await call('addAccount', { ...connection.base(), displayName: 'Saved', secretMode: 'session', network: viaProxy({ caCertPem: pki.caPem }) })
    expect(await call('testAccountConnection', { accountId: view.id })).toMatchObject({ username: sim.defaults.username })
    const withoutCa = await refusal('testAccountConnection', { accountId: view.id, network: { proxy: { mode: 'manual', url: proxy.url, username: 'tech' }, caCertPem: null, allowInsecureHttp: false } })
    expect(withoutCa.details).toMatchObject({ stage: 'tls' })
    // Nothing was saved by the test.
    expect((await call('listAccounts', undefined)).accounts.find((a) => a.id === view.id)?.network?.ca).toBeDefined()
  })

  it('inspects a PEM and refuses what is not a certificate', async () => {
    expect(await call('inspectCertificate', { pem: pki.caPem })).toMatchObject({ isCA: true, fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) })
    const bad = await refusal('inspectCertificate', { pem: 'hello' })
    expect(bad.kind).toBe('invalid-input')
  })

  it('edits the network block: removing the CA signs in again, and the untrusted certificate is an error to act on', async () => {
    const view = await call('addAccount', { ...connection.base(), displayName: 'Edit me', secretMode: 'session', network: viaProxy({ caCertPem: pki.caPem }) })
    const updated = await call('updateAccount', { accountId: view.id, patch: { network: { proxy: { mode: 'manual', url: proxy.url, username: 'tech' }, caCertPem: null, allowInsecureHttp: false } } })
    expect(updated.network).toMatchObject({ proxy: { mode: 'manual', url: proxy.url } })
    expect(updated.network?.ca).toBeUndefined()
    expect(updated.status).toBe('error')
    expect(updated.statusMessage).toMatch(/certificate.*portal\.test/i)
  })

  it('reads an account file written before network settings existed as the defaults', async () => {
    await core.close()
    const dir = mkdtempSync(join(tmpdir(), 'desk-net-old-'))
    writeFileSync(
      join(dir, 'accounts.json'),
      JSON.stringify({
        version: 1,
        accounts: [{ id: 'old1', displayName: 'Old', apiUrl: 'https://old.example.com/api', clientId: 'c', origin: 'https://old.example.com', username: 'u', color: '#123456', label: '', secretMode: 'session', createdAt: '2025-01-01T00:00:00.000Z' }],
        order: ['old1'],
        activeAccountId: null
      })
    )
    core = await createAppCore({ dataDir: dir, host: 'browser', version: 'test', vault: noKeychain })
    const state = await call('listAccounts', undefined)
    expect(state.accounts[0]?.network).toEqual({ proxy: { mode: 'system', hasPassword: false }, allowInsecureHttp: false })
  })
})
