/**
 * Page helpers shared by the accounts and sync end-to-end tests: adding an account through the
 * wizard, restarting the browser host on the same data folder, reading the switcher.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import { SIM, startHostProcess, type HostProcess, type SimProcess } from '../helpers/processes'
import { portalApi } from './portal-api'

export interface NewAccount {
  displayName: string
  label?: string
  password?: string
  /** Untick "Remember the password in the OS keychain". */
  sessionOnly?: boolean
}

export function switcher(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Accounts' })
}

export function accountButton(page: Page, displayName: string): Locator {
  return switcher(page).getByRole('button', { name: `Switch to ${displayName}` })
}

export function activeAccount(page: Page): Locator {
  return page.getByLabel('Active account')
}

/** Fills the add-account wizard (opening it from the switcher if needed) and saves. */
export async function addAccount(page: Page, sim: Pick<SimProcess, 'apiUrl'>, account: NewAccount): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Add a Cloutility account' })
  const add = switcher(page).getByRole('button', { name: 'Add account' })
  // Until the accounts have loaded the page shows neither: wait for one before choosing. Both are
  // right: with no account yet the wizard is the first screen (there is no switcher), otherwise it
  // opens from the switcher; this helper adds first and later accounts alike.
  await expect(heading.or(add).first()).toBeVisible()
  if (!(await heading.isVisible())) await add.click()
  await expect(heading).toBeVisible()
  await page.getByLabel('Portal API URL').fill(sim.apiUrl)
  await page.getByLabel('Client ID').fill(SIM.clientId)
  await page.getByLabel('Origin').fill(SIM.origin)
  await page.getByLabel('Username').fill(SIM.username)
  await page.getByLabel('Password', { exact: true }).fill(account.password ?? SIM.password)
  await page.getByLabel('Display name').fill(account.displayName)
  if (account.label !== undefined) await page.getByLabel('Label', { exact: true }).fill(account.label)
  if (account.sessionOnly) await page.getByLabel('Remember the password in the OS keychain').uncheck()
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(heading).toBeHidden()
  await expect(activeAccount(page)).toContainText(account.displayName)
}

/**
 * Stops the host and starts it again on the same data folder ("restart the app"), then reopens it.
 * The app opens on the Health view; unless `view: 'health'`, the active account's estate is opened
 * from the switcher, as a technician does.
 */
export async function restartHost(page: Page, host: HostProcess, options: { view?: 'estate' | 'health' } = {}): Promise<HostProcess> {
  await host.stop()
  const next = await startHostProcess({ dataDir: host.dataDir })
  await page.goto(next.openUrl)
  if (options.view !== 'health') await openActiveEstate(page)
  return next
}

/** The app opens (and reloads) on the Health view: open the active account's estate from the switcher. */
export async function openActiveEstate(page: Page): Promise<void> {
  const active = switcher(page).locator('button[aria-current="true"]')
  await expect(active).toBeVisible()
  await active.click()
}

/** Changes the estate behind the app's back, as a colleague would: a new consumer in the root unit. */
export async function addConsumerOnPortal(sim: Pick<SimProcess, 'apiUrl'>, name: string): Promise<void> {
  const portal = await portalApi(sim)
  const root = await portal.call<{ id: number }>('GET', 'bunits')
  await portal.call('POST', `bunits/${root.id}/consumers`, { name })
}
