/**
 * Issue 10 end to end: a TLS portal ("portal.test", a certificate from a test CA minted here) that
 * is reachable only through a real CONNECT proxy on 127.0.0.1 (the proxy maps every name to
 * 127.0.0.1, so nothing leaves the machine); proxy and CA set per account in the UI, or through
 * HTTPS_PROXY / NODE_EXTRA_CA_CERTS in the browser host's environment; plain http refused
 * without the named opt-in.
 */
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy'
import { SIM, startHostProcess, startSimulatorProcess, type HostProcess, type SimProcess } from '../helpers/processes'
import { mintCaAndServer, mintSelfSigned, type TestPki } from '../helpers/test-pki'
import { activeAccount, addAccount, switcher } from './desk-page'
import { createUnit, estatePage, openRoot, tree } from './estate-page'
import { writeFileSync } from 'node:fs'

let pki: TestPki
let proxy: ForwardProxy
let sim: SimProcess | undefined
let host: HostProcess | undefined

test.beforeAll(() => {
  pki = mintCaAndServer(['portal.test', 'portal.example'])
})
test.beforeEach(async () => {
  proxy = await startForwardProxy()
})
test.afterEach(async () => {
  await host?.stop()
  await sim?.stop()
  await proxy.close()
  host = undefined
  sim = undefined
})

function tlsSim(key: string, cert: string, publicHost = 'portal.test'): Promise<SimProcess> {
  return startSimulatorProcess(['--bunits', '4', '--consumers', '6', '--seed', '7', '--tls-key', key, '--tls-cert', cert, '--public-host', publicHost])
}

/** Every test here starts on a fresh host: with no account yet the wizard is the first screen. */
async function openWizard(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Add a Cloutility account' })).toBeVisible()
  await expect(switcher(page)).toHaveCount(0)
}

async function fillConnection(page: Page, apiUrl: string, displayName: string): Promise<void> {
  await page.getByLabel('Portal API URL').fill(apiUrl)
  await page.getByLabel('Client ID').fill(SIM.clientId)
  await page.getByLabel('Origin').fill(SIM.origin)
  await page.getByLabel('Username').fill(SIM.username)
  await page.getByLabel('Password', { exact: true }).fill(SIM.password)
  await page.getByLabel('Display name').fill(displayName)
  // Session mode where a keychain runs (the checkbox is disabled, and off, where none does).
  const keychain = page.getByLabel('Remember the password in the OS keychain')
  if (await keychain.isEnabled()) await keychain.uncheck()
}

const tunnelled = (p: ForwardProxy, port: number) => p.connects.filter((c) => c.authority === `portal.test:${port}` && !c.refused).length

test('per-account proxy and CA: without the CA the test names the certificate; with it sign-in, sync and a write go through the proxy', async ({ page }) => {
  sim = await tlsSim(join(pki.dir, 'server.key'), join(pki.dir, 'server.pem'))
  host = await startHostProcess()
  await page.goto(host.openUrl)
  await openWizard(page)
  await fillConnection(page, sim.apiUrl, 'Behind the firewall')
  await page.getByRole('radio', { name: 'Manual proxy' }).check()
  await page.getByLabel('Proxy URL').fill(proxy.url)

  // No CA yet: a certificate problem, and which certificate.
  await page.getByRole('button', { name: 'Test connection' }).click()
  const failure = page.getByRole('alert', { name: 'Connection test failed' })
  await expect(failure).toContainText('Failed at: TLS certificate')
  await expect(failure.getByLabel('Refused certificate')).toContainText('CN=portal.test')
  await expect(failure.getByLabel('Refused certificate')).toContainText('Desk Test Inspection CA')

  // The firewall's CA, chosen as a PEM file, is shown by fingerprint; now it connects.
  await page.getByLabel('Extra trusted CA certificate (PEM)').setInputFiles(pki.caPath)
  await expect(page.getByLabel('Trusted CA', { exact: true })).toContainText('Desk Test Inspection CA')
  await expect(page.getByLabel('Trusted CA', { exact: true })).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('status', { name: 'Connection test result' })).toContainText('Connected to portal version')
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(activeAccount(page)).toContainText('Behind the firewall')

  // Sync, then a write.
  await expect(page.getByLabel('Last synced')).not.toHaveText('Never synced', { timeout: 60_000 })
  await expect(tree(page).getByRole('treeitem').first()).toBeVisible()
  await openRoot(page)
  await createUnit(page, 'Via proxy')
  await expect(estatePage(page).getByRole('heading', { level: 2, name: 'Via proxy' })).toBeVisible()
  expect(tunnelled(proxy, sim.port)).toBeGreaterThan(0)
})

