/**
 * Electron side of the remembered window place (logic: src/main/installed/window-state.ts):
 * reads the displays from `screen`, and saves the window's normal bounds and maximised state
 * shortly after it moves or resizes, and when it closes.
 */
import { screen, type BrowserWindow } from 'electron'
import { readWindowState, recordWindow, restoreWindow, writeWindowState, type DisplayInfo, type SavedWindow, type WindowDefaults } from '../installed/window-state'
import { log } from '../log'

function displays(): { all: DisplayInfo[]; primary: DisplayInfo } {
  const map = (d: Electron.Display): DisplayInfo => ({ bounds: d.bounds, workArea: d.workArea })
  return { all: screen.getAllDisplays().map(map), primary: map(screen.getPrimaryDisplay()) }
}

export function initialPlacement(dir: string, defaults: WindowDefaults): SavedWindow {
  const { all, primary } = displays()
  return restoreWindow(readWindowState(dir), all, primary, defaults)
}

/** Keeps `window`'s place saved in `dir`. */
export function rememberPlacement(window: BrowserWindow, dir: string): void {
  let timer: NodeJS.Timeout | null = null
  const save = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return
    const state = recordWindow(readWindowState(dir), displays().all, window.getNormalBounds(), window.isMaximized())
    try {
      writeWindowState(dir, state)
    } catch (error) {
      log.warn('Could not save the window position', error)
    }
  }
  const soon = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, 400)
  }
  window.on('resize', soon)
  window.on('move', soon)
  window.on('maximize', save)
  window.on('unmaximize', save)
  window.on('close', save)
}
