/**
 * Issue 6, business units: create under the selected unit (validated before sending, time zone
 * from the portal's list), edit, delete with a confirmation that names the unit, and a refusal
 * with the portal's reason (409) while the unit still has sub-units or consumption units.
 */
import { expect, test } from './fixtures'
import { estatePage, openRoot, signInAndSync, tree } from './estate-page'

test.use({ simArgs: ['--bunits', '6', '--consumers', '30', '--seed', '5'] })

test('create, edit and delete a business unit; a non-empty unit is refused with the reason', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  const rootName = await openRoot(page)
  const view = estatePage(page)

  // Create: nothing is sent while the name is empty; the form keeps what was typed.
  await page.getByRole('button', { name: 'Add sub-unit' }).click()
  await expect(view.getByRole('heading', { name: 'New business unit' })).toBeVisible()
  await page.getByLabel('Registration number').fill('556677-8899')
  await page.getByRole('button', { name: 'Create business unit' }).click()
  await expect(view.getByText('Name is required')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Registration number')).toHaveValue('556677-8899')
  await page.getByLabel('Name', { exact: true }).fill('Ops Team')
  await page.getByLabel('Time zone').selectOption({ label: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna' })
  await page.getByRole('button', { name: 'Create business unit' }).click()
  await expect(view.getByRole('heading', { level: 2, name: 'Ops Team' })).toBeVisible()
  await expect(view.getByLabel('Unit details')).toContainText('556677-8899')
  await expect(view.getByLabel('Unit details')).toContainText('Amsterdam')
  await expect(view.getByText('No consumption units in this unit.')).toBeVisible()
  await expect(view.getByRole('region', { name: 'Sub-units' })).toContainText('No sub-units.')
  // The tree re-read after estateChanged and shows the new unit under its parent.
  await expect(tree(page).getByRole('treeitem', { name: 'Ops Team', exact: true })).toBeVisible()

  // Edit.
  await page.getByRole('button', { name: 'Edit unit' }).click()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Ops Team')
  await page.getByLabel('Name', { exact: true }).fill('')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(view.getByText('Name is required')).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('Ops Team East')
  await page.getByLabel('Note').fill('Night shift')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(view.getByRole('heading', { level: 2, name: 'Ops Team East' })).toBeVisible()
  await expect(view.getByLabel('Unit details')).toContainText('Night shift')
  await expect(tree(page).getByRole('treeitem', { name: 'Ops Team East', exact: true })).toBeVisible()

  // Delete the (empty) unit: the dialog names it; Cancel keeps it.
  await page.getByRole('button', { name: 'Delete unit' }).click()
  let dialog = page.getByRole('dialog', { name: 'Delete business unit “Ops Team East”?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(`${rootName} / Ops Team East`)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await page.getByRole('button', { name: 'Delete unit' }).click()
  dialog = page.getByRole('dialog', { name: 'Delete business unit “Ops Team East”?' })
  await dialog.getByRole('button', { name: 'Delete business unit' }).click()
  await expect(dialog).toBeHidden()
  await expect(view.getByRole('heading', { level: 2, name: rootName })).toBeVisible()
  await expect(tree(page).getByRole('treeitem', { name: 'Ops Team East', exact: true })).toHaveCount(0)

  // A unit with sub-units or consumers: the portal refuses, and its reason is shown in the dialog.
  const child = view.getByRole('region', { name: 'Sub-units' }).getByRole('listitem').filter({ hasNotText: /· 0 consumption units/ }).first()
  const childName = (await child.getByRole('button').innerText()).trim()
  await child.getByRole('button').click()
  await expect(view.getByRole('heading', { level: 2, name: childName })).toBeVisible()
  await page.getByRole('button', { name: 'Delete unit' }).click()
  dialog = page.getByRole('dialog', { name: `Delete business unit “${childName}”?` })
  await expect(dialog).toContainText('the portal refuses to delete a unit that is not empty')
  await dialog.getByRole('button', { name: 'Delete business unit' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(`Business unit '${childName}' still has 4 business unit(s); delete or move them first.`)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(view.getByRole('heading', { level: 2, name: childName })).toBeVisible()
  await expect(tree(page).getByRole('treeitem', { name: childName, exact: true })).toBeVisible()
})

test('the root unit cannot be deleted (your own unit)', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  await expect(page.getByRole('button', { name: 'Delete unit' })).toBeDisabled()
})
