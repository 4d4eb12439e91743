/**
 * Issue 6, consumption units and nodes: the step-by-step wizard (each step validated, node types
 * filtered by the OS), activation with the portal's suggested name checked live (IBM SP rules,
 * uniqueness, the API's 409 shown next to the field), the name and password shown once with copy
 * buttons that clear the clipboard, the dsm.opt / dsm.sys snippet, edit, password change, proxy
 * relationships from both sides, and deleting a node or a consumer after a confirmation.
 */
import { expect, test } from './fixtures'
import { type Page } from '@playwright/test'
import { createConsumerWithNode, createUnit, estatePage, openRoot, signInAndSync } from './estate-page'
import { portalApi } from './portal-api'

test.use({ simArgs: ['--bunits', '4', '--consumers', '12', '--seed', '7'] })

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
})

const nodeName = (page: Page) => page.getByLabel('Node name', { exact: true })
/** The portal's own refusal of a name taken on its backup server, as the field shows it. */
const PORTAL_409 = "A node named 'DUP-NODE-01' already exists on the backup server."
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText())

async function activateAs(page: Page, name: string): Promise<void> {
  await nodeName(page).fill(name)
  await page.getByRole('button', { name: 'Activate node' }).click()
  await expect(page.getByRole('region', { name: 'Activation result' })).toBeVisible()
}

