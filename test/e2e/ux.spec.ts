/**
 * Issue 11 (the UX pass) as a user sees it: the tree follows navigation and the keyboard, theme
 * and window title, tables that resize/remember/show full text, exports where they belong,
 * quiet destructive buttons, one offline story noticed by a heartbeat.
 */
import { expect, test } from './fixtures'
import { type Page } from '@playwright/test'
import { startHostProcess, startSimulatorProcess, type SimProcess } from '../helpers/processes'
import { portalApi } from './portal-api'
import { accountButton, addAccount, openActiveEstate } from './desk-page'
import { createUnit, estatePage, openRoot, signInAndSync, tree } from './estate-page'

const activeRow = async (page: Page): Promise<string | null> => {
  const id = await tree(page).getAttribute('aria-activedescendant')
  return id ? page.locator(`[id="${id}"]`).getAttribute('aria-label') : null
}

test('the tree follows navigation and answers the keyboard; theme and window title', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  const rootName = await openRoot(page)

  // A new unit (two levels down) shows in the tree at once, selected, without filtering.
  await createUnit(page, 'Zeta New Unit')
  await createUnit(page, 'Zeta Deeper Unit')
  const deeper = tree(page).getByRole('treeitem', { name: 'Zeta Deeper Unit', exact: true })
  await expect(deeper).toBeVisible()
  await expect(deeper).toHaveAttribute('aria-selected', 'true')
  await expect(page).toHaveTitle('Zeta Deeper Unit — Acme backups — Cloutility Desk')

  // Collapse everything, then jump with Ctrl+K: the path opens again and the unit is selected.
  await tree(page).getByRole('treeitem', { name: rootName, exact: true }).click()
  await tree(page).focus()
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowLeft')
  await expect(deeper).toHaveCount(0)
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Go to' })
  await palette.getByRole('combobox', { name: 'Search units, consumers and nodes' }).fill('Zeta Deeper')
  await palette.getByRole('option').filter({ hasText: 'Zeta Deeper Unit' }).first().click()
  await expect(estatePage(page).getByRole('heading', { level: 2, name: 'Zeta Deeper Unit' })).toBeVisible()
  await expect(deeper).toBeVisible()
  await expect(deeper).toHaveAttribute('aria-selected', 'true')
  expect(await activeRow(page)).toBe('Zeta Deeper Unit')

  // Keyboard: ← goes to the parent, Home/End, type-ahead, Enter opens.
  await tree(page).focus()
  await page.keyboard.press('ArrowLeft')
  expect(await activeRow(page)).toBe('Zeta New Unit')
  await page.keyboard.press('Home')
  expect(await activeRow(page)).toBe(rootName)
  await page.keyboard.press('End')
  expect(await activeRow(page)).not.toBe(rootName)
  await page.keyboard.press('Home')
  await page.keyboard.type('zeta n')
  expect(await activeRow(page)).toBe('Zeta New Unit')
  await page.keyboard.press('Enter')
  await expect(estatePage(page).getByRole('heading', { level: 2, name: 'Zeta New Unit' })).toBeVisible()

  // The "here / with sub-units" badges are explained on screen, not only in a tooltip.
  await expect(page.getByText('Counts: consumption units here / with sub-units')).toBeVisible()

  // Theme: chosen, applied, remembered after a reload.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await page.getByLabel('Theme').selectOption('dark')
  await expect.poll(background).toBe('rgb(21, 24, 28)')
  await page.reload()
  await expect(page.getByLabel('Theme')).toHaveValue('dark')
  await expect.poll(background).toBe('rgb(21, 24, 28)')
  await page.getByLabel('Theme').selectOption('light')
  await expect.poll(background).toBe('rgb(246, 247, 249)')
})

