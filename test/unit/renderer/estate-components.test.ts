/** Small components mounted with real props (no bridge: they make no calls). */
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ListState from '../../../src/renderer/src/components/ListState.vue'
import ConfirmDialog from '../../../src/renderer/src/components/ConfirmDialog.vue'
import ActivationResultPanel from '../../../src/renderer/src/views/wizards/ActivationResultPanel.vue'
import BusinessUnitTree from '../../../src/renderer/src/views/estate/BusinessUnitTree.vue'

describe('ListState', () => {
  it('shows loading, error with retry, empty, or the content', async () => {
    expect(mount(ListState, { props: { what: 'consumers', loading: true, empty: true } }).get('[role=status]').text()).toBe('Loading consumers…')
    const failed = mount(ListState, { props: { what: 'consumers', error: 'offline' } })
    expect(failed.get('[role=alert]').text()).toContain('Could not load consumers: offline')
    await failed.get('button').trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)
    expect(mount(ListState, { props: { what: 'consumers', empty: true, emptyText: 'None here.' } }).text()).toBe('None here.')
    expect(mount(ListState, { props: { what: 'x' }, slots: { default: '<p>rows</p>' } }).text()).toBe('rows')
  })
})

describe('ConfirmDialog', () => {
  it('is a labelled dialog naming what will happen; Escape cancels; errors show inside', async () => {
    const wrapper = mount(ConfirmDialog, {
      props: { title: 'Delete business unit “Sales”?', confirmLabel: 'Delete business unit', error: 'still has 2 consumption unit(s)' },
      slots: { default: 'This deletes Sales.' },
      attachTo: document.body
    })
    const dialog = wrapper.get('[role=dialog]')
    const title = wrapper.get(`#${dialog.attributes('aria-labelledby')}`)
    expect(title.text()).toBe('Delete business unit “Sales”?')
    expect(wrapper.get(`#${dialog.attributes('aria-describedby')}`).text()).toBe('This deletes Sales.')
    expect(wrapper.get('[role=alert]').text()).toContain('still has 2')
    await dialog.trigger('keydown', { key: 'Escape' })
    expect(wrapper.emitted('cancel')).toHaveLength(1)
    await wrapper.findAll('button').find((b) => b.text() === 'Delete business unit')?.trigger('click')
    expect(wrapper.emitted('confirm')).toHaveLength(1)
    wrapper.unmount()
  })
})

describe('ActivationResultPanel', () => {
  it('shows the name and password with copy buttons and the snippet for the OS', () => {
    const wrapper = mount(ActivationResultPanel, { props: { result: { tsmName: 'WEB01', password: 'pw-123456' }, osName: 'Linux', serverName: 'SP1' } })
    expect(wrapper.get('[aria-label="Activated node name"]').text()).toBe('WEB01')
    expect(wrapper.get('[aria-label="Node password"]').text()).toBe('pw-123456')
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Copy node name', 'Copy password', 'Copy dsm.sys'])
    expect(wrapper.get('[aria-label="dsm.sys snippet"]').text()).toContain('SErvername        SP1')
  })
})

describe('BusinessUnitTree', () => {
  it('shows each unit’s consumer count (here / with sub-units)', () => {
    const root = {
      id: 1, parentId: null, name: 'Acme', consumerCount: 2, totalConsumerCount: 5,
      children: [{ id: 2, parentId: 1, name: 'Sales', consumerCount: 3, totalConsumerCount: 3, children: [] }]
    }
    const wrapper = mount(BusinessUnitTree, { props: { root, selectedId: null } })
    const counts = wrapper.findAll('.consumer-count')
    // Drawn by CSS from data-count; said as the row's description (the row's name stays the unit's).
    expect(counts.map((c) => c.attributes('data-count'))).toEqual(['2 / 5', '3'])
    expect(counts[0]?.attributes('title')).toBe('2 consumption units here, 5 with sub-units')
    expect(wrapper.findAll('[role="treeitem"]')[0]?.attributes('aria-description')).toBe('2 consumption units here, 5 with sub-units')
  })
})

describe('BusinessUnitTree follows navigation and the keyboard (issue 11)', () => {
  const leaf = (id: number, parentId: number, name: string) => ({ id, parentId, name, consumerCount: 0, totalConsumerCount: 0, children: [] })
  const root = {
    id: 1, parentId: null, name: 'Acme', consumerCount: 0, totalConsumerCount: 0,
    children: [
      { id: 2, parentId: 1, name: 'Sales', consumerCount: 0, totalConsumerCount: 0, children: [{ ...leaf(4, 2, 'Stockholm'), children: [leaf(5, 4, 'Kista')] }] },
      leaf(3, 1, 'Support')
    ]
  }
  const names = (w: ReturnType<typeof mount>) => w.findAll('[role="treeitem"]').map((r) => r.attributes('aria-label'))
  const active = (w: ReturnType<typeof mount>) => {
    const id = w.get('[role="tree"]').attributes('aria-activedescendant')
    return w.findAll('[role="treeitem"]').find((r) => r.attributes('id') === id)?.attributes('aria-label')
  }

  it('opens the path to the selected unit (a jump, a new unit) and makes it the active row', async () => {
    const wrapper = mount(BusinessUnitTree, { props: { root, selectedId: null } })
    expect(names(wrapper)).toEqual(['Acme', 'Sales', 'Support'])
    await wrapper.setProps({ selectedId: 5 })
    await flushPromises()
    expect(names(wrapper)).toEqual(['Acme', 'Sales', 'Stockholm', 'Kista', 'Support'])
    expect(active(wrapper)).toBe('Kista')
    expect(wrapper.find('[aria-selected="true"]').attributes('aria-label')).toBe('Kista')
  })

  it('← goes to the parent then collapses, → expands then enters, Home/End, type-ahead, Enter opens', async () => {
    const wrapper = mount(BusinessUnitTree, { props: { root, selectedId: 4 } })
    await flushPromises()
    const tree = wrapper.get('[role="tree"]')
    const key = (k: string) => tree.trigger('keydown', { key: k })
    expect(active(wrapper)).toBe('Stockholm')
    await key('ArrowLeft') // Stockholm is collapsed: to its parent
    expect(active(wrapper)).toBe('Sales')
    await key('ArrowLeft') // Sales is open: collapse it
    expect(names(wrapper)).toEqual(['Acme', 'Sales', 'Support'])
    await key('ArrowRight') // expand
    await key('ArrowRight') // into the first child
    expect(active(wrapper)).toBe('Stockholm')
    await key('End')
    expect(active(wrapper)).toBe('Support')
    await key('Home')
    expect(active(wrapper)).toBe('Acme')
    await key('s')
    expect(active(wrapper)).toBe('Sales')
    await key('Enter')
    expect(wrapper.emitted('select')?.at(-1)?.[0]).toMatchObject({ id: 2 })
  })
})
