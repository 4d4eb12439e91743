/**
 * What makes the desktop window an installed app (issue 12), wired in one place so index.ts stays
 * short: the log file in the platform's log folder, the application menu, "Copy diagnostics",
 * the updater, and owner-only permissions on files the user downloads (exports).
 */
import { app, session } from 'electron'
import os from 'node:os'
import path from 'node:path'
import type { AppCore } from '../core/app-core'
import { attachLogFile, log } from '../log'
import { formatDiagnostics } from '../installed/diagnostics'
import { makePrivateFile } from '../fs/private-files'
import { installApplicationMenu } from './menu'
import { startUpdater } from './updater'

const APP_NAME = 'Cloutility Desk'

/** Starts the log file: `app.getPath('logs')` (macOS ~/Library/Logs/…, elsewhere <userData>/logs). */
export function startLogFile(userDataOverride: string | undefined): string | null {
  try {
    // Without a path Electron picks the platform's folder; getPath('logs') needs one of the two.
    if (userDataOverride) app.setAppLogsPath(path.join(userDataOverride, 'logs'))
    else app.setAppLogsPath()
    return path.dirname(attachLogFile({ dir: app.getPath('logs') }))
  } catch (error) {
    log.warn('The log file could not be opened; logging to the console only', error)
    return null
  }
}

export function setUpInstalledApp(core: AppCore, options: { logsFolder: string | null; development: boolean }): void {
  const versions = { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 }
  const updater = startUpdater(core, { version: app.getVersion(), packaged: app.isPackaged, dataDir: app.getPath('userData'), env: process.env })

  const diagnostics = (): string =>
    formatDiagnostics({
      appName: APP_NAME,
      appVersion: app.getVersion(),
      versions,
      os: { platform: process.platform, release: os.release(), arch: process.arch, locale: app.getLocale() },
      host: 'electron',
      packaged: app.isPackaged,
      paths: { data: app.getPath('userData'), logs: options.logsFolder },
      update: updater?.status() ?? null,
      core: core.diagnostics(),
      now: new Date()
    })

  const accountNames = async (): Promise<string[]> => {
    const state = await core.handlers.listAccounts(undefined)
    return state.accounts.map((a) => a.displayName)
  }
  const rebuild = installApplicationMenu(
    {
      context: { platform: process.platform, development: options.development, appName: APP_NAME },
      appVersion: app.getVersion(),
      versions,
      forward: (command) => core.events.emit('menuCommand', command),
      diagnostics,
      logsFolder: options.logsFolder,
      checkForUpdates: () => core.handlers.checkForUpdates(undefined)
    },
    []
  )
  void accountNames().then(rebuild)
  core.events.onAny((name) => {
    if (name === 'accountsChanged') void accountNames().then(rebuild)
  })

  // Exports are saved through Chromium's download: make the saved file owner-only (0600).
  session.defaultSession.on('will-download', (_event, item) => {
    item.once('done', (_done, state) => {
      if (state === 'completed') {
        try {
          makePrivateFile(item.getSavePath())
        } catch (error) {
          log.warn('Could not restrict the saved file to its owner', error)
        }
      }
    })
  })
}