test('tables resize and remember, show full text, fit their rows; exports and deletes where they belong', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)

  // The estate export sits on the tree; nothing else exports from the sync strip.
  await expect(page.getByRole('toolbar', { name: 'Estate tools' }).getByRole('button', { name: 'Export estate as CSV' })).toBeEnabled()
  await expect(page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: /Export/ })).toHaveCount(0)

  await openRoot(page)
  const view = estatePage(page)
  const table = view.getByRole('table', { name: 'Consumers' })
  await view.getByLabel('Include sub-units').check()
  const firstRow = table.getByRole('row').nth(1)
  await expect(firstRow).toBeVisible()

  // Every cell carries its full text on hover.
  const cells = firstRow.getByRole('cell')
  for (let i = 0; i < (await cells.count()); i++) {
    const cell = cells.nth(i)
    expect((await cell.getAttribute('title'))?.trim()).toBe((await cell.innerText()).trim())
  }

  // Alt+→ on a header widens its column; the width survives a reload.
  const osHeader = table.getByRole('columnheader', { name: 'OS' })
  const before = (await osHeader.boundingBox())!.width
  await osHeader.getByRole('button').focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowRight')
  await expect.poll(async () => Math.round((await osHeader.boundingBox())!.width)).toBe(Math.round(before + 48))
  await page.reload()
  await openActiveEstate(page)
  await openRoot(page)
  await estatePage(page).getByLabel('Include sub-units').check()
  await expect.poll(async () => Math.round((await estatePage(page).getByRole('columnheader', { name: 'OS' }).boundingBox())!.width)).toBe(Math.round(before + 48))

  // Density: compact rows are shorter.
  const rowHeight = async () => (await estatePage(page).getByRole('table', { name: 'Consumers' }).getByRole('row').nth(1).boundingBox())!.height
  await expect.poll(rowHeight).toBe(34)
  await estatePage(page).getByLabel('Row density').selectOption('compact')
  await expect.poll(rowHeight).toBe(26)

  // A unit with no consumers: the table export is disabled and says why.
  await createUnit(page, 'Empty Unit')
  const csv = estatePage(page).getByRole('region', { name: 'Consumption units' }).getByRole('button', { name: 'Export consumer list as CSV' })
  await expect(csv).toBeDisabled()
  await expect(csv).toHaveAttribute('title', 'No consumption units to export in this unit')

  // Destructive actions are secondary; the danger colour is only inside the confirmation.
  const remove = estatePage(page).getByRole('button', { name: 'Delete unit' })
  const bg = (l: typeof remove) => l.evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(await bg(remove)).toBe('rgba(0, 0, 0, 0)')
  await remove.click()
  const confirm = page.getByRole('dialog').getByRole('button', { name: /^Delete/ })
  expect(await bg(confirm)).toBe('rgb(198, 40, 40)')
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
})

test('a new account is offered a colour no other account has; the demo is not in the sidebar', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await expect(page.getByLabel('Colour')).toBeVisible()
  const first = await page.getByLabel('Colour').inputValue()
  await addAccount(page, sim, { displayName: 'First' })
  await page.getByRole('navigation', { name: 'Accounts' }).getByRole('button', { name: 'Add account' }).click()
  await expect(page.getByLabel('Colour')).not.toHaveValue(first)
  await expect(page.getByRole('navigation', { name: 'Accounts' }).getByRole('button', { name: 'Try the demo' })).toHaveCount(0)
})

