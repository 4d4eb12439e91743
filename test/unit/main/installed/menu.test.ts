/**
 * The application menu: platform conventions, development-only items, and shortcuts that match the
 * renderer's (one list in src/shared/shortcuts.ts). The shell part runs with the electron module
 * mocked: the template is built into the menu, actions reach the clipboard, shell and renderer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

process.env.DESK_QUIET = '1'

const electron = vi.hoisted(() => ({
  built: null as MenuItemConstructorOptions[] | null,
  applied: 0,
  clipboard: '',
  opened: [] as string[],
  external: [] as string[],
  boxes: [] as { message?: string; detail?: string }[]
}))
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
      electron.built = template
      return { template }
    },
    setApplicationMenu: () => {
      electron.applied++
    }
  },
  clipboard: { writeText: (text: string) => (electron.clipboard = text) },
  shell: { openPath: async (p: string) => (electron.opened.push(p), ''), openExternal: async (u: string) => void electron.external.push(u) },
  dialog: { showMessageBox: async (options: { message?: string; detail?: string }) => (electron.boxes.push(options), { response: 0 }) },
  BrowserWindow: { getFocusedWindow: () => null, getAllWindows: () => [] }
}))

const { buildMenuTemplate, DOCS_URL } = await import('../../../../src/main/installed/menu-template')
const { installApplicationMenu } = await import('../../../../src/main/shell/menu')
const { SHORTCUTS, accountShortcut } = await import('../../../../src/shared/shortcuts')
type MenuCommand = import('../../../../src/shared/ipc/installed-models').MenuCommand

const noop = { command: () => {}, showAbout: () => {}, checkForUpdates: () => {}, copyDiagnostics: () => {}, openLogsFolder: () => {}, openDocs: () => {} }
const context = (platform: NodeJS.Platform, development = false, accountNames: string[] = []) => ({ platform, development, appName: 'Cloutility Desk', accountNames })

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])
}
const labels = (template: MenuItemConstructorOptions[]) => template.map((m) => m.label)
const find = (template: MenuItemConstructorOptions[], id: string) => items(template).find((i) => i.id === id)
const roles = (template: MenuItemConstructorOptions[]) => items(template).map((i) => i.role).filter(Boolean)

describe('menu template', () => {
  it('follows macOS conventions: the app menu first, with About, updates, services and quit', () => {
    const t = buildMenuTemplate(context('darwin'), noop)
    expect(labels(t)).toEqual(['Cloutility Desk', '&Edit', '&View', '&Window', '&Help'])
    const appMenu = t[0]!.submenu as MenuItemConstructorOptions[]
    expect(appMenu.map((i) => i.id ?? i.role ?? i.type)).toEqual(['about', 'check-updates', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit'])
    expect(roles(t)).toContain('pasteAndMatchStyle')
    expect(roles(t)).toContain('front')
  })

  it('follows Windows/Linux conventions: File › Quit, About and updates under Help', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const t = buildMenuTemplate(context(platform), noop)
      expect(labels(t)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help'])
      const help = (t[4]!.submenu as MenuItemConstructorOptions[]).map((i) => i.id ?? i.type)
      expect(help).toEqual(['docs', 'separator', 'copy-diagnostics', 'open-logs', 'separator', 'check-updates', 'about'])
      expect(roles(t)).not.toContain('services')
    }
  })

  it('has copy and paste everywhere, zoom always, and reload and developer tools only in development', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const production = roles(buildMenuTemplate(context(platform, false), noop))
      expect(production).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo', 'zoomIn', 'zoomOut', 'resetZoom']))
      expect(production).not.toContain('reload')
      expect(production).not.toContain('forceReload')
      expect(production).not.toContain('toggleDevTools')
      expect(roles(buildMenuTemplate(context(platform, true), noop))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
    }
  })

  it("shows the renderer's shortcuts: Cmd/Ctrl+K, Cmd/Ctrl+F and Cmd/Ctrl+1–9 for the accounts", () => {
    const names = Array.from({ length: 11 }, (_, i) => `Account ${i + 1}`)
    const t = buildMenuTemplate(context('linux', false, names), noop)
    expect(find(t, 'command-palette')?.accelerator).toBe('CmdOrCtrl+K')
    expect(find(t, 'filter')?.accelerator).toBe('CmdOrCtrl+F')
    expect(SHORTCUTS.commandPalette).toEqual({ key: 'k', accelerator: 'CmdOrCtrl+K' })
    expect(SHORTCUTS.filter).toEqual({ key: 'f', accelerator: 'CmdOrCtrl+F' })
    const accounts = items(t).filter((i) => i.id?.startsWith('account-'))
    expect(accounts.map((i) => i.label)).toEqual(names.slice(0, 9))
    expect(accounts.map((i) => i.accelerator)).toEqual(Array.from({ length: 9 }, (_, i) => `CmdOrCtrl+${i + 1}`))
    expect(accountShortcut(3).key).toBe('3')
    // Off macOS the renderer handles the keys itself; the menu only shows them.
    for (const item of [find(t, 'filter'), find(t, 'command-palette'), ...accounts]) expect(item?.registerAccelerator).toBe(false)
    expect(find(buildMenuTemplate(context('darwin', false, names), noop), 'filter')?.registerAccelerator).toBeUndefined()
  })

  it('forwards renderer-owned items as menu commands', () => {
    const commands: MenuCommand[] = []
    const t = buildMenuTemplate(context('win32', false, ['A', 'B']), { ...noop, command: (c) => commands.push(c) })
    const click = (id: string) => (find(t, id)!.click as () => void)()
    click('command-palette')
    click('filter')
    click('account-2')
    expect(commands).toEqual([{ command: 'command-palette' }, { command: 'filter' }, { command: 'switch-account', index: 1 }])
  })
})

describe('installing the menu (electron mocked)', () => {
  beforeEach(() => {
    electron.built = null
    electron.applied = 0
    electron.clipboard = ''
    electron.opened.length = 0
    electron.external.length = 0
    electron.boxes.length = 0
  })

  const options = (forwarded: MenuCommand[] = []) => ({
    context: { platform: 'linux' as const, development: false, appName: 'Cloutility Desk' },
    appVersion: '1.2.3',
    versions: { electron: '45.5.0', chrome: '140.0', node: '22.0.0', v8: '14.0' },
    forward: (c: MenuCommand) => forwarded.push(c),
    diagnostics: () => 'Cloutility Desk diagnostics\nAccounts: 2\n',
    logsFolder: '/home/me/.config/Cloutility Desk/logs',
    checkForUpdates: async () => ({ state: 'up-to-date' as const, currentVersion: '1.2.3' })
  })
  const click = (id: string) => (find(electron.built!, id)!.click as () => void)()

  it('sets the menu, and rebuilds it only when the account names change', () => {
    const rebuild = installApplicationMenu(options(), ['A'])
    expect(electron.applied).toBe(1)
    rebuild(['A'])
    expect(electron.applied).toBe(1)
    rebuild(['A', 'B'])
    expect(electron.applied).toBe(2)
    expect(find(electron.built!, 'account-2')?.label).toBe('B')
  })

  it('copies diagnostics, opens the logs folder and the docs, shows About with versions', async () => {
    installApplicationMenu(options(), [])
    click('copy-diagnostics')
    expect(electron.clipboard).toContain('Accounts: 2')
    click('open-logs')
    expect(electron.opened).toEqual(['/home/me/.config/Cloutility Desk/logs'])
    click('docs')
    expect(electron.external).toEqual([DOCS_URL])
    click('about')
    expect(electron.boxes.at(-1)).toMatchObject({ message: 'Cloutility Desk 1.2.3', detail: expect.stringContaining('Electron 45.5.0') })
    click('check-updates')
    await vi.waitFor(() => expect(electron.boxes.at(-1)?.message).toBe('Cloutility Desk 1.2.3 is the latest version.'))
  })

  it('forwards Ctrl+K / Ctrl+F / Ctrl+digit clicks to the renderer', () => {
    const forwarded: MenuCommand[] = []
    installApplicationMenu(options(forwarded), ['A'])
    click('command-palette')
    click('account-1')
    expect(forwarded).toEqual([{ command: 'command-palette' }, { command: 'switch-account', index: 0 }])
  })
})
