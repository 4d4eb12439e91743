/**
 * The shortcut the application menu shows as Filter (Ctrl/Cmd+F) works in the page: it focuses
 * the filter of the view on screen, not the header search. The browser host shows no update strip.
 */
import { expect, test } from './fixtures'
import { addAccount } from './desk-page'

test('Ctrl+F focuses the view filter; no update strip in the browser host', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await addAccount(page, sim, { displayName: 'Alpha' })
  await expect(page.getByRole('tree', { name: 'Business unit tree' })).toBeVisible()
  await page.getByRole('tree', { name: 'Business unit tree' }).click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Control+f')
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Filter /)
  await expect(page.getByRole('status', { name: 'Update ready' })).toHaveCount(0)
})
