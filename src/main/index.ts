/**
 * The Electron shell, kept thin on purpose: everything it wires up (the app core, handlers,
 * dispatcher, client, cache) is plain Node code that tests run without Electron.
 */
import { app, BrowserWindow, nativeTheme, net, session, shell } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAppCore, type AppCore } from './core/app-core'
import { registerIpc, forwardEvents } from './shell/ipc'
import { registerAppSchemeAsPrivileged, serveRenderer } from './shell/protocol'
import { denyAllPermissions, hardenWebContents } from './shell/harden'
import { APP_ORIGIN, secureWebPreferences } from './shell/window-options'
import { readTestHooks } from './shell/test-hooks'
import { setUpInstalledApp, startLogFile } from './shell/installed-app'
import { initialPlacement, rememberPlacement } from './shell/window-state'
import { log } from './log'
import { createElectronTransportFactory, type ElectronNetDeps } from './shell/electron-transport'

const here = fileURLToPath(new URL('.', import.meta.url))
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const hooks = readTestHooks(process.env, app.isPackaged)
if (hooks.userDataDir) app.setPath('userData', hooks.userDataDir)

registerAppSchemeAsPrivileged()
app.enableSandbox()

let core: AppCore | null = null
let mainWindow: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, devServerUrl, (url) => shell.openExternal(url)))

  app.whenReady().then(start).catch((error: unknown) => {
    log.error('Cloutility Desk failed to start', error)
    app.exit(1)
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
  app.on('will-quit', () => {
    void core?.close()
  })
}

let logsFolder: string | null = null

async function start(): Promise<void> {
  logsFolder = startLogFile(hooks.userDataDir)
  log.info(`Cloutility Desk ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform} ${process.arch})`)
  denyAllPermissions(session.defaultSession)
  serveRenderer(join(here, '../renderer'))
  core = await createAppCore({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    openExternal: (url: string) => shell.openExternal(url),
    syncConcurrency: syncConcurrencyFromEnv(process.env.DESK_SYNC_CONCURRENCY),
    // Portal calls go through Chromium's stack: system proxy, PAC, OS certificate store.
    // (net.request's option and event types are wider than the slice the transport declares.)
    transportFactory: createElectronTransportFactory({ session, net: net as unknown as ElectronNetDeps['net'] }),
    setThemeSource: (theme) => {
      nativeTheme.themeSource = theme
    }
  })
  registerIpc(core.handlers, devServerUrl)
  forwardEvents(core.events, () => BrowserWindow.getAllWindows())
  setUpInstalledApp(core, { logsFolder, development: !app.isPackaged })
  createMainWindow()
  // `npm run demo` (development builds only): open the embedded simulator's demo account.
  if (!app.isPackaged && process.env.DESK_DEMO === '1') {
    core.startDemo().catch((error: unknown) => log.error('The demo portal did not start', error))
  }
}

/** DESK_SYNC_CONCURRENCY (1–16) tunes how many portal requests a sync keeps in flight. */
function syncConcurrencyFromEnv(raw: string | undefined): number | undefined {
  const value = Number(raw)
  return Number.isInteger(value) && value >= 1 && value <= 16 ? value : undefined
}

const WINDOW_DEFAULTS = { width: 1280, height: 820, minWidth: 900, minHeight: 600 }

function createMainWindow(): void {
  const placement = initialPlacement(app.getPath('userData'), WINDOW_DEFAULTS)
  mainWindow = new BrowserWindow({
    ...placement.bounds,
    minWidth: WINDOW_DEFAULTS.minWidth,
    minHeight: WINDOW_DEFAULTS.minHeight,
    show: false,
    title: 'Cloutility Desk',
    backgroundColor: '#1b1f24',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs'))
  })
  rememberPlacement(mainWindow, app.getPath('userData'))
  mainWindow.once('ready-to-show', () => {
    if (placement.maximized) mainWindow?.maximize()
    mainWindow?.show()
  })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  void mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
}
