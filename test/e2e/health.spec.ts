/**
 * Issue 9 end to end: the Health home screen across two accounts on two simulated portals, with
 * failures planted through the simulators' test control. The list shows them with the right
 * states, worst first; it filters by account and state, and jumps to the consumer, whose page
 * shows its jobs and the storage chart (drawn under the strict CSP). A node that recovers shows up
 * as recovered after the next refresh; a stopped portal's health stays on screen from the cache,
 * also on the consumer page (jobs and history never fetched say so).
 * axe-core checks the view; screenshots in light and dark are attached.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { startHostProcess, startSimulatorProcess, type HostProcess, type SimProcess } from '../helpers/processes'
import { restartHost } from './desk-page'
import { readFile } from 'node:fs/promises'
import { estatePage, signInAndSync, tree } from './estate-page'
import { accountHealth, filterProblems, healthView, openHealth, plantHealth, plantOnSomeConsumer, problemGrid, problemRows, stateTexts, type Planted } from './health-page'

let sims: SimProcess[] = []
let host: HostProcess | undefined

test.beforeEach(async () => {
  sims = await Promise.all([31, 32].map((seed) => startSimulatorProcess(['--bunits', '6', '--consumers', '30', '--seed', String(seed), '--test-control'])))
  host = await startHostProcess()
})

test.afterEach(async () => {
  await host?.stop()
  await Promise.all(sims.map((s) => s.stop()))
})

/** Severity by the state's label (HEALTH_SEVERITY in src/shared/ipc/health-models.ts). */
const SEVERITY: Record<string, number> = { Failed: 5, 'Missed / no activity': 4, Warning: 3, Unknown: 2, 'Never activated': 1, OK: 0 }

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
}

/** The problem row of one consumer of one account (after narrowing the list by text). */
async function rowOf(page: Page, account: string, consumer: Planted): Promise<ReturnType<typeof problemRows>> {
  await filterProblems(page, `${account} ${consumer.name}`)
  return problemRows(page).filter({ has: page.locator('.cell.consumer', { hasText: exactly(consumer.name) }) })
}

/** axe-core over the Health view, every rule (contrast too); serious and critical findings fail. */
async function expectNoSeriousAxeProblems(page: Page, screen: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).include('[aria-label="Backup health"]').analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious, `accessibility problems on ${screen}`).toEqual([])
}

async function attachScreenshot(testInfo: TestInfo, name: string, body: Buffer): Promise<void> {
  await testInfo.attach(name, { body, contentType: 'image/png' })
}

