/**
 * Helpers for the Health end-to-end tests: plant backup failures on a running simulator through
 * its test control (`POST /_sim/health`, started with --test-control), read a consumer's name
 * from the portal API, and find the Health view's parts.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import type { SimProcess } from '../helpers/processes'
import { portalApi } from './portal-api'

export type PlantedStatus = 'failed' | 'missed' | 'warning' | 'ok'

export interface Planted {
  consumerId: number
  bunitId: number
  name: string
}

/** Plants (or, with 'ok', clears) a status on the consumer's last `days` nights. */
export async function plantHealth(sim: Pick<SimProcess, 'apiUrl'>, consumerId: number, status: PlantedStatus, days = 1): Promise<Response> {
  return fetch(new URL('/_sim/health', sim.apiUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ consumerId, status, days })
  })
}

/**
 * Plants a status on the first consumer (by id, skipping `taken`) that has an activated node; the
 * simulator answers 409 for the others (no node, so no reports). Returns it with its name.
 */
export async function plantOnSomeConsumer(sim: Pick<SimProcess, 'apiUrl'>, status: PlantedStatus, days: number, taken: ReadonlySet<number> = new Set()): Promise<Planted> {
  for (let id = 1; id < 500; id++) {
    if (taken.has(id)) continue
    const response = await plantHealth(sim, id, status, days)
    if (response.status === 409 || response.status === 404) continue
    expect(response.status, await response.clone().text()).toBe(200)
    const planted = (await response.json()) as { consumerId: number; businessUnitId: number }
    const portal = await portalApi(sim)
    const { name } = await portal.call<{ name: string }>('GET', `bunits/${planted.businessUnitId}/consumers/${planted.consumerId}`)
    return { consumerId: planted.consumerId, bunitId: planted.businessUnitId, name }
  }
  throw new Error('no consumer with an activated node on this simulator')
}

export const healthView = (page: Page): Locator => page.getByRole('region', { name: 'Backup health' })
export const problemGrid = (page: Page): Locator => healthView(page).getByRole('grid', { name: 'Backup problems' })
/** The rows of the problem list in the DOM (the list is virtualized: those in sight). */
export const problemRows = (page: Page): Locator => problemGrid(page).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])')
export const accountHealth = (page: Page, accountName: string): Locator => healthView(page).getByRole('region', { name: `Health of ${accountName}` })

/** Opens the Health view from the sidebar. */
export async function openHealth(page: Page): Promise<void> {
  await page.getByRole('complementary').getByRole('button', { name: /^Health/ }).click()
  await expect(healthView(page)).toBeVisible()
}

/** The problem rows after filtering by text, e.g. "Alpha mail-server". */
export async function filterProblems(page: Page, text: string): Promise<void> {
  await healthView(page).getByLabel('Filter problems').fill(text)
}

/** The state cell's text of each row in sight, top to bottom. */
export async function stateTexts(page: Page): Promise<string[]> {
  return problemRows(page).locator('.cell.state').allInnerTexts()
}
