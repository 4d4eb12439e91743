/** The Health view's problem table and tree badges, mounted with real props (no bridge). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import ProblemTable from '../../../src/renderer/src/views/health/ProblemTable.vue'
import BusinessUnitTree from '../../../src/renderer/src/views/estate/BusinessUnitTree.vue'
import type { HealthRow } from '../../../src/shared/ipc/health-models'
import { healthRow } from './health-fixtures'

const rows: HealthRow[] = [
  healthRow({ consumerName: 'warn-box', state: 'warning', storedMB: 5000 }),
  healthRow({ consumerName: 'fail-box', state: 'failed', storedMB: 10, accountName: 'Bravo', accountId: 'b' }),
  healthRow({ consumerName: 'miss-box', state: 'missed', storedMB: 900 })
]

function names(wrapper: ReturnType<typeof mount>): string[] {
  return wrapper.findAll('[role=row][aria-rowindex]').filter((r) => r.attributes('aria-rowindex') !== '1').map((r) => r.findAll('[role=gridcell]')[2]!.text())
}

// happy-dom lays nothing out: every element reports a 1200×400 px client box, so the virtualizer sees a
// viewport and renders the rows in it (the real layout is covered by the e2e test).
const realHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')
const realWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { get: () => 400, configurable: true })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { get: () => 1200, configurable: true })
})
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth
  if (realHeight) Object.defineProperty(Element.prototype, 'clientHeight', realHeight)
  if (realWidth) Object.defineProperty(Element.prototype, 'clientWidth', realWidth)
})

async function mountTable(filter = ''): Promise<ReturnType<typeof mount>> {
  const wrapper = mount(ProblemTable, { props: { rows, filter, colors: { a: '#ff0000' } }, attachTo: document.body })
  await nextTick()
  return wrapper
}

describe('ProblemTable', () => {
  it('is a grid sorted worst first, and a header click sorts by that column', async () => {
    const wrapper = await mountTable()
    const grid = wrapper.get('[role=grid]')
    expect(grid.attributes('aria-label')).toBe('Backup problems')
    expect(grid.attributes('aria-rowcount')).toBe('4')
    expect(names(wrapper)).toEqual(['fail-box', 'miss-box', 'warn-box'])
    expect(wrapper.get('[role=columnheader].state').attributes('aria-sort')).toBe('descending')

    await wrapper.get('[role=columnheader].stored button').trigger('click')
    await nextTick()
    // Sizes sort largest first (where storage runs away), a second click turns the order round.
    expect(names(wrapper)).toEqual(['warn-box', 'miss-box', 'fail-box'])
    expect(wrapper.get('[role=columnheader].stored').attributes('aria-sort')).toBe('descending')
    expect(wrapper.get('[role=columnheader].state').attributes('aria-sort')).toBe('none')
    await wrapper.get('[role=columnheader].stored button').trigger('click')
    await nextTick()
    expect(names(wrapper)).toEqual(['fail-box', 'miss-box', 'warn-box'])
    expect(wrapper.get('[role=columnheader].stored').attributes('aria-sort')).toBe('ascending')
    wrapper.unmount()
  })

  it('filters by text and opens the active row with Enter or a click', async () => {
    const wrapper = await mountTable('bravo')
    expect(names(wrapper)).toEqual(['fail-box'])
    expect(wrapper.get('.count').text()).toBe('1 of 3 problems shown')
    await wrapper.setProps({ filter: '' })
    await nextTick()
    const grid = wrapper.get('[role=grid]')
    await grid.trigger('keydown', { key: 'ArrowDown' })
    expect(grid.attributes('aria-activedescendant')).toBe('problem-row-1')
    await grid.trigger('keydown', { key: 'Enter' })
    expect((wrapper.emitted('open')?.[0]?.[0] as HealthRow).consumerName).toBe('miss-box')
    await wrapper.findAll('[role=row].data-row')[2]!.trigger('click')
    expect((wrapper.emitted('open')?.[1]?.[0] as HealthRow).consumerName).toBe('warn-box')
    wrapper.unmount()
  })
})

describe('BusinessUnitTree badges', () => {
  it('shows a badge coloured by the worst state, its problem count told in the row description', () => {
    const root = { id: 1, name: 'Root', parentId: null, consumerCount: 1, totalConsumerCount: 3, children: [{ id: 2, name: 'Sub', parentId: 1, consumerCount: 2, totalConsumerCount: 2, children: [] }] }
    const badges = new Map([[1, { bunitId: 1, worst: 'failed' as const, problems: 3 }]])
    const wrapper = mount(BusinessUnitTree, { props: { root, badges } })
    const badge = wrapper.get('.health-badge')
    expect(badge.classes()).toContain('failed')
    expect(badge.attributes('data-problems')).toBe('3')
    expect(badge.attributes('title')).toBe('3 backup problems')
    // The row keeps the unit's name; the problems (then the counts) are its description.
    expect(wrapper.get('[role=treeitem]').attributes('aria-description')).toMatch(/^3 backup problems; 1 consumption unit here, 3 with sub-units$/)
  })
})