test('Health across two portals: states, severity order, filters, jump to the consumer, recovery and offline', async ({ page }, testInfo) => {
  test.setTimeout(240_000)
  // Any refused style, script or connection would be a CSP violation reported on the console.
  const cspViolations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text())
  })
  page.on('pageerror', (error) => cspViolations.push(`page error: ${error.message}`))

  const [alphaSim, bravoSim] = sims as [SimProcess, SimProcess]
  const failed = await plantOnSomeConsumer(alphaSim, 'failed', 3)
  const warning = await plantOnSomeConsumer(alphaSim, 'warning', 1, new Set([failed.consumerId]))
  const missed = await plantOnSomeConsumer(bravoSim, 'missed', 2)

  await page.goto(host!.openUrl)
  await signInAndSync(page, alphaSim, 'Alpha')
  await signInAndSync(page, bravoSim, 'Bravo')

  // Health is one click away in the sidebar; a refresh ran after each account's first sync.
  await openHealth(page)
  await expect(accountHealth(page, 'Alpha')).toContainText('Health refreshed', { timeout: 60_000 })
  await expect(accountHealth(page, 'Bravo')).toContainText('Health refreshed', { timeout: 60_000 })
  await expect(problemGrid(page)).toBeVisible()

  // The planted failures, with the right states.
  await expect((await rowOf(page, 'Alpha', failed)).locator('.cell.state')).toHaveText('Failed')
  await expect((await rowOf(page, 'Alpha', warning)).locator('.cell.state')).toHaveText('Warning')
  await expect((await rowOf(page, 'Bravo', missed)).locator('.cell.state')).toHaveText('Missed / no activity')
  await expect((await rowOf(page, 'Bravo', missed)).locator('.cell.account')).toHaveText('Bravo')

  // Worst first: the states of the rows in sight never get more severe going down.
  await filterProblems(page, '')
  await expect(problemRows(page).first()).toBeVisible()
  const severities = (await stateTexts(page)).map((label) => SEVERITY[label.trim()] ?? -1)
  expect(severities.length).toBeGreaterThanOrEqual(3)
  expect(severities).toEqual([...severities].sort((a, b) => b - a))
  await expect(problemGrid(page).getByRole('columnheader', { name: /State/ })).toHaveAttribute('aria-sort', 'descending')

  // One account only: every row is Bravo's, and Bravo's planted failure is there.
  await healthView(page).getByLabel('Account', { exact: true }).selectOption({ label: 'Bravo' })
  const accounts = await problemRows(page).locator('.cell.account').allInnerTexts()
  expect(accounts.length).toBeGreaterThan(0)
  expect(new Set(accounts.map((a) => a.trim()))).toEqual(new Set(['Bravo']))
  await expect(healthView(page).getByRole('region', { name: 'Health of Alpha' })).toHaveCount(0)
  await healthView(page).getByLabel('Account', { exact: true }).selectOption({ label: 'All accounts' })

  // A state tile filters the list to that state.
  const failedTile = healthView(page).getByRole('button', { name: /^\d+ Failed$/ })
  await failedTile.click()
  await expect(failedTile).toHaveAttribute('aria-pressed', 'true')
  expect(new Set((await stateTexts(page)).map((s) => s.trim()))).toEqual(new Set(['Failed']))
  await failedTile.click()

  // Screenshots and axe on the Health view, light and dark.
  await filterProblems(page, '')
  await expectNoSeriousAxeProblems(page, 'the Health view (light)')
  await attachScreenshot(testInfo, 'health-view-light', await page.screenshot())
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoSeriousAxeProblems(page, 'the Health view (dark)')
  await attachScreenshot(testInfo, 'health-view-dark', await page.screenshot())
  await page.emulateMedia({ colorScheme: 'light' })

  // The problem list exports (every account's problems, from the cache).
  const csvDownload = page.waitForEvent('download')
  await healthView(page).getByRole('button', { name: 'Export problems as CSV' }).click()
  const csv = await readFile((await (await csvDownload).path())!, 'utf8')
  expect(csv).toContain(failed.name)
  expect(csv).toContain(missed.name)

  // Enter on a row jumps to the consumer, in its account's estate.
  const failedRow = await rowOf(page, 'Alpha', failed)
  await expect(failedRow).toHaveCount(1)
  await problemGrid(page).focus()
  const index = Number(await failedRow.getAttribute('aria-rowindex')) - 2
  for (let i = 0; i < index; i++) await problemGrid(page).press('ArrowDown')
  await problemGrid(page).press('Enter')
  await expect(estatePage(page).getByRole('heading', { level: 2, name: failed.name, exact: true })).toBeVisible()
  await expect(page.getByLabel('Active account')).toContainText('Alpha')

  // The consumer's health panel: its state, jobs fetched from the portal and the storage chart.
  const panel = estatePage(page).getByRole('region', { name: 'Backup health' })
  await expect(panel.locator('.health-state').first()).toHaveText('Failed')
  await expect(panel.getByRole('table', { name: 'Jobs' })).toBeVisible({ timeout: 30_000 })
  await expect(panel).toContainText(/Jobs of the last 24 hours, fetched/)
  const chart = panel.getByTestId('storage-chart')
  await expect(chart.locator('canvas').first()).toBeVisible({ timeout: 30_000 })
  const box = await chart.locator('canvas').first().boundingBox()
  expect(box?.width ?? 0).toBeGreaterThan(100)
  expect(box?.height ?? 0).toBeGreaterThan(100)
  await expect(panel.locator('figcaption')).toContainText('Stored data from')
  // The tooltip is HTML the CSP must accept: show it.
  await chart.hover({ position: { x: (box?.width ?? 200) / 2, y: (box?.height ?? 200) / 2 } })
  await panel.getByRole('button', { name: 'Last 7 days' }).click()
  await expect(panel).toContainText(/Jobs of the last 7 days, fetched/)
  await panel.getByRole('button', { name: 'Show as table' }).click()
  expect(await panel.locator('figure table tbody tr').count()).toBeGreaterThan(1)
  await panel.getByRole('button', { name: 'Show as chart' }).click()
  // The page scrolls inside its pane: bring the jobs and the chart into sight, then shoot the window.
  await chart.scrollIntoViewIfNeeded()
  await attachScreenshot(testInfo, 'consumer-health-light', await page.screenshot())
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(chart.locator('canvas').first()).toBeVisible()
  await attachScreenshot(testInfo, 'consumer-health-dark', await page.screenshot())
  await page.emulateMedia({ colorScheme: 'light' })
  expect(cspViolations).toEqual([])

  // The tree marks the units with problems; the unit page shows its usage, billing and an export.
  await expect(tree(page).locator('[role=treeitem][aria-description*="backup problem"]').first()).toBeVisible()
  await expect(tree(page).locator('.health-badge').first()).toHaveAttribute('data-problems', /^\d+$/)
  await estatePage(page).locator('.path').getByRole('button').click()
  const usage = estatePage(page).getByRole('region', { name: 'Usage' })
  // Sizes grow with the day the simulated estate ends on (today), so only their form is checked.
  await expect(usage.getByRole('table', { name: 'Stored data per unit' })).toContainText(/\d (MB|GB|TB)/)
  await expect(usage.getByRole('table', { name: 'Stored data per consumer' })).toContainText(failed.name)
  await usage.getByRole('button', { name: 'Fetch billing from the portal' }).click()
  await expect(usage).toContainText(/Fetched \w/)
  const usageDownload = page.waitForEvent('download')
  await usage.getByRole('button', { name: 'Export usage as CSV' }).click()
  expect((await usageDownload).suggestedFilename()).toMatch(/\.csv$/)

  // The failed node recovers on the portal; the next refresh lists it as recovered.
  expect((await plantHealth(alphaSim, failed.consumerId, 'ok', 3)).status).toBe(200)
  await openHealth(page)
  await accountHealth(page, 'Alpha').getByRole('button', { name: 'Refresh health of Alpha' }).click()
  const recovered = healthView(page).getByRole('list', { name: 'Recovered' })
  await expect(recovered).toContainText(failed.name, { timeout: 60_000 })
  await filterProblems(page, `Alpha ${failed.name}`)
  await expect(problemRows(page).filter({ has: page.locator('.cell.consumer', { hasText: exactly(failed.name) }) })).toHaveCount(0)
  // Each change is a link to its consumer.
  await recovered.getByRole('button', { name: failed.name, exact: true }).click()
  await expect(estatePage(page).getByRole('heading', { level: 2, name: failed.name, exact: true })).toBeVisible()
  await expect(estatePage(page).getByRole('region', { name: 'Backup health' }).locator('.health-state').first()).toHaveText('OK')
  await openHealth(page)

  // Bravo's portal goes away: its health stays on screen, also after a restart of the app.
  await bravoSim.stop()
  await accountHealth(page, 'Bravo').getByRole('button', { name: 'Refresh health of Bravo' }).click()
  await expect(accountHealth(page, 'Bravo').getByRole('alert')).toBeVisible({ timeout: 60_000 })
  await expect((await rowOf(page, 'Bravo', missed)).locator('.cell.state')).toHaveText('Missed / no activity')
  host = await restartHost(page, host!, { view: 'health' })
  await expect(healthView(page)).toBeVisible()
  await expect(accountHealth(page, 'Bravo')).toContainText('Offline — showing health from', { timeout: 60_000 })
  await expect((await rowOf(page, 'Bravo', missed)).locator('.cell.state')).toHaveText('Missed / no activity')

  // A click opens the consumer offline: its health from the cache, jobs and history never fetched say so.
  await (await rowOf(page, 'Bravo', missed)).click()
  await expect(estatePage(page).getByRole('heading', { level: 2, name: missed.name, exact: true })).toBeVisible()
  const offlinePanel = estatePage(page).getByRole('region', { name: 'Backup health' })
  await expect(offlinePanel).toContainText('Offline — showing health from')
  await expect(offlinePanel.locator('.health-state').first()).toHaveText('Missed / no activity')
  await expect(offlinePanel).toContainText('Jobs not fetched yet (offline).')
  await expect(offlinePanel).toContainText('Report history not fetched yet (offline).')
  await expect(offlinePanel.getByRole('button', { name: 'Refresh jobs and history' })).toBeDisabled()
  expect(cspViolations).toEqual([])
})
