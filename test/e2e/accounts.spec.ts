/**
 * Issue 4 end to end: several accounts against separate portals (simulator processes), each with
 * its own session; passwords in the real keychain (gnome-keyring under dbus-run-session); edit,
 * reorder and remove; session-only accounts; clear errors for a wrong password and an
 * unreachable portal.
 */
import { expect, test } from '@playwright/test'
import { startHostProcess, startSimulatorProcess, type HostProcess, type SimProcess } from '../helpers/processes'
import { accountButton, activeAccount, addAccount, restartHost, switcher } from './desk-page'

/** How main words the portal's refusal of a wrong password (the portal's own sentence inside). */
const REFUSED = 'Sign-in refused by the portal: The user name or password is incorrect. Check the username, password, client ID and origin.'

let sims: SimProcess[] = []
let host: HostProcess | undefined

test.beforeEach(async () => {
  sims = await Promise.all([
    startSimulatorProcess(['--bunits', '6', '--consumers', '12', '--seed', '11']),
    startSimulatorProcess(['--bunits', '6', '--consumers', '12', '--seed', '12'])
  ])
  host = await startHostProcess()
})

test.afterEach(async () => {
  await host?.stop()
  await Promise.all(sims.map((s) => s.stop()))
})

test('two accounts on two portals: switch by click and shortcut, and both stay signed in after a restart', async ({ page }) => {
  await page.goto(host!.openUrl)
  await addAccount(page, sims[0]!, { displayName: 'Alpha', label: 'PROD' })
  await addAccount(page, sims[1]!, { displayName: 'Bravo', label: 'TEST' })

  await expect(switcher(page).getByRole('button', { name: /^Switch to / })).toHaveCount(2)
  await expect(activeAccount(page)).toContainText('Bravo')
  await expect(activeAccount(page)).toContainText('TEST')
  await expect(accountButton(page, 'Alpha')).toContainText('Signed in')
  await expect(accountButton(page, 'Bravo')).toContainText('Signed in')

  // One click switches; the label of the active account is on screen.
  await accountButton(page, 'Alpha').click()
  await expect(activeAccount(page)).toContainText('Alpha')
  await expect(activeAccount(page)).toContainText('PROD')
  await expect(accountButton(page, 'Alpha')).toHaveAttribute('aria-current', 'true')
  await expect(page.getByRole('tree', { name: 'Business unit tree' })).toBeVisible()

  // Ctrl+2 / Ctrl+1 switch too.
  await page.keyboard.press('Control+2')
  await expect(activeAccount(page)).toContainText('Bravo')
  await page.keyboard.press('Control+1')
  await expect(activeAccount(page)).toContainText('Alpha')

  // The passwords went to the keychain.
  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()
  await expect(page.getByRole('list', { name: 'Accounts in order' })).toContainText('password in the OS keychain')
  await expect(page.getByRole('note', { name: 'No keychain available' })).toHaveCount(0)

  // Restart: both accounts come back signed in from the keychain, nothing is asked.
  host = await restartHost(page, host!)
  await expect(accountButton(page, 'Alpha')).toContainText('Signed in')
  await expect(accountButton(page, 'Bravo')).toContainText('Signed in')
  await expect(activeAccount(page)).toContainText('Alpha')
  await expect(page.getByRole('form', { name: 'Sign in to account' })).toHaveCount(0)
  await expect(page.getByRole('tree', { name: 'Business unit tree' })).toBeVisible()
  await accountButton(page, 'Bravo').click()
  await expect(activeAccount(page)).toContainText('Bravo')
  await expect(page.getByRole('form', { name: 'Sign in to account' })).toHaveCount(0)
})

