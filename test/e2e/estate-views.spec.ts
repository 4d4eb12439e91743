/**
 * Issue 6, the views: the business-unit tree with consumer counts, a unit's page, the consumer
 * table (virtualized, sortable, filterable), a consumer's page (node, filespaces with "Sync with
 * backup server", proxies, audit log with filters and paging), reference data, the command
 * palette — and screenshots of each in the light and dark themes.
 */
import { expect, test } from './fixtures'
import { startSimulatorProcess } from '../helpers/processes'
import { estatePage, openRoot, screenshotBothThemes, signInAndSync, tree } from './estate-page'
import { portalApi } from './portal-api'

test.use({ simArgs: ['--bunits', '8', '--consumers', '120', '--seed', '3'] })

test('tree with counts, unit page, sortable and filterable consumer table, consumer page', async ({ page, sim, host }, testInfo) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)

  // Counts per unit come from getTree (consumerCount / totalConsumerCount).
  const rootItem = tree(page).getByRole('treeitem').first()
  // Drawn from data-count (so the row's name stays the unit's name) and said as its description.
  await expect(rootItem.locator('.consumer-count')).toHaveAttribute('data-count', /^\d+( \/ \d+)?$/)
  await expect(rootItem).toHaveAccessibleDescription(/consumption units? here/)
  await screenshotBothThemes(page, testInfo, 'estate-home')

  const rootName = await openRoot(page)
  const page_ = estatePage(page)
  await expect(page_.getByLabel('Unit details')).toContainText('Consumption units')
  await expect(page_.getByRole('region', { name: 'Sub-units' }).getByRole('listitem').first()).toBeVisible()

  // The consumer table, including sub-units so it is large enough to be virtualized.
  const table = page_.getByRole('table', { name: 'Consumers' })
  await page_.getByLabel('Include sub-units').check()
  await expect(page_.getByLabel('Consumer count')).toHaveText(/^120 of 120$/)
  const rendered = await table.getByRole('row').count()
  expect(rendered).toBeLessThan(121) // only the rows in view (+ overscan) are in the DOM

  // Sorting by name, then the other way round.
  const firstName = () => table.getByRole('row').nth(1).getByRole('cell').first().innerText()
  const header = table.getByRole('columnheader', { name: 'Name', exact: true })
  await expect(header).toHaveAttribute('aria-sort', 'ascending')
  const ascending = await firstName()
  await header.getByRole('button').click()
  await expect(header).toHaveAttribute('aria-sort', 'descending')
  await expect.poll(firstName).not.toBe(ascending)
  await table.getByRole('columnheader', { name: 'Node name' }).getByRole('button').click()
  await expect(table.getByRole('columnheader', { name: 'Node name' })).toHaveAttribute('aria-sort', 'ascending')

  // Filtering by activation state and by text.
  await page_.getByLabel('Activation filter').selectOption('activated')
  await expect(table.getByRole('row').nth(1)).toContainText('Yes')
  const activatedCount = Number((await page_.getByLabel('Consumer count').innerText()).split(' ')[0])
  expect(activatedCount).toBeGreaterThan(0)
  await page_.getByLabel('Filter consumers').fill('zzz-no-such-consumer')
  await expect(page_.getByText('No consumption unit matches the filter.')).toBeVisible()
  await page_.getByLabel('Filter consumers').fill('')
  await screenshotBothThemes(page, testInfo, 'unit-page')

  // Open an activated consumer: its node, filespaces, proxies and audit log.
  const firstRow = table.getByRole('row').nth(1)
  const consumerName = (await firstRow.getByRole('cell').first().innerText()).trim()
  await firstRow.getByRole('button', { name: consumerName }).click()
  await expect(page_.getByRole('heading', { level: 2, name: consumerName })).toBeVisible()
  const node = page_.getByRole('region', { name: 'Backup node' })
  await expect(node).toContainText('Node name')
  await expect(node).toContainText(/Yes, /)

  const filespaces = page_.getByRole('region', { name: 'Filespaces' })
  await expect(filespaces.getByRole('table', { name: 'Filespaces' }).getByRole('row').nth(1)).toBeVisible() // this seed's node has filespaces
  await filespaces.getByRole('button', { name: 'Sync with backup server' }).click()
  await expect(filespaces.getByText(/Synced with the backup server/)).toBeVisible()

  await expect(page_.getByRole('region', { name: 'Proxy relationships' })).toBeVisible()
  await expect(page_.getByRole('group', { name: 'Proxy agents' })).toBeVisible()

  const audit = page_.getByRole('region', { name: 'Audit log' })
  await expect(audit.getByRole('table', { name: 'Audit entries' }).getByRole('row').nth(1)).toBeVisible() // and a history
  await screenshotBothThemes(page, testInfo, 'consumer-page')

  // Back returns to the unit.
  await page.getByRole('button', { name: '← Back' }).click()
  await expect(page_.getByRole('heading', { level: 2, name: rootName })).toBeVisible()
})