test('a lost portal is noticed without doing anything and told once; when it is back the error goes', async ({ page }) => {
  const previous = process.env.DESK_HEARTBEAT_MS
  process.env.DESK_HEARTBEAT_MS = '1500'
  let sim = await startSimulatorProcess(['--bunits', '4', '--consumers', '10', '--seed', '3'])
  const host = await startHostProcess()
  try {
    await page.goto(host.openUrl)
    await signInAndSync(page, sim, 'Gamma')
    await sim.stop()
    // No click, no call: the heartbeat finds out.
    const banner = page.getByRole('status', { name: 'Offline' })
    await expect(banner).toBeVisible({ timeout: 30_000 })
    await expect(banner).toHaveCount(1)
    await expect(page.getByRole('alert', { name: 'Sync problem' })).toHaveCount(0)
    // The account card stays compact: its status word, not the network's whole sentence.
    await expect(accountButton(page, 'Gamma')).toContainText('Offline')
    await expect(accountButton(page, 'Gamma').locator('.status-message')).toHaveCount(0)

    sim = await startSimulatorProcess(['--bunits', '4', '--consumers', '10', '--seed', '3', '--port', String(sim.port)])
    await expect(banner).toHaveCount(0, { timeout: 45_000 })
    // No error stays behind (the only alert allowed is the no-keychain notice of this test machine).
    await expect(page.getByRole('alert').filter({ hasNotText: 'No keychain available' })).toHaveCount(0)
    await expect(page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' })).toBeEnabled()
  } finally {
    if (previous === undefined) delete process.env.DESK_HEARTBEAT_MS
    else process.env.DESK_HEARTBEAT_MS = previous
    await host.stop()
    await sim.stop()
  }
})

/** Renames a unit behind the app's back, as a colleague on the portal would. */
async function renameUnitOnPortal(sim: Pick<SimProcess, 'apiUrl'>, unitName: string, newName: string): Promise<void> {
  const portal = await portalApi(sim)
  const unit = await portal.unit(unitName)
  await portal.call('PUT', `bunits/${unit.id}`, { name: newName })
}

test('unit form: the portal’s limits, errors beside the field with the focus there', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  await page.getByRole('button', { name: 'Add sub-unit' }).click()
  const registration = page.getByLabel('Registration number')
  await registration.fill('R'.repeat(100))
  await expect(registration).toHaveValue('R'.repeat(64))
  await page.getByRole('button', { name: 'Create business unit' }).click()
  const name = page.getByLabel('Name', { exact: true })
  await expect(name).toBeFocused()
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await expect(name).toHaveAccessibleDescription(/Name is required/)
  await expect(estatePage(page).getByRole('alert').filter({ hasText: /registrationNumber|'name'/ })).toHaveCount(0)
})

test('what changed names a renamed unit, once, dismissible; a unit’s time zone and note show offline', async ({ page }) => {
  const args = ['--bunits', '5', '--consumers', '12', '--seed', '4']
  const sim = await startSimulatorProcess(args)
  let host = await startHostProcess()
  try {
    await page.goto(host.openUrl)
    await signInAndSync(page, sim)
    const changes = page.getByRole('region', { name: 'Changes since the previous sync' })
    await expect(changes).toContainText(/First sync of this account: \d+ business units?, \d+ consumers?/)
    await changes.getByRole('button', { name: 'Dismiss what changed' }).click()
    await expect(changes).toHaveCount(0)

    const rootName = await openRoot(page)
    const child = (await estatePage(page).getByRole('region', { name: 'Sub-units' }).getByRole('listitem').first().getByRole('button').innerText()).trim()
    await renameUnitOnPortal(sim, child, `${child} (renamed)`)
    await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click()
    await expect(changes).toContainText(`1 business unit changed: ${child} (renamed)`, { timeout: 60_000 })

    // Time zone of the unit on screen, then the portal goes and the app restarts.
    const facts = estatePage(page).getByLabel('Unit details')
    const zone = (await facts.locator('dt:text-is("Time zone") + dd').innerText()).trim()
    expect(zone).not.toBe('—')
    await sim.stop()
    await host.stop()
    host = await startHostProcess({ dataDir: host.dataDir })
    await page.goto(host.openUrl)
    await openActiveEstate(page)
    // Offline (or asking for the password where no keychain keeps it): the cached estate shows.
    await expect(tree(page).getByRole('treeitem').first()).toBeVisible()
    // Shown once per sync: not again after a restart.
    await expect(changes).toHaveCount(0)
    await tree(page).getByRole('treeitem', { name: rootName, exact: true }).click()
    await expect(estatePage(page).getByLabel('Unit details').locator('dt:text-is("Time zone") + dd')).toHaveText(zone)
  } finally {
    await host.stop()
    await sim.stop()
  }
})
