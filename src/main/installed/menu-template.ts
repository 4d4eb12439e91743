/**
 * The application menu as data, following each platform's conventions: on macOS the app menu
 * (About, Check for Updates, Services, Hide, Quit), elsewhere File › Quit with About and updates
 * under Help. Edit has the clipboard roles (copy/paste work in every field) plus the renderer's
 * filter and command palette; View has zoom, with reload and developer tools only in development;
 * Window lists the first nine accounts under Ctrl/Cmd+1–9; Help has the documentation, "Copy
 * diagnostics" and "Open logs folder". The shell (src/main/shell/menu.ts) builds it with Electron.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/ipc/installed-models'
import { ACCOUNT_SHORTCUT_COUNT, SHORTCUTS, accountShortcut } from '../../shared/shortcuts'

export const DOCS_URL = 'https://github.com/cloutility-desk/cloutility-desk#readme'

export interface MenuActions {
  /** Forwarded to the renderer, which owns these shortcuts. */
  command(command: MenuCommand): void
  showAbout(): void
  checkForUpdates(): void
  copyDiagnostics(): void
  openLogsFolder(): void
  openDocs(): void
}

export interface MenuContext {
  platform: NodeJS.Platform
  /** Unpackaged build: reload and developer tools appear. */
  development: boolean
  appName: string
  /** Display names of the accounts in switcher order (labels for Ctrl/Cmd+1–9). */
  accountNames: string[]
}

export function buildMenuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin'
  // Off macOS the renderer sees these keys itself; the menu only shows them (and forwards clicks).
  const rendererOwned = mac ? {} : { registerAccelerator: false }
  const about: MenuItemConstructorOptions = { id: 'about', label: `About ${context.appName}`, click: () => actions.showAbout() }
  const updates: MenuItemConstructorOptions = { id: 'check-updates', label: 'Check for Updates…', click: () => actions.checkForUpdates() }

  const appMenu: MenuItemConstructorOptions = {
    label: context.appName,
    submenu: [about, updates, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }]
  }
  const fileMenu: MenuItemConstructorOptions = { label: '&File', submenu: [{ role: 'quit' }] }

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      { type: 'separator' },
      { id: 'filter', label: 'Filter…', accelerator: SHORTCUTS.filter.accelerator, ...rendererOwned, click: () => actions.command({ command: 'filter' }) },
      {
        id: 'command-palette',
        label: 'Go to…',
        accelerator: SHORTCUTS.commandPalette.accelerator,
        ...rendererOwned,
        click: () => actions.command({ command: 'command-palette' })
      }
    ]
  }

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(context.development ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }

  const accounts: MenuItemConstructorOptions[] = context.accountNames.slice(0, ACCOUNT_SHORTCUT_COUNT).map((name, i) => ({
    id: `account-${i + 1}`,
    label: name,
    accelerator: accountShortcut(i + 1).accelerator,
    ...rendererOwned,
    click: () => actions.command({ command: 'switch-account', index: i })
  }))
  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: [
      { role: 'minimize' },
      ...(mac ? [{ role: 'zoom' } as const, { type: 'separator' } as const, { role: 'front' } as const] : [{ role: 'close' } as const]),
      ...(accounts.length > 0 ? [{ type: 'separator' } as const, ...accounts] : [])
    ]
  }

  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { id: 'docs', label: `${context.appName} Documentation`, click: () => actions.openDocs() },
      { type: 'separator' },
      { id: 'copy-diagnostics', label: 'Copy Diagnostics', click: () => actions.copyDiagnostics() },
      { id: 'open-logs', label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
      ...(mac ? [] : [{ type: 'separator' } as const, updates, about])
    ]
  }

  return [...(mac ? [appMenu] : [fileMenu]), editMenu, viewMenu, windowMenu, helpMenu]
}