test('browser host environment: HTTPS_PROXY and NODE_EXTRA_CA_CERTS with the system proxy setting', async ({ page }) => {
  sim = await tlsSim(join(pki.dir, 'server.key'), join(pki.dir, 'server.pem'))
  host = await startHostProcess({ env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: pki.caPath } })
  await page.goto(host.openUrl)
  await addAccount(page, sim, { displayName: 'From the environment' })
  await expect(page.getByLabel('Last synced')).not.toHaveText('Never synced', { timeout: 60_000 })
  expect(tunnelled(proxy, sim.port)).toBeGreaterThan(0)
})

test('a self-signed portal without trust is refused at TLS', async ({ page }) => {
  const selfSigned = mintSelfSigned(['portal.test'])
  const dir = pki.dir
  writeFileSync(join(dir, 'self.key'), selfSigned.key)
  writeFileSync(join(dir, 'self.pem'), selfSigned.cert)
  sim = await tlsSim(join(dir, 'self.key'), join(dir, 'self.pem'))
  host = await startHostProcess({ env: { HTTPS_PROXY: proxy.url } })
  await page.goto(host.openUrl)
  await openWizard(page)
  await fillConnection(page, sim.apiUrl, 'Rogue')
  await page.getByRole('button', { name: 'Save account' }).click()
  // Saving signs in first: its refusal is the form's error (the staged box is "Test connection"'s).
  await expect(page.getByRole('alert').filter({ hasText: 'certificate' })).toHaveText(
    'The portal\'s TLS certificate was not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): subject "CN=portal.test, O=Self Signed Portal", issued by "CN=portal.test, O=Self Signed Portal". Add the issuing CA certificate to this account if your network inspects TLS.'
  )
  await expect(page.getByRole('alert', { name: 'Connection test failed' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('alert', { name: 'Connection test failed' })).toContainText('Self Signed Portal')
  await expect(switcher(page).getByRole('button', { name: 'Switch to Rogue' })).toHaveCount(0)
})

test('plain http to a non-loopback host is refused without the opt-in, accepted with it, and the account shows a warning', async ({ page }) => {
  sim = await startSimulatorProcess(['--bunits', '3', '--consumers', '2', '--public-host', 'portal.example'])
  host = await startHostProcess()
  await page.goto(host.openUrl)
  await openWizard(page)
  await fillConnection(page, sim.apiUrl, 'Clear text')
  expect(sim.apiUrl).toMatch(/^http:\/\/portal\.example:\d+\/v1\/$/)
  await page.getByRole('radio', { name: 'Manual proxy' }).check()
  await page.getByLabel('Proxy URL').fill(proxy.url)

  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(page.getByLabel('Portal API URL')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('#acc-url-error')).toContainText('unencrypted')
  expect(proxy.connects.length + proxy.requests.length).toBe(0)

  await page.getByLabel('Allow unencrypted http:// to this portal').check()
  await expect(page.getByRole('note').filter({ hasText: 'may travel unencrypted' })).toBeVisible()
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(activeAccount(page)).toContainText('Clear text')
  await expect(switcher(page).getByRole('button', { name: 'Switch to Clear text' })).toContainText('Unencrypted http')
  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()
  await expect(page.getByRole('note', { name: 'Clear text uses unencrypted http' })).toBeVisible()
})

test('edit an account: remove its CA, "Test connection" names the certificate before anything is saved', async ({ page }) => {
  sim = await tlsSim(join(pki.dir, 'server.key'), join(pki.dir, 'server.pem'))
  host = await startHostProcess()
  await page.goto(host.openUrl)
  await openWizard(page)
  await fillConnection(page, sim.apiUrl, 'Edited')
  await page.getByRole('radio', { name: 'Manual proxy' }).check()
  await page.getByLabel('Proxy URL').fill(proxy.url)
  await page.getByLabel('Extra trusted CA certificate (PEM)').setInputFiles(pki.caPath)
  await expect(page.getByLabel('Trusted CA', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(activeAccount(page)).toContainText('Edited')

  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()
  await page.getByRole('button', { name: 'Edit Edited' }).click()
  const form = page.getByRole('form', { name: 'Edit Edited' })
  await expect(form.getByRole('radio', { name: 'Manual proxy' })).toBeChecked()
  await expect(form.getByLabel('Trusted CA', { exact: true })).toContainText('Desk Test Inspection CA')
  await form.getByRole('button', { name: 'Test connection' }).click()
  await expect(form.getByRole('status', { name: 'Connection test result' })).toContainText('Connected to portal version')
  await form.getByRole('button', { name: 'Remove certificate' }).click()
  await form.getByRole('button', { name: 'Test connection' }).click()
  await expect(form.getByRole('alert', { name: 'Connection test failed' })).toContainText('Failed at: TLS certificate')
  await expect(form.getByLabel('Refused certificate')).toContainText('CN=portal.test')
})
