/**
 * The desktop window itself, through Playwright's _electron. Runs wherever the Electron binary
 * exists; on machines without it (no network to download it) every test skips and the reason is
 * printed, so a skip is never mistaken for a pass.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findElectronBinary } from '../../scripts/electron-binary.mjs'
import { SIM, startSimulatorProcess, type SimProcess } from '../helpers/processes'

const binary = findElectronBinary()
if (!binary.path) console.log(`Electron suite skipped: ${binary.missing}`)
test.skip(!binary.path, `Electron binary not available: ${binary.missing ?? ''}`)

let app: ElectronApplication
let sim: SimProcess

test.beforeEach(async () => {
  sim = await startSimulatorProcess(['--bunits', '6', '--consumers', '12'])
  app = await electron.launch({
    executablePath: binary.path!,
    args: [resolve(import.meta.dirname, '../../out/main/index.js')],
    env: { ...process.env, DESK_TEST_HOOKS: '1', DESK_USER_DATA_DIR: mkdtempSync(join(tmpdir(), 'desk-electron-')) }
  })
})

test.afterEach(async () => {
  await app?.close()
  await sim?.stop()
})

test('the window is hardened the Electron-checklist way', async () => {
  const page = await app.firstWindow()
  const url = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL())
  expect(url.startsWith('app://desk/')).toBe(true)
  // No Node in the page (sandbox, no nodeIntegration), only the named bridge (contextIsolation).
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
  expect(await page.evaluate(() => typeof (globalThis as { desk?: { listAccounts?: unknown } }).desk?.listAccounts)).toBe('function')
  expect(await page.evaluate(() => Object.isFrozen((globalThis as { desk?: object }).desk))).toBe(true)
  // The CSP forbids any network connection from the renderer.
  const fetched = await page.evaluate(async (url) => {
    try {
      await fetch(url)
      return 'connected'
    } catch {
      return 'blocked'
    }
  }, sim.apiUrl + 'fullVersion')
  expect(fetched).toBe('blocked')
  // New windows are denied.
  await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'))
  expect(app.windows()).toHaveLength(1)
})

test('signs in to the simulator and shows the tree in the desktop window', async () => {
  const page = await app.firstWindow()
  await page.getByLabel('Portal API URL').fill(sim.apiUrl)
  await page.getByLabel('Client ID').fill(SIM.clientId)
  await page.getByLabel('Origin').fill(SIM.origin)
  await page.getByLabel('Username').fill(SIM.username)
  await page.getByLabel('Password', { exact: true }).fill(SIM.password)
  await page.getByLabel('Remember the password in the OS keychain').uncheck()
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(page.getByRole('tree', { name: 'Business unit tree' }).getByRole('treeitem').first()).toBeVisible()
})
