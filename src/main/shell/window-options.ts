/**
 * The hardened options of every app window, kept apart from the code that creates windows so a
 * unit test can assert them without Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron'

export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false
  }
}

/** The scheme and host the packaged renderer is served from (see protocol.ts). */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = 'app://desk'

/** True when a frame URL belongs to our own renderer (packaged, or the dev server in development). */
export function isTrustedRendererUrl(frameUrl: string, devServerUrl: string | undefined): boolean {
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  // WHATWG URL gives custom schemes an opaque origin ("null"), so compare scheme and host.
  if (url.protocol === `${APP_SCHEME}:` && url.host === 'desk') return true
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin
    } catch {
      return false
    }
  }
  return false
}
