/**
 * Installs the application menu (template: src/main/installed/menu-template.ts) and carries out
 * its actions with Electron: the About box with versions, a manual update check with its answer,
 * "Copy diagnostics" to the clipboard, the logs folder, the documentation. The menu is rebuilt
 * when the account list changes, so Ctrl/Cmd+1–9 show the accounts' names.
 */
import { BrowserWindow, Menu, clipboard, dialog, shell } from 'electron'
import { buildMenuTemplate, DOCS_URL, type MenuActions, type MenuContext } from '../installed/menu-template'
import type { MenuCommand, UpdateStatus } from '../../shared/ipc/installed-models'
import { log } from '../log'

export interface DesktopMenuOptions {
  context: Omit<MenuContext, 'accountNames'>
  appVersion: string
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>
  /** Forwards a renderer-owned shortcut's click (as the `menuCommand` event). */
  forward(command: MenuCommand): void
  diagnostics(): string
  logsFolder: string | null
  checkForUpdates(): Promise<UpdateStatus>
}

function message(options: Electron.MessageBoxOptions): void {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))
}

export function menuActions(options: DesktopMenuOptions): MenuActions {
  const name = options.context.appName
  return {
    command: (command) => options.forward(command),
    showAbout: () => {
      const v = options.versions
      message({
        type: 'info',
        title: `About ${name}`,
        message: `${name} ${options.appVersion}`,
        detail: `Electron ${v.electron ?? '-'}\nChromium ${v.chrome ?? '-'}\nNode ${v.node ?? '-'}\nV8 ${v.v8 ?? '-'}\n${process.platform} ${process.arch}`,
        buttons: ['OK']
      })
    },
    checkForUpdates: () => {
      void options.checkForUpdates().then((status) => {
        const text: Record<UpdateStatus['state'], string> = {
          unsupported: status.message ?? 'Updates are not available in this build.',
          idle: 'No update check has run yet.',
          checking: 'Checking for updates…',
          'up-to-date': `${name} ${options.appVersion} is the latest version.`,
          downloading: `Version ${status.version ?? ''} is downloading in the background. You will be asked to restart when it is ready.`,
          ready: status.message ?? 'An update is ready: restart to update.',
          error: status.message ?? 'Checking for updates failed.'
        }
        message({ type: status.state === 'error' ? 'warning' : 'info', title: 'Updates', message: text[status.state], buttons: ['OK'] })
      })
    },
    copyDiagnostics: () => {
      clipboard.writeText(options.diagnostics())
      log.info('Diagnostics copied to the clipboard')
      message({ type: 'info', title: 'Diagnostics', message: 'Diagnostics were copied to the clipboard.', detail: 'They hold versions, counts and states only: no passwords, tokens or customer names.', buttons: ['OK'] })
    },
    openLogsFolder: () => {
      if (options.logsFolder) void shell.openPath(options.logsFolder)
    },
    openDocs: () => void shell.openExternal(DOCS_URL)
  }
}

/** Sets the application menu now; call the returned function with new account names to rebuild it. */
export function installApplicationMenu(options: DesktopMenuOptions, accountNames: string[]): (accountNames: string[]) => void {
  const actions = menuActions(options)
  let current = ''
  const build = (names: string[]): void => {
    const key = JSON.stringify(names.slice(0, 9))
    if (key === current) return
    current = key
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ ...options.context, accountNames: names }, actions)))
  }
  build(accountNames)
  return build
}
