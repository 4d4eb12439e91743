/**
 * The accounts file as the user meets it: one unreadable entry is set aside alone and the banner
 * names where it was kept; a file from a newer Cloutility Desk opens read-only, says so, and
 * refuses changes without touching the file.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { freshDataDir, startHostProcess, startSimulatorProcess, type HostProcess, type SimProcess } from '../helpers/processes'
import { accountButton, switcher } from './desk-page'

let sim: SimProcess
let host: HostProcess | undefined

const entry = (id: string, displayName: string, apiUrl: string, extra: Record<string, unknown> = {}) => ({
  id,
  displayName,
  apiUrl,
  clientId: 'desk-demo',
  origin: 'http://localhost',
  username: 'demo@example.com',
  color: '#1e88e5',
  label: '',
  secretMode: 'session',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra
})

test.beforeEach(async () => {
  sim = await startSimulatorProcess(['--bunits', '3', '--consumers', '4', '--seed', '2'])
})
test.afterEach(async () => {
  await host?.stop()
  await sim?.stop()
})

test('an unreadable account entry is set aside alone; the banner names where it is kept', async ({ page }) => {
  const dataDir = freshDataDir()
  const file = { version: 1, accounts: [entry('good', 'Alpha', sim.apiUrl), entry('bad', 'Broken', 'ftp://nope')], order: ['good', 'bad'], activeAccountId: 'good' }
  writeFileSync(join(dataDir, 'accounts.json'), JSON.stringify(file))
  host = await startHostProcess({ dataDir })
  await page.goto(host.openUrl)
  await expect(accountButton(page, 'Alpha')).toBeVisible()
  await expect(accountButton(page, 'Broken')).toHaveCount(0)
  const banner = page.getByRole('alert').filter({ hasText: 'One account entry' })
  await expect(banner).toContainText('set aside. The other accounts loaded.')
  await expect(banner).toContainText(/kept at .*accounts\.json\.set-aside-.*\.json/)
  await expect(banner).not.toContainText(/corrupt/i)
})

test('a file from a newer Cloutility Desk opens read-only, says so, and is left untouched', async ({ page }) => {
  const dataDir = freshDataDir()
  const content = JSON.stringify({ version: 2, accounts: [entry('a1', 'Alpha', sim.apiUrl)], order: ['a1'], activeAccountId: 'a1', comesFromTheFuture: true })
  writeFileSync(join(dataDir, 'accounts.json'), content)
  host = await startHostProcess({ dataDir })
  await page.goto(host.openUrl)
  await expect(page.getByRole('alert').filter({ hasText: 'written by a newer Cloutility Desk' })).toContainText('read-only')
  await expect(accountButton(page, 'Alpha')).toBeVisible()

  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()
  await page.getByRole('button', { name: 'Edit Alpha' }).click()
  const form = page.getByRole('form', { name: 'Edit Alpha' })
  await form.getByLabel('Display name').fill('Renamed')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByRole('alert').first()).toContainText('newer Cloutility Desk')
  expect(readFileSync(join(dataDir, 'accounts.json'), 'utf8')).toBe(content)
})
