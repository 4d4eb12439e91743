/**
 * Applied to every WebContents the app creates: no navigation away from our renderer, no new
 * windows (links go to the system browser through the one checked helper), no <webview>,
 * and no permission (camera, notifications, geolocation...) is ever granted.
 */
import type { Session, WebContents } from 'electron'
import { openExternalSafely } from '../core/open-external'
import { isTrustedRendererUrl } from './window-options'
import { log } from '../log'

export function hardenWebContents(
  contents: WebContents,
  devServerUrl: string | undefined,
  openExternal: (url: string) => Promise<void>
): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url, openExternal)
    return { action: 'deny' }
  })
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isTrustedRendererUrl(url, devServerUrl)) {
      event.preventDefault()
      log.warn('Blocked navigation away from the app')
    }
  }
  contents.on('will-navigate', blockForeign)
  contents.on('will-redirect', blockForeign)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
