/**
 * The Electron shell, kept thin on purpose: everything it wires up (the app core, handlers,
 * dispatcher, client, cache) is plain Node code that tests run without Electron.
 */
import { app, BrowserWindow, nativeTheme, session, shell } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAppCore, type AppCore } from './core/app-core'
import { registerIpc, forwardEvents } from './shell/ipc'
import { registerAppSchemeAsPrivileged, serveRenderer } from './shell/protocol'
import { denyAllPermissions, hardenWebContents } from './shell/harden'
import { APP_ORIGIN, secureWebPreferences } from './shell/window-options'
import { readTestHooks } from './shell/test-hooks'
import { log } from './log'

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

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession)
  serveRenderer(join(here, '../renderer'))
  core = await createAppCore({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    openExternal: (url: string) => shell.openExternal(url),
    syncConcurrency: syncConcurrencyFromEnv(process.env.DESK_SYNC_CONCURRENCY),
    setThemeSource: (theme) => {
      nativeTheme.themeSource = theme
    }
  })
  registerIpc(core.handlers, devServerUrl)
  forwardEvents(core.events, () => BrowserWindow.getAllWindows())
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

function createMainWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Cloutility Desk',
    backgroundColor: '#1b1f24',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs'))
  })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  void mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
}
