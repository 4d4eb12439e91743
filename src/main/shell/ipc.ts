/**
 * Electron transport for the contract: one ipcMain.handle per method, all through `dispatch`.
 * Every call is checked to come from our renderer's main frame before its payload is even parsed.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { eventChannel, invokeChannel, methodNames, type EventName } from '../../shared/ipc/contract'
import { dispatch, type Handlers } from '../ipc/dispatch'
import type { EventHub } from '../core/events'
import { isTrustedRendererUrl } from './window-options'
import { log } from '../log'

export function registerIpc(handlers: Handlers, devServerUrl: string | undefined): () => void {
  for (const method of methodNames) {
    ipcMain.handle(invokeChannel(method), async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event, devServerUrl)) {
        log.warn(`Refused IPC call ${method} from an untrusted frame`)
        return { ok: false, error: { kind: 'forbidden', message: 'Calls are accepted only from the app window' } }
      }
      return dispatch(handlers, method, payload)
    })
  }
  return () => methodNames.forEach((method) => ipcMain.removeHandler(invokeChannel(method)))
}

function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  return isTrustedRendererUrl(frame.url, devServerUrl)
}

/** Forwards push events to every window's renderer. */
export function forwardEvents(events: EventHub, windows: () => BrowserWindow[]): () => void {
  return events.onAny((name: EventName, payload: unknown) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(name), payload)
    }
  })
}
