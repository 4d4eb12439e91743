/**
 * The installed app's strip: "Restart to update" when an update is ready (and what a waiting
 * restart says), and menu clicks replayed as the renderer's own shortcuts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { DeskBridge } from '../../../src/shared/ipc/contract'
import type { MenuCommand, UpdateStatus } from '../../../src/shared/ipc/installed-models'
import { setBridge } from '../../../src/renderer/src/api/client'
import InstalledAppBar from '../../../src/renderer/src/components/InstalledAppBar.vue'
import { focusFilter } from '../../../src/renderer/src/utils/focus-filter'

function fakeBridge(initial: UpdateStatus, onInstall: UpdateStatus) {
  const listeners: { update?: (s: UpdateStatus) => void; menu?: (c: MenuCommand) => void } = {}
  const installUpdate = vi.fn(async () => ({ ok: true as const, value: onInstall }))
  const bridge = {
    getUpdateStatus: async () => ({ ok: true, value: initial }),
    checkForUpdates: async () => ({ ok: true, value: initial }),
    installUpdate,
    onUpdateStatus: (fn: (s: UpdateStatus) => void) => ((listeners.update = fn), () => undefined),
    onMenuCommand: (fn: (c: MenuCommand) => void) => ((listeners.menu = fn), () => undefined)
  } as unknown as DeskBridge
  setBridge(bridge)
  return { listeners, installUpdate }
}

afterEach(() => {
  setBridge(null)
  document.body.innerHTML = ''
})

describe('InstalledAppBar', () => {
  it('shows nothing when updates are not managed here (browser host)', async () => {
    fakeBridge({ state: 'unsupported', currentVersion: '0.1.0', message: 'Updates are managed by the desktop app.' }, { state: 'unsupported', currentVersion: '0.1.0' })
    const wrapper = mount(InstalledAppBar)
    await flushPromises()
    expect(wrapper.text()).toBe('')
  })

  it('offers "Restart to update" when an update is ready, and says when the restart waits', async () => {
    const waiting: UpdateStatus = { state: 'ready', currentVersion: '0.1.0', version: '0.2.0', installPending: true, message: 'Cloutility Desk restarts to update as soon as the running sync has finished.' }
    const { listeners, installUpdate } = fakeBridge({ state: 'downloading', currentVersion: '0.1.0', version: '0.2.0' }, waiting)
    const wrapper = mount(InstalledAppBar)
    await flushPromises()
    expect(wrapper.find('button').exists()).toBe(false)
    listeners.update!({ state: 'ready', currentVersion: '0.1.0', version: '0.2.0' })
    await flushPromises()
    expect(wrapper.text()).toContain('Cloutility Desk 0.2.0 is ready.')
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(installUpdate).toHaveBeenCalledOnce()
    expect(wrapper.text()).toContain('as soon as the running sync has finished')
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('replays menu clicks as Ctrl/Cmd+K and Ctrl/Cmd+digit key presses', async () => {
    const { listeners } = fakeBridge({ state: 'idle', currentVersion: '0.1.0' }, { state: 'idle', currentVersion: '0.1.0' })
    mount(InstalledAppBar)
    await flushPromises()
    const keys: string[] = []
    const spy = (e: KeyboardEvent) => keys.push(`${e.ctrlKey || e.metaKey ? 'mod+' : ''}${e.key}`)
    window.addEventListener('keydown', spy)
    listeners.menu!({ command: 'command-palette' })
    listeners.menu!({ command: 'switch-account', index: 2 })
    window.removeEventListener('keydown', spy)
    expect(keys).toEqual(['mod+k', 'mod+3'])
  })

  it('Ctrl/Cmd+F and the Filter menu item focus the view filter before the header search', async () => {
    const { listeners } = fakeBridge({ state: 'idle', currentVersion: '0.1.0' }, { state: 'idle', currentVersion: '0.1.0' })
    document.body.innerHTML = '<input type="search" aria-label="Search all accounts"><input type="search" aria-label="Filter consumers">'
    mount(InstalledAppBar, { attachTo: document.body })
    await flushPromises()
    listeners.menu!({ command: 'filter' })
    expect((document.activeElement as HTMLInputElement).getAttribute('aria-label')).toBe('Filter consumers')
    ;(document.activeElement as HTMLElement).blur()
    const event = new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
    expect((document.activeElement as HTMLInputElement).getAttribute('aria-label')).toBe('Filter consumers')
    document.body.innerHTML = ''
    expect(focusFilter()).toBe(false)
  })
})
