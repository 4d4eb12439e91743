/**
 * Issue 6, bulk creation from CSV (preview with per-row validation, run with per-row results and
 * progress, a failed row does not stop the others, running again creates nothing twice), the
 * stand-alone activation page, and writes disabled with the reason when the portal is offline.
 */
import { writeFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { createUnit, estatePage, openRoot, screenshotBothThemes, signInAndSync } from './estate-page'

test.use({ simArgs: ['--bunits', '4', '--consumers', '12', '--seed', '11'] })

const CSV = [
  'name,note,os,type,domain,optionset,cpucount,contact,nodename',
  'bulk-01,first,Linux,File Server,30DAYS,DEDUP_AND_COMPRESS,2,ops@example.com,BULK-01',
  'bulk-02,,Microsoft Windows,Workstation,1YEAR,FORCE_ENCRYPT,,,',
  'bulk-03,,Solaris,File Server,30DAYS,DEDUP_AND_COMPRESS,,,',
  'bulk-04,no node,,,,,,,'
].join('\n')

test('bulk create from a CSV file: preview, run with per-row results, re-run creates nothing twice', async ({ page, sim, host }, testInfo) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  await createUnit(page, 'Bulk Unit')
  const view = estatePage(page)
  await page.getByRole('button', { name: 'Bulk create from CSV' }).click()
  await expect(view.getByRole('heading', { name: 'Bulk create consumption units' })).toBeVisible()

  // The columns are documented in the UI, folded away so the form fits the first screen.
  const columns = view.getByRole('table', { name: 'CSV columns' })
  await expect(columns).toBeHidden()
  await expect(page.getByLabel('CSV rows')).toBeInViewport()
  await view.getByText('CSV columns', { exact: true }).click()
  for (const column of ['name', 'note', 'os', 'type', 'domain', 'optionset', 'cpucount', 'contact', 'nodename']) {
    await expect(columns.getByRole('cell', { name: column, exact: true })).toBeVisible()
  }

  // Nothing to preview yet.
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(view.getByRole('alert')).toContainText('Choose a CSV file or paste rows first')

  // From a file.
  const file = testInfo.outputPath('units.csv')
  writeFileSync(file, CSV)
  await page.getByLabel('CSV file').setInputFiles(file)
  await expect(page.getByLabel('CSV rows')).toHaveValue(CSV)
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(view.getByLabel('Preview summary')).toHaveText('3 valid, 1 with errors.')
  const preview = view.getByRole('table', { name: 'Preview rows' })
  await expect(preview.getByRole('row', { name: /bulk-03/ })).toContainText('os "Solaris" is not known on this portal')
  await expect(preview.getByRole('row', { name: /bulk-01/ })).toContainText('OK')
  await screenshotBothThemes(page, testInfo, 'bulk-preview')

  // Run: the invalid row fails, the others are created.
  await page.getByRole('button', { name: 'Create 3 consumption units' }).click()
  const results = view.getByRole('table', { name: 'Result rows' })
  // The results come into view (and take the focus) instead of landing below the fold.
  await expect(view.getByRole('heading', { name: 'Results' })).toBeFocused()
  await expect(view.getByRole('heading', { name: 'Results' })).toBeInViewport()
  await expect(view.getByLabel('Results summary')).toContainText('3 created', { timeout: 30_000 })
  await expect(results.getByRole('row', { name: /bulk-01/ })).toContainText('BULK-01')
  await expect(results.getByRole('row', { name: /bulk-01/ }).getByRole('button', { name: 'Copy password of bulk-01' })).toBeVisible()
  await expect(results.getByRole('row', { name: /bulk-02/ })).toContainText('Created')
  await expect(results.getByRole('row', { name: /bulk-04/ })).toContainText('Created')
  await expect(results.getByRole('row', { name: /bulk-03/ })).not.toContainText('Created')
  await expect(view.getByLabel('Bulk progress')).toHaveAttribute('value', /\d+/)
  await screenshotBothThemes(page, testInfo, 'bulk-results')

  // Run again (from the pasted text, previewed again): nothing is created twice.
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(preview.getByRole('row', { name: /bulk-01/ })).toContainText('Exists: will be completed, not duplicated')
  await page.getByRole('button', { name: 'Run again' }).click()
  await expect(view.getByLabel('Results summary')).toContainText(/^0 created/, { timeout: 30_000 })
  await expect(results.getByRole('row', { name: /bulk-01/ })).toContainText('Skipped (already done)') // created and activated last time
  await expect(results.getByRole('row', { name: /bulk-02/ })).toContainText('Skipped (already done)') // its node stays for activation by hand

  // The unit now has exactly the three new consumption units.
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(view.getByRole('heading', { level: 2, name: 'Bulk Unit' })).toBeVisible()
  await expect(view.getByLabel('Consumer count')).toHaveText('3 of 3')

  // bulk-02 has a node that is not activated: activate it from its page (suggested name pre-filled).
  await view.getByRole('table', { name: 'Consumers' }).getByRole('button', { name: 'bulk-02' }).click()
  await page.getByRole('button', { name: 'Activate node' }).click()
  const name = page.getByLabel('Node name', { exact: true })
  await expect(name).not.toHaveValue('')
  const suggested = (await name.inputValue()).toUpperCase()
  await page.getByRole('button', { name: 'Activate node' }).click()
  const result = page.getByRole('region', { name: 'Activation result' })
  await expect(result.getByLabel('Activated node name')).toHaveText(suggested)
  await expect(result.getByLabel('dsm.opt snippet')).toContainText(`NODename          ${suggested}`) // Windows
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(view.getByRole('region', { name: 'Backup node' })).toContainText(suggested)
})

test('offline: writes are disabled with the reason when the portal stops answering', async ({ page, sim, host }, testInfo) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  const view = estatePage(page)
  await expect(page.getByRole('button', { name: 'New consumption unit' })).toBeEnabled()
  // A form already open when the portal goes away.
  await page.getByRole('button', { name: 'Add sub-unit' }).click()
  await page.getByLabel('Name', { exact: true }).fill('Never sent')

  await sim.stop()
  await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click()
  const offline = page.getByRole('status', { name: 'Offline' })
  await expect(offline).toBeVisible({ timeout: 30_000 })
  await expect(offline).toContainText('changes are disabled')

  const create = page.getByRole('button', { name: 'Create business unit' })
  await expect(create).toBeDisabled()
  await expect(create).toHaveAttribute('title', /Offline: .*changes are disabled/)
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Never sent') // nothing lost

  // Browsing from the cache still works; every write button says why it is disabled.
  await page.getByRole('button', { name: 'Cancel' }).click()
  for (const label of ['New consumption unit', 'Add sub-unit', 'Bulk create from CSV', 'Edit unit']) {
    const button = view.getByRole('button', { name: label })
    await expect(button).toBeDisabled()
    await expect(button).toHaveAttribute('title', /Offline/)
  }
  await view.getByLabel('Include sub-units').check()
  await view.getByRole('table', { name: 'Consumers' }).getByRole('row').nth(1).getByRole('button').click()
  await expect(view.getByRole('button', { name: 'Delete consumption unit' })).toBeDisabled()
  await expect(view.getByRole('button', { name: 'Edit', exact: true })).toBeDisabled()
  await screenshotBothThemes(page, testInfo, 'offline-consumer')
})