test('new consumption unit with its node: every step validated, then activation with the suggested name', async ({ page, sim, host }) => {
  await page.clock.install()
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  await createUnit(page, 'Wizard Unit')
  const view = estatePage(page)

  await page.getByRole('button', { name: 'New consumption unit' }).click()
  await expect(view.getByRole('heading', { name: 'New consumption unit' })).toBeVisible()
  // Step 1: the name is required.
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(view.getByText('Name is required')).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('web-01')
  await page.getByLabel('Note').fill('Front end')
  await page.getByRole('button', { name: 'Next' }).click()
  // Step 2: an operating system must be chosen.
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(view.getByText('Choose an operating system')).toBeVisible()
  await page.getByRole('radio', { name: 'Apple macOS' }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  // Step 3: only the node types macOS supports.
  await expect(page.getByRole('radio', { name: 'Workstation' })).toBeVisible()
  await expect(page.getByRole('radio', { name: 'File Server' })).toHaveCount(0)
  // Back keeps the choice; Linux offers more types.
  await page.getByRole('button', { name: 'Back', exact: true }).click()
  await expect(page.getByRole('radio', { name: 'Apple macOS' })).toBeChecked()
  await page.getByRole('radio', { name: 'Linux' }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('radio', { name: 'File Server' })).toBeVisible()
  await page.getByRole('radio', { name: 'File Server' }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  // Step 4: domain, with its retention.
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(view.getByText('Choose a domain')).toBeVisible()
  await expect(page.getByRole('radio', { name: /^1YEAR/ })).toBeVisible()
  await expect(view.getByText('inactive versions kept 365 days')).toBeVisible()
  await page.getByRole('radio', { name: /^30DAYS/ }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  // Step 5: client option set.
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(view.getByText('Choose a client option set')).toBeVisible()
  await page.getByRole('radio', { name: /^FORCE_ENCRYPT/ }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  // Step 6: CPU count and contact.
  await page.getByLabel('CPU count', { exact: true }).fill('abc')
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(view.getByText('CPU count must be a whole number')).toBeVisible()
  await page.getByLabel('CPU count', { exact: true }).fill('0')
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(view.getByText('CPU count is at least 1')).toBeVisible()
  await page.getByLabel('CPU count', { exact: true }).fill('4')
  await page.getByLabel('Contact', { exact: true }).fill('ops@example.com')
  await page.getByRole('button', { name: 'Next' }).click()
  // Review, then create.
  const review = view.getByLabel('Review', { exact: true })
  await expect(review).toContainText('web-01')
  await expect(review).toContainText('Linux')
  await expect(review).toContainText('File Server')
  await expect(review).toContainText('30DAYS')
  await expect(review).toContainText('FORCE_ENCRYPT')
  await page.getByRole('button', { name: 'Create consumption unit' }).click()

  // Activation: the portal's suggestion is pre-filled and checked live.
  await expect(page.getByRole('form', { name: 'Activate' })).toBeVisible()
  await expect(nodeName(page)).not.toHaveValue('')
  await nodeName(page).fill('bad name!')
  await expect(nodeName(page)).toHaveAttribute('aria-invalid', 'true')
  await expect(view.getByText(/may only contain A–Z, 0–9 and _ \. - \+ & \(not space, "!"\)/)).toBeVisible()
  await page.getByRole('button', { name: 'Activate node' }).click() // blocked: nothing sent
  await expect(page.getByRole('form', { name: 'Activate' })).toBeVisible()
  await nodeName(page).fill('X'.repeat(65))
  await expect(view.getByText('at most 64 characters (this one has 65)')).toBeVisible()
  await nodeName(page).fill('web01-wiz')
  await expect(view.getByText('Valid node name. It will be stored as WEB01-WIZ.')).toBeVisible()
  await page.getByRole('button', { name: 'Activate node' }).click()

  // Shown once: name, password, copy buttons, client options.
  const result = page.getByRole('region', { name: 'Activation result' })
  await expect(result.getByLabel('Activated node name')).toHaveText('WEB01-WIZ')
  const password = (await result.getByLabel('Node password').innerText()).trim()
  expect(password.length).toBeGreaterThanOrEqual(8)
  const snippet = result.getByLabel('dsm.sys snippet')
  await expect(snippet).toContainText('SErvername        SP-STO2-01')
  await expect(snippet).toContainText('NODename          WEB01-WIZ')
  await expect(snippet).toContainText('TCPServeraddress  <BACKUP-SERVER-ADDRESS>')
  await expect(snippet).toContainText('PASSWORDAccess    generate')
  await result.getByLabel('Client machine').selectOption('windows')
  await expect(result.getByLabel('dsm.opt snippet')).toContainText('NODename          WEB01-WIZ')
  await expect(result.getByLabel('dsm.opt snippet')).not.toContainText('SErvername')

  // Copy the password: cleared after 30 s when the clipboard still holds it…
  await result.getByRole('button', { name: 'Copy password' }).click()
  await expect(result.getByText('Copied. The clipboard is cleared in 30 seconds.')).toBeVisible()
  expect(await clipboard(page)).toBe(password)
  await page.clock.fastForward(31_000)
  await expect(result.getByText('Clipboard cleared.')).toBeVisible()
  expect(await clipboard(page)).toBe('')
  // …but left alone when something else was copied meanwhile.
  await result.getByRole('button', { name: 'Copy node name' }).click()
  expect(await clipboard(page)).toBe('WEB01-WIZ')
  await page.evaluate(() => navigator.clipboard.writeText('something else'))
  await page.clock.fastForward(31_000)
  expect(await clipboard(page)).toBe('something else')

  // The consumer page shows it activated.
  await page.getByRole('button', { name: 'Open web-01' }).click()
  await expect(view.getByRole('heading', { level: 2, name: 'web-01' })).toBeVisible()
  const node = view.getByRole('region', { name: 'Backup node' })
  await expect(node).toContainText('WEB01-WIZ')
  await expect(node).toContainText('FORCE_ENCRYPT')
  await expect(node).toContainText('ops@example.com')
})

test('activation: a name the cache knows is taken is flagged live, and main refuses it naming its consumer', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  await createUnit(page, 'Dup Unit')
  await createConsumerWithNode(page, 'first')
  await activateAs(page, 'DUP-NODE-01')
  await page.getByRole('button', { name: 'Open first' }).click()
  await page.getByRole('button', { name: '← Back' }).click() // to the unit: the wizard was replaced by the consumer

  await createConsumerWithNode(page, 'second')
  await nodeName(page).fill('dup-node-01')
  await expect(nodeName(page)).toHaveAccessibleDescription(/^DUP-NODE-01 is already used by another node \(in .*Dup Unit\)\.$/)
  await expect(nodeName(page)).toHaveAttribute('aria-invalid', 'true')
  await page.getByRole('button', { name: 'Activate node' }).click()
  // Main checks its cache before calling the portal: its refusal names the consumer, in place.
  await expect(nodeName(page)).toHaveAccessibleDescription('The node name DUP-NODE-01 is already used by first.')
  await expect(nodeName(page)).toHaveAttribute('aria-invalid', 'true')
  await expect(nodeName(page)).toHaveValue('dup-node-01') // nothing lost
  // Resume: the consumer and node exist; only activation is retried.
  await activateAs(page, 'DUP-NODE-02')
  await page.getByRole('button', { name: 'Open second' }).click()
  await page.getByRole('button', { name: '← Back' }).click()
  await page.getByLabel('Filter consumers').fill('second')
  await expect(estatePage(page).getByLabel('Consumer count')).toHaveText('1 of 2')
})

test('activation: a name taken on the portal since the last sync gets the portal’s 409 next to the field, and nothing else changes', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  await createUnit(page, 'Dup Unit')
  await createConsumerWithNode(page, 'first')
  await page.getByRole('button', { name: 'Skip: activate later' }).click()
  await page.getByRole('button', { name: '← Back' }).click()

  // A colleague activates first's node on the portal: the app's cache still has it unnamed.
  const portal = await portalApi(sim)
  const unit = await portal.unit('Dup Unit')
  const first = await portal.consumer(unit.id, 'first')
  await portal.call('GET', `bunits/${unit.id}/consumers/${first.id}/node/activate?tsmName=DUP-NODE-01`)

  await createConsumerWithNode(page, 'second')
  await nodeName(page).fill('dup-node-01')
  // Neither the live check nor main's check knows the name: it goes to the portal.
  await expect(nodeName(page)).toHaveAccessibleDescription('Valid node name. It will be stored as DUP-NODE-01.')
  await page.getByRole('button', { name: 'Activate node' }).click()
  await expect(nodeName(page)).toHaveAccessibleDescription(PORTAL_409)
  await expect(nodeName(page)).toHaveAttribute('aria-invalid', 'true')
  await expect(nodeName(page)).toHaveValue('dup-node-01')
  await expect(page.getByRole('form', { name: 'Activate' })).toBeVisible()
  await expect(estatePage(page).getByRole('alert')).toHaveCount(0) // said once, beside the field

  // Nothing else was created or changed on the portal: two consumers, second's node still inactive.
  const { items } = await portal.call<{ items: { id: number; name: string }[] }>('GET', `bunits/${unit.id}/consumers`)
  expect(items.map((c) => c.name).sort()).toEqual(['first', 'second'])
  const second = items.find((c) => c.name === 'second')!
  const node = await portal.call<{ tsmName?: string; activatedDate?: string }>('GET', `bunits/${unit.id}/consumers/${second.id}/node`)
  expect(node.activatedDate).toBeUndefined()
  expect(node.tsmName).toBeUndefined()
})

test('edit, change the password, proxies from both sides, delete a node and a consumer', async ({ page, sim, host }) => {
  await page.goto(host.openUrl)
  await signInAndSync(page, sim)
  await openRoot(page)
  await createUnit(page, 'Ops Unit')
  const view = estatePage(page)
  await createConsumerWithNode(page, 'agent-box')
  await activateAs(page, 'AGENT-BOX')
  await page.getByRole('button', { name: 'Open agent-box' }).click()
  await page.getByRole('button', { name: '← Back' }).click() // to the unit: the wizard was replaced by the consumer
  await createConsumerWithNode(page, 'target-box', { os: 'Microsoft Windows' })
  await activateAs(page, 'TARGET-BOX')
  await expect(page.getByRole('region', { name: 'Activation result' }).getByLabel('dsm.opt snippet')).toBeVisible() // Windows
  await page.getByRole('button', { name: 'Open target-box' }).click()

  // Edit the consumer and its node.
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await page.getByLabel('Name', { exact: true }).fill('')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(view.getByText('Name is required')).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('target-box-2')
  await page.getByLabel('Contact', { exact: true }).fill('night@example.com')
  await page.getByLabel('CPU count', { exact: true }).fill('8')
  await page.getByLabel('Domain').selectOption({ label: '1YEAR' })
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(view.getByRole('heading', { level: 2, name: 'target-box-2' })).toBeVisible()
  const node = view.getByRole('region', { name: 'Backup node' })
  await expect(node).toContainText('night@example.com')
  await expect(node).toContainText('1YEAR')
  await expect(node).toContainText('8')

  // Change the node password: typed (checked) then generated.
  await page.getByRole('button', { name: 'Change node password' }).click()
  await page.getByRole('radio', { name: 'Type a password' }).check()
  await page.getByLabel('Password', { exact: true }).fill('short')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(view.getByText('A node password has at least 8 characters')).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill('Correct-Horse-42')
  await page.getByLabel('Confirm password').fill('Correct-Horse-43')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(view.getByText('The passwords do not match')).toBeVisible()
  await page.getByLabel('Confirm password').fill('Correct-Horse-42')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(view.getByRole('region', { name: 'New node password' }).getByLabel('Node password')).toHaveText('Correct-Horse-42')
  await page.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Change node password' }).click()
  await page.getByRole('button', { name: 'Change password' }).click() // generated
  const generated = view.getByRole('region', { name: 'New node password' }).getByLabel('Node password')
  await expect(generated).toHaveText(/^\S{8,64}$/)
  await page.getByRole('button', { name: 'Done' }).click()

  // Proxy: agent-box becomes an agent of target-box-2 (added from the target's side)…
  const agents = view.getByRole('group', { name: 'Proxy agents' })
  await agents.getByLabel('New proxy agent').selectOption({ label: 'agent-box (AGENT-BOX)' })
  await agents.getByRole('button', { name: 'Add agent' }).click()
  await expect(agents.getByRole('button', { name: 'agent-box (AGENT-BOX)' })).toBeVisible()
  // …and the other side shows target-box-2 as its target.
  await agents.getByRole('button', { name: 'agent-box (AGENT-BOX)' }).click()
  await expect(view.getByRole('heading', { level: 2, name: 'agent-box' })).toBeVisible()
  const targets = view.getByRole('group', { name: 'Proxy targets' })
  await expect(targets.getByRole('button', { name: 'target-box-2 (TARGET-BOX)' })).toBeVisible()
  // Remove from the agent's side; the target's side updates too.
  await targets.getByRole('button', { name: 'Remove target target-box-2' }).click()
  await expect(targets).toContainText('No proxy targets.')
  // Add again from this (agent) side, for the delete below.
  await targets.getByLabel('New proxy target').selectOption({ label: 'target-box-2 (TARGET-BOX)' })
  await targets.getByRole('button', { name: 'Add target' }).click()
  await expect(targets.getByRole('button', { name: 'target-box-2 (TARGET-BOX)' })).toBeVisible()

  // Delete the consumer: refused while it has proxy relationships, unless associations go too.
  await page.getByRole('button', { name: 'Delete consumption unit' }).click()
  let dialog = page.getByRole('dialog', { name: 'Delete consumption unit “agent-box”?' })
  await expect(dialog).toContainText('and its backup node AGENT-BOX')
  await dialog.getByLabel('Deletion comment').fill('Machine retired')
  await dialog.getByRole('button', { name: 'Delete consumption unit' }).click()
  await expect(dialog.getByRole('alert')).toContainText('has proxy relationships')
  await expect(dialog.getByLabel('Deletion comment')).toHaveValue('Machine retired')
  await dialog.getByLabel('Delete associations').check()
  await dialog.getByRole('button', { name: 'Delete consumption unit' }).click()
  await expect(dialog).toBeHidden()
  await expect(view.getByRole('heading', { level: 2, name: 'Ops Unit' })).toBeVisible()
  await expect(view.getByRole('table', { name: 'Consumers' }).getByRole('button', { name: 'agent-box' })).toHaveCount(0)
  // The deletion comment is in the unit's audit log.
  await expect(view.getByRole('region', { name: 'Audit log' })).toContainText('Machine retired')

  // Delete only the node of target-box-2 (the portal removes the consumption unit with it).
  await view.getByRole('table', { name: 'Consumers' }).getByRole('button', { name: 'target-box-2' }).click()
  await expect(view.getByRole('group', { name: 'Proxy agents' })).toContainText('No proxy agents.')
  await page.getByRole('button', { name: 'Delete node' }).click()
  dialog = page.getByRole('dialog', { name: 'Delete backup node of “target-box-2”?' })
  await expect(dialog).toContainText('TARGET-BOX')
  await expect(dialog).toContainText('removes the consumption unit together with its node')
  await dialog.getByRole('button', { name: 'Delete node' }).click()
  await expect(dialog).toBeHidden()
  await expect(view.getByRole('heading', { level: 2, name: 'Ops Unit' })).toBeVisible()
  await expect(view.getByText('No consumption units in this unit.')).toBeVisible()
})
