/**
 * Issue 10 in the desktop window: portal calls go through Electron's net.request (Chromium's stack). A TLS
 * simulator ("portal.test", certificate from a test CA) reachable only through a CONNECT proxy on
 * 127.0.0.1; the account's manual proxy and extra CA are set in the wizard. Skips, with the reason
 * printed, where the Electron binary does not exist.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findElectronBinary } from '../../scripts/electron-binary.mjs'
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy'
import { SIM, startSimulatorProcess, type SimProcess } from '../helpers/processes'
import { mintCaAndServer, type TestPki } from '../helpers/test-pki'

const binary = findElectronBinary()
if (!binary.path) console.log(`Electron network suite skipped: ${binary.missing}`)
test.skip(!binary.path, `Electron binary not available: ${binary.missing ?? ''}`)

let app: ElectronApplication | undefined
let sim: SimProcess | undefined
let proxy: ForwardProxy | undefined
let pki: TestPki

test.beforeEach(async () => {
  pki = mintCaAndServer(['portal.test'])
  proxy = await startForwardProxy()
  sim = await startSimulatorProcess(['--bunits', '4', '--consumers', '6', '--tls-key', join(pki.dir, 'server.key'), '--tls-cert', join(pki.dir, 'server.pem'), '--public-host', 'portal.test'])
  app = await electron.launch({
    executablePath: binary.path!,
    args: [resolve(import.meta.dirname, '../../out/main/index.js')],
    env: { ...process.env, DESK_TEST_HOOKS: '1', DESK_USER_DATA_DIR: mkdtempSync(join(tmpdir(), 'desk-electron-')) }
  })
})

test.afterEach(async () => {
  await app?.close()
  await sim?.stop()
  await proxy?.close()
})

test('signs in through the Electron network stack, the account proxy and its extra CA; without the CA the certificate is named', async () => {
  const page = await app!.firstWindow()
  await page.getByLabel('Portal API URL').fill(sim!.apiUrl)
  await page.getByLabel('Client ID').fill(SIM.clientId)
  await page.getByLabel('Origin').fill(SIM.origin)
  await page.getByLabel('Username').fill(SIM.username)
  await page.getByLabel('Password', { exact: true }).fill(SIM.password)
  await page.getByLabel('Remember the password in the OS keychain').uncheck()
  await page.getByRole('radio', { name: 'Manual proxy' }).check()
  await page.getByLabel('Proxy URL').fill(proxy!.url)

  await page.getByRole('button', { name: 'Test connection' }).click()
  const failure = page.getByRole('alert', { name: 'Connection test failed' })
  await expect(failure).toContainText('TLS certificate')
  await expect(failure).toContainText('portal.test')

  await page.getByLabel('Extra trusted CA certificate (PEM)').setInputFiles(pki.caPath)
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(page.getByRole('tree', { name: 'Business unit tree' }).getByRole('treeitem').first()).toBeVisible()
  expect(proxy!.connects.some((c) => c.authority === `portal.test:${sim!.port}`)).toBe(true)
})
