/**
 * The first slice end to end: sign in to a Cloutility portal (the simulator) through the UI and
 * see its business-unit tree, in Chromium against the browser host.
 */
import { expect, test } from './fixtures'
import { type Page } from '@playwright/test'
import { SIM, type SimProcess } from '../helpers/processes'

test.use({ simArgs: ['--bunits', '8', '--consumers', '20', '--seed', '3'] })

const wizard = (page: Page) => page.getByRole('form', { name: 'Add a Cloutility account' })

async function fillConnection(page: Page, sim: SimProcess, overrides: Partial<typeof SIM> = {}): Promise<void> {
  const values = { ...SIM, ...overrides }
  await page.getByLabel('Portal API URL').fill(sim.apiUrl)
  await page.getByLabel('Client ID').fill(values.clientId)
  await page.getByLabel('Origin').fill(values.origin)
  await page.getByLabel('Username').fill(values.username)
  await page.getByLabel('Password', { exact: true }).fill(values.password)
}

test('signs in through the UI and shows the business-unit tree with the portal version', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await expect(page.getByRole('heading', { name: 'Add a Cloutility account' })).toBeVisible()
  await fillConnection(page, sim)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('status', { name: 'Connection test result' })).toContainText('portal version')

  await page.getByLabel('Display name').fill('Acme backups')
  await page.getByRole('button', { name: 'Save account' }).click()

  const tree = page.getByRole('tree', { name: 'Business unit tree' })
  await expect(tree).toBeVisible()
  const rootItem = tree.getByRole('treeitem').first()
  await expect(rootItem).toBeVisible()
  await expect(page.getByLabel('Portal version')).toContainText(/portal \d+\.\d+/)
  await expect(page.getByLabel('Active account')).toContainText('Acme backups')

  // Expanding the root shows its children, which came from GET /v1/bunits.
  const before = await tree.getByRole('treeitem').count()
  await rootItem.getByRole('button', { name: /^Collapse / }).click()
  await expect(tree.getByRole('treeitem')).toHaveCount(1)
  expect(before).toBeGreaterThan(1)
})

test('a wrong password gives a clear error and saves nothing', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await fillConnection(page, sim, { password: 'not-the-password' })
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(wizard(page).getByRole('alert')).toContainText(/password/i)
  await expect(page.getByRole('navigation', { name: 'Accounts' })).toHaveCount(0)
})

test('a wrong client ID gives a clear error', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await fillConnection(page, sim, { clientId: 'no-such-client' })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(wizard(page).getByRole('alert')).toContainText(/client/i)
})

test('form fields are checked before anything is sent', async ({ page, host }) => {
  await page.goto(host.openUrl)
  await page.getByLabel('Portal API URL').fill('portal.example.com')
  await page.getByLabel('Origin').fill('https://service.example.com/path')
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByText('Portal API URL must be an http(s) address')).toBeVisible()
  await expect(page.getByText(/Origin must look like/)).toBeVisible()
  await expect(page.getByText('Client ID is required')).toBeVisible()
})