test('audit log: type filters, time range, newest first and paging', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  const rootName = await openRoot(page)
  // Make some history: a colleague edits the unit's note on the portal 30 times (more than a page
  // of entries), then two sub-units are created here.
  const portal = await portalApi(sim)
  const rootId = (await portal.unit(rootName)).id
  for (let i = 1; i <= 30; i++) await portal.call('PUT', `bunits/${rootId}`, { note: `Audit note ${i}` })
  for (const name of ['Audit A', 'Audit B']) {
    await page.getByRole('button', { name: 'Add sub-unit' }).click()
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByRole('button', { name: 'Create business unit' }).click()
    await expect(estatePage(page).getByRole('heading', { level: 2, name })).toBeVisible()
    await page.getByRole('button', { name: '← Back' }).click()
  }
  const audit = estatePage(page).getByRole('region', { name: 'Audit log' })
  const entries = audit.getByRole('table', { name: 'Audit entries' })
  await expect(entries).toBeVisible()
  await expect(entries.getByRole('row').nth(1)).toContainText('Audit B') // newest first

  // Only "Create" entries.
  for (const type of ['Info', 'Modify', 'Delete', 'Error']) await audit.getByLabel(type, { exact: true }).uncheck()
  await expect(entries.getByRole('row').nth(1)).toContainText('Create')
  // Oldest first.
  await audit.getByLabel('Newest first').uncheck()
  await expect(entries.getByRole('row').nth(1)).not.toContainText('Audit B')
  // A time range in the future has nothing.
  await audit.getByLabel('From').fill('2099-01-01T00:00')
  await expect(audit.getByText('No audit entries match.')).toBeVisible()
  // A range that ends before it starts is refused before anything is sent.
  await audit.getByLabel('To').fill('2098-01-01T00:00')
  await expect(audit.getByRole('alert')).toContainText('start of the time range is after its end')
  await audit.getByLabel('From').fill('')
  await audit.getByLabel('To').fill('')
  // Paging.
  await audit.getByLabel('Create', { exact: true }).uncheck()
  await expect(audit.getByRole('alert')).toContainText('at least one entry type')
  for (const type of ['Info', 'Create', 'Modify', 'Delete', 'Error']) await audit.getByLabel(type, { exact: true }).check()
  const label = audit.getByLabel('Audit page')
  await expect(label).toHaveText('1–25 of 34')
  await expect(audit.getByRole('button', { name: 'Previous page' })).toBeDisabled()
  await audit.getByRole('button', { name: 'Next page' }).click()
  await expect(label).toHaveText('26–34 of 34')
  await expect(audit.getByRole('button', { name: 'Next page' })).toBeDisabled()
  await audit.getByRole('button', { name: 'Previous page' }).click()
  await expect(label).toHaveText('1–25 of 34')
})