test('edit every field, reorder with buttons and keyboard, remove after a confirmation', async ({ page }) => {
  await page.goto(host!.openUrl)
  await addAccount(page, sims[0]!, { displayName: 'Alpha', label: 'PROD' })
  await addAccount(page, sims[1]!, { displayName: 'Bravo' })
  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()
  const list = page.getByRole('list', { name: 'Accounts in order' })
  const rows = list.getByRole('listitem')

  // Edit: name, label and colour change everywhere.
  await page.getByRole('button', { name: 'Edit Alpha' }).click()
  const form = page.getByRole('form', { name: 'Edit Alpha' })
  await form.getByLabel('Display name').fill('Alpha Live')
  await form.getByLabel('Label').fill('LIVE')
  await form.getByLabel('Portal API URL').fill('not a url')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByText('Portal API URL must be an http(s) address')).toBeVisible()
  await form.getByLabel('Portal API URL').fill(sims[0]!.apiUrl)
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form).toHaveCount(0)
  await expect(accountButton(page, 'Alpha Live')).toBeVisible()
  await expect(accountButton(page, 'Alpha Live')).toContainText('LIVE')

  // A new password goes to the keychain and the account signs in again with it.
  await page.getByRole('button', { name: 'Edit Alpha Live' }).click()
  const form2 = page.getByRole('form', { name: 'Edit Alpha Live' })
  await form2.getByLabel('New password').fill('demo')
  await form2.getByRole('button', { name: 'Save changes' }).click()
  await expect(form2).toHaveCount(0)
  await expect(accountButton(page, 'Alpha Live')).toContainText('Signed in')

  // Reorder with the buttons…
  await expect(rows.nth(0)).toContainText('Alpha Live')
  await expect(page.getByRole('button', { name: 'Move Alpha Live up' })).toBeDisabled()
  await page.getByRole('button', { name: 'Move Bravo up' }).click()
  await expect(rows.nth(0)).toContainText('Bravo')
  await expect(switcher(page).getByRole('button', { name: /^Switch to / }).first()).toHaveAccessibleName(/^Switch to Bravo\b/)
  // …and with the keyboard: Alt+↓ on the focused row moves it down; focus stays with it.
  await page.getByRole('button', { name: 'Edit Bravo' }).focus()
  await page.keyboard.press('Alt+ArrowDown')
  await expect(rows.nth(0)).toContainText('Alpha Live')
  await expect(rows.nth(1)).toContainText('Bravo')
  await expect(page.getByRole('button', { name: 'Move Bravo up' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(rows.nth(0)).toContainText('Bravo')
  // Ctrl+1 follows the new order (and, like a click in the switcher, goes to that account's estate).
  await page.keyboard.press('Control+1')
  await expect(activeAccount(page)).toContainText('Bravo')
  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()

  // Remove: the dialog names the account and says what is deleted; Cancel keeps it.
  await page.getByRole('button', { name: 'Remove Bravo' }).click()
  const dialog = page.getByRole('dialog', { name: 'Remove Bravo?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('keychain entries')
  await expect(dialog).toContainText('cached estate')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(rows).toHaveCount(2)
  await page.getByRole('button', { name: 'Remove Bravo' }).click()
  await page.getByRole('dialog', { name: 'Remove Bravo?' }).getByRole('button', { name: 'Remove account' }).click()
  await expect(rows).toHaveCount(1)
  await expect(accountButton(page, 'Bravo')).toHaveCount(0)

  // Gone for good: not back after a restart.
  host = await restartHost(page, host!)
  await expect(accountButton(page, 'Alpha Live')).toContainText('Signed in')
  await expect(accountButton(page, 'Bravo')).toHaveCount(0)
})

test('a wrong password shows "Sign-in failed" in the switcher and the main area', async ({ page }) => {
  await page.goto(host!.openUrl)
  await addAccount(page, sims[0]!, { displayName: 'Alpha' })
  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()
  await page.getByRole('button', { name: 'Edit Alpha' }).click()
  const form = page.getByRole('form', { name: 'Edit Alpha' })
  await form.getByLabel('New password').fill('not-the-password')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(accountButton(page, 'Alpha')).toContainText('Sign-in failed')
  await expect(switcher(page)).toContainText(REFUSED)

  await accountButton(page, 'Alpha').click()
  const prompt = page.getByRole('form', { name: 'Sign in to account' })
  await expect(prompt.getByRole('alert')).toContainText(`Sign-in failed: ${REFUSED}`)
  await prompt.getByLabel('Password for demo@example.com').fill('demo')
  await prompt.getByRole('button', { name: 'Sign in' }).click()
  await expect(prompt).toHaveCount(0)
  await expect(accountButton(page, 'Alpha')).toContainText('Signed in')
})

test('a session-only account asks for its password after a restart; a wrong one is refused clearly', async ({ page }) => {
  await page.goto(host!.openUrl)
  await addAccount(page, sims[0]!, { displayName: 'Alpha', sessionOnly: true })
  await expect(accountButton(page, 'Alpha')).toContainText('Signed in')

  host = await restartHost(page, host!)
  await expect(accountButton(page, 'Alpha')).toContainText('Password needed')
  const prompt = page.getByRole('form', { name: 'Sign in to account' })
  await expect(prompt).toContainText('asks for its password each session')
  await prompt.getByLabel('Password for demo@example.com').fill('wrong-password')
  await prompt.getByRole('button', { name: 'Sign in' }).click()
  await expect(prompt.getByRole('alert')).toContainText(REFUSED)
  await prompt.getByLabel('Password for demo@example.com').fill('demo')
  await prompt.getByRole('button', { name: 'Sign in' }).click()
  await expect(prompt).toHaveCount(0)
  await expect(accountButton(page, 'Alpha')).toContainText('Signed in')
  await expect(page.getByRole('tree', { name: 'Business unit tree' })).toBeVisible()
})

test('an unreachable portal gives a clear error in the wizard, and "Offline" in the switcher after a restart', async ({ page }) => {
  await page.goto(host!.openUrl)
  await addAccount(page, sims[0]!, { displayName: 'Alpha' })
  await sims[1]!.stop()

  // The wizard, against a portal that is not there.
  await switcher(page).getByRole('button', { name: 'Add account' }).click()
  await page.getByLabel('Portal API URL').fill(sims[1]!.apiUrl)
  await page.getByLabel('Client ID').fill('desk-demo')
  await page.getByLabel('Origin').fill('http://localhost')
  await page.getByLabel('Username').fill('demo@example.com')
  await page.getByLabel('Password', { exact: true }).fill('demo')
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('alert')).toContainText(/reach|connect|unreachable|offline/i, { timeout: 30_000 })
  await page.getByRole('button', { name: 'Cancel' }).click()

  // The saved account's portal goes away: after a restart the account says so.
  await sims[0]!.stop()
  host = await restartHost(page, host!)
  await expect(accountButton(page, 'Alpha')).toContainText('Offline', { timeout: 30_000 })
  await expect(page.getByRole('status', { name: 'Offline' })).toContainText('Offline —')
})

test('"Try the demo" is in account management (not the sidebar) until a demo account exists', async ({ page }) => {
  await page.goto(host!.openUrl)
  await addAccount(page, sims[0]!, { displayName: 'Alpha' })
  // The sidebar is for the accounts themselves: the demo is offered where accounts are managed.
  await expect(switcher(page).getByRole('button', { name: 'Try the demo' })).toHaveCount(0)
  await switcher(page).getByRole('button', { name: 'Manage accounts' }).click()
  await page.getByRole('button', { name: 'Try the demo' }).click()
  await expect(activeAccount(page)).toContainText('Demo estate')
  await expect(activeAccount(page)).toContainText('DEMO')
  await expect(page.getByRole('button', { name: 'Try the demo' })).toHaveCount(0)
})
