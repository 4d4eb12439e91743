/**
 * The preload exposes `window.desk`: one named method per contract call and one `onX` per push
 * event, nothing else. The renderer never gets ipcRenderer, a channel name or Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  eventChannel,
  eventListenerName,
  eventNames,
  invokeChannel,
  methodNames
} from '../shared/ipc/contract'

const api: Record<string, unknown> = {}

for (const method of methodNames) {
  const channel = invokeChannel(method)
  api[method] = (input: unknown) => ipcRenderer.invoke(channel, input)
}

for (const event of eventNames) {
  const channel = eventChannel(event)
  api[eventListenerName(event)] = (listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => ipcRenderer.removeListener(channel, wrapped)
  }
}

contextBridge.exposeInMainWorld('desk', Object.freeze(api))