test('reference data: default server, domains with retention, option sets, OS, node types', async ({ page, sim, host }, testInfo) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await page.getByRole('button', { name: 'Reference data' }).click()
  const view = page.getByRole('article', { name: 'Reference data' })
  await expect(view.getByRole('region', { name: 'Default server' })).toContainText('SP-STO2-01')
  await expect(view.getByRole('table', { name: 'Domains' })).toContainText('30DAYS')
  await expect(view.getByRole('table', { name: 'Domains' }).getByRole('row', { name: /1YEAR/ })).toContainText('365 days')
  await expect(view.getByRole('table', { name: 'Client option sets' })).toContainText('DEDUP_AND_COMPRESS')
  await expect(view.getByRole('table', { name: 'Operating systems' }).getByRole('row', { name: /Apple macOS/ })).toContainText('Workstation')
  await expect(view.getByRole('table', { name: 'Node types' })).toContainText('File Server')
  await screenshotBothThemes(page, testInfo, 'reference-data')
})

test('command palette (Ctrl+K) jumps to a unit, a consumer or a node, across accounts', async ({ page, sim, host }, testInfo) => {
  const other = await startSimulatorProcess(['--bunits', '4', '--consumers', '10', '--seed', '9'])
  try {
    await page.goto(host.openUrl)
    await signInAndSync(page, sim, 'Acme backups')
    await signInAndSync(page, other, 'Beta corp')
    await expect(page.getByLabel('Active account')).toContainText('Beta corp')

    // A consumer of the first account, found from the second.
    await page.getByRole('button', { name: 'Switch to Acme backups' }).click()
    await openRoot(page)
    const table = estatePage(page).getByRole('table', { name: 'Consumers' })
    await estatePage(page).getByLabel('Include sub-units').check()
    await estatePage(page).getByLabel('Activation filter').selectOption('activated')
    const row = table.getByRole('row').nth(1)
    const consumerName = (await row.getByRole('cell').first().innerText()).trim()
    const nodeName = (await row.getByRole('cell').nth(1).innerText()).trim()
    await page.getByRole('button', { name: 'Switch to Beta corp' }).click()
    await expect(page.getByLabel('Active account')).toContainText('Beta corp')

    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Go to' })
    await expect(palette).toBeVisible()
    await palette.getByRole('combobox', { name: 'Search units, consumers and nodes' }).fill(nodeName)
    // The consumer (by name) and its node (by node name) are both offered; take the node.
    const nodeHit = palette.getByRole('option').filter({ hasText: new RegExp(`^Node${nodeName}`) })
    await expect(nodeHit).toBeVisible()
    await expect(nodeHit).toContainText('Acme backups')
    await screenshotBothThemes(page, testInfo, 'command-palette')
    await nodeHit.click()
    await expect(palette).toBeHidden()
    await expect(page.getByLabel('Active account')).toContainText('Acme backups')
    await expect(estatePage(page).getByRole('heading', { level: 2, name: consumerName })).toBeVisible()

    // A business unit of the other account, by keyboard only.
    await page.getByRole('button', { name: 'Switch to Beta corp' }).click()
    await expect(page.getByLabel('Active account')).toContainText('Beta corp')
    const betaRootName = (await tree(page).getByRole('treeitem').nth(1).getAttribute('aria-label')) ?? ''
    expect(betaRootName).not.toBe('')
    await page.getByRole('button', { name: 'Switch to Acme backups' }).click()
    await expect(page.getByLabel('Active account')).toContainText('Acme backups')
    await page.keyboard.press('Control+k')
    await palette.getByRole('combobox').fill(betaRootName)
    const unitHit = palette.getByRole('option').filter({ hasText: new RegExp(`^Unit${betaRootName}.*Beta corp$`) }).first()
    await expect(unitHit).toBeVisible()
    for (let i = 0; i < 20 && (await unitHit.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Active account')).toContainText('Beta corp')
    await expect(estatePage(page).getByRole('heading', { level: 2, name: betaRootName })).toBeVisible()

    // Escape closes without moving.
    await page.keyboard.press('Control+k')
    await palette.getByRole('combobox').fill('zzzz-nothing')
    await expect(palette.getByText(/Nothing matches/)).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(palette).toBeHidden()
    await expect(estatePage(page).getByRole('heading', { level: 2, name: betaRootName })).toBeVisible()
  } finally {
    await other.stop()
  }
})
