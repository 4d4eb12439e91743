/**
 * Page helpers for the estate views and wizards end-to-end tests: sign in and wait for the first
 * sync, open units and consumers, walk the consumption-unit wizard, save theme screenshots.
 */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test'
import type { SimProcess } from '../helpers/processes'
import { addAccount } from './desk-page'

export const tree = (page: Page): Locator => page.getByRole('tree', { name: 'Business unit tree' })
export const estatePage = (page: Page): Locator => page.getByRole('region', { name: 'Estate page' })

/** Adds the simulator as an account and waits until the first sync has filled the cache. */
export async function signInAndSync(page: Page, sim: Pick<SimProcess, 'apiUrl'>, displayName = 'Acme backups'): Promise<void> {
  await addAccount(page, sim, { displayName, label: 'PROD' })
  const syncNow = page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' })
  await expect(syncNow).toBeVisible({ timeout: 60_000 })
  await expect(page.getByLabel('Last synced')).not.toHaveText('Never synced', { timeout: 60_000 })
  await expect(tree(page).getByRole('treeitem').first()).toBeVisible()
}

/** Opens the root business unit's page and returns its name. */
export async function openRoot(page: Page): Promise<string> {
  const root = tree(page).getByRole('treeitem').first()
  const name = (await root.getAttribute('aria-label')) ?? ''
  await root.click()
  await expect(estatePage(page).getByRole('heading', { level: 2, name })).toBeVisible()
  return name
}

export async function openUnitInTree(page: Page, name: string): Promise<void> {
  await page.getByLabel('Filter business units').fill(name)
  await tree(page).getByRole('treeitem', { name, exact: true }).click()
  await expect(estatePage(page).getByRole('heading', { level: 2, name, exact: true })).toBeVisible()
  await page.getByLabel('Filter business units').fill('')
}

/** Creates a sub-unit of the unit on screen through the wizard and lands on its page. */
export async function createUnit(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add sub-unit' }).click()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByRole('button', { name: 'Create business unit' }).click()
  await expect(estatePage(page).getByRole('heading', { level: 2, name, exact: true })).toBeVisible()
}

export interface NodeChoice {
  os?: string
  type?: string
  domain?: string
  optionSet?: string
  cpu?: string
  contact?: string
}

/** Walks the consumption-unit wizard up to (and including) "Create"; stops on the activate step. */
export async function createConsumerWithNode(page: Page, name: string, choice: NodeChoice = {}): Promise<void> {
  await page.getByRole('button', { name: 'New consumption unit' }).click()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('radio', { name: choice.os ?? 'Linux' }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('radio', { name: choice.type ?? 'File Server' }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('radio', { name: new RegExp(`^${choice.domain ?? '30DAYS'}\\b`) }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('radio', { name: new RegExp(`^${choice.optionSet ?? 'DEDUP_AND_COMPRESS'}\\b`) }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  if (choice.cpu !== undefined) await page.getByLabel('CPU count', { exact: true }).fill(choice.cpu)
  if (choice.contact !== undefined) await page.getByLabel('Contact', { exact: true }).fill(choice.contact)
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: /^Create (consumption unit|node|the node)$/ }).click()
  await expect(page.getByRole('form', { name: 'Activate' })).toBeVisible()
}

/** Light and dark screenshots of what is on screen, attached to the test. */
export async function screenshotBothThemes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const path = testInfo.outputPath(`${name}-${scheme}.png`)
    await page.screenshot({ path, fullPage: false })
    await testInfo.attach(`${name} (${scheme})`, { path, contentType: 'image/png' })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
