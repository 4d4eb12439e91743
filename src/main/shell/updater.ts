/**
 * electron-updater wired to the update policy (src/main/updates/controller.ts). The platform
 * updater (NSIS, DMG/zip, AppImage/deb) fetches the feed and downloads; the sha512 of every
 * download is checked by it, and Windows installers' signatures too. Our controller decides:
 * an offer is downloaded only after `assessUpdate` accepts it (autoDownload is off), and the
 * restart waits for running syncs and writes. Development builds have no updater unless
 * DESK_UPDATE_URL names a feed.
 */
// electron-updater is CommonJS and its `autoUpdater` is a getter Node's ESM loader cannot see as a
// named export: take it from the default export, and only when updates are on.
import electronUpdater from 'electron-updater'
import type { AppCore } from '../core/app-core'
import { busyReason, UpdateController } from '../updates/controller'
import { feedConfig, readUpdateSettings } from '../updates/policy'
import { log } from '../log'

export function startUpdater(core: AppCore, options: { version: string; packaged: boolean; dataDir: string; env: NodeJS.ProcessEnv }): UpdateController | null {
  const configured = options.env.DESK_UPDATE_URL ?? readUpdateSettings(options.dataDir).feedUrl
  if (!options.packaged && !configured) return null
  let feed
  try {
    feed = feedConfig(configured)
  } catch (error) {
    log.warn('The configured update feed is not usable; updates are off', error)
    return null
  }
  const { autoUpdater } = electronUpdater
  autoUpdater.autoDownload = false
  // A downloaded update also installs when the user quits (the core has closed by then).
  autoUpdater.autoInstallOnAppQuit = true
  autoUpdater.logger = {
    info: (m?: unknown) => log.info(`Updater: ${String(m)}`),
    warn: (m?: unknown) => log.warn(`Updater: ${String(m)}`),
    error: (m?: unknown) => log.error(`Updater: ${String(m)}`)
  }
  // The GitHub default is the packaged app-update.yml (written from electron-builder.yml's publish).
  if (feed.provider === 'generic') autoUpdater.setFeedURL({ provider: 'generic', url: feed.url })

  const controller = new UpdateController({
    currentVersion: options.version,
    engine: {
      check: async () => {
        await autoUpdater.checkForUpdates()
      },
      download: async () => {
        await autoUpdater.downloadUpdate()
      },
      quitAndInstall: () => autoUpdater.quitAndInstall()
    },
    busy: () => busyReason(core.activity()),
    onStatus: (status) => core.events.emit('updateStatus', status)
  })
  autoUpdater.on('update-available', (info) => controller.onAvailable(info))
  autoUpdater.on('update-not-available', () => controller.onNotAvailable())
  autoUpdater.on('download-progress', (progress) => controller.onProgress(progress.percent))
  autoUpdater.on('update-downloaded', (event) => controller.onDownloaded(event.version))
  autoUpdater.on('error', (error) => controller.onError(error))
  core.setUpdates(controller)
  controller.start()
  return controller
}
