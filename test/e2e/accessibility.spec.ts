/**
 * Every control has an accessible name, every form field a label, every ARIA attribute is valid:
 * axe-core checks the main screens (rules about names, labels and ARIA, not colour contrast).
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures'
import { type Page } from '@playwright/test'
import { estatePage, openRoot, signInAndSync, tree } from './estate-page'

test.use({ simArgs: ['--bunits', '6', '--consumers', '20', '--seed', '5'] })

const NAME_AND_ARIA_RULES = [
  'button-name',
  'label',
  'link-name',
  'select-name',
  'input-button-name',
  'aria-allowed-attr',
  'aria-required-attr',
  'aria-required-children',
  'aria-required-parent',
  'aria-valid-attr',
  'aria-valid-attr-value',
  'aria-roles',
  'aria-input-field-name',
  'aria-toggle-field-name',
  'aria-progressbar-name',
  'aria-dialog-name',
  'aria-command-name',
  'duplicate-id-aria',
  'form-field-multiple-labels',
  'nested-interactive'
]

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withRules(NAME_AND_ARIA_RULES).analyze()
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(found, `accessibility problems on ${screen}`).toEqual([])
}

test('the main screens give every control an accessible name', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await expect(page.getByRole('heading', { name: 'Add a Cloutility account' })).toBeVisible()
  await expectAccessible(page, 'the add-account wizard')

  await signInAndSync(page, sim)
  await expectAccessible(page, 'the estate home')

  await openRoot(page)
  const table = estatePage(page).getByRole('table', { name: 'Consumers' })
  await estatePage(page).getByLabel('Include sub-units').check()
  await expect(table.getByRole('row').nth(1)).toBeVisible()
  await expectAccessible(page, 'a unit page')

  const firstRow = table.getByRole('row').nth(1)
  const consumerName = (await firstRow.getByRole('cell').first().innerText()).trim()
  await firstRow.getByRole('button', { name: consumerName }).click()
  await expect(estatePage(page).getByRole('heading', { level: 2, name: consumerName })).toBeVisible()
  await expectAccessible(page, 'a consumer page')

  await page.getByRole('button', { name: 'Reference data' }).click()
  await expect(estatePage(page).getByRole('heading', { name: 'Reference data' })).toBeVisible()
  await expectAccessible(page, 'reference data')

  await tree(page).focus()
  await page.keyboard.press('Control+k')
  await expect(page.getByRole('dialog')).toBeVisible()
  await expectAccessible(page, 'the command palette')
  await page.keyboard.press('Escape')

  await page.getByRole('navigation', { name: 'Accounts' }).getByRole('button', { name: 'Manage accounts' }).click()
  await expect(page.getByRole('heading', { name: /Manage accounts/ })).toBeVisible()
  await expectAccessible(page, 'account management')
})
