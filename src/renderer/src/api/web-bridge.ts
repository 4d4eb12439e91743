/**
 * `window.desk` for the loopback browser host: the same named methods as the Electron preload,
 * carried over HTTP to the same handlers. The per-run token arrives in the URL fragment (never
 * sent to a server), is kept in sessionStorage for reloads, and goes on every call.
 */
import {
  eventListenerName,
  eventNames,
  methodNames,
  type DeskBridge,
  type Envelope,
  type EventName
} from '../../../shared/ipc/contract'

const TOKEN_KEY = 'desk-token'

function readToken(): string {
  const fragment = new URLSearchParams(window.location.hash.slice(1))
  const fromUrl = fragment.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    history.replaceState(null, '', window.location.pathname + window.location.search)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

export function createWebBridge(): DeskBridge {
  const token = readToken()
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const api: Record<string, unknown> = {}

  // Calls wait until the event stream is open, so no push event that follows a call's answer can
  // be missed (a store loads, then relies on events). A stream that cannot open does not block.
  const streamOpen = new Promise<void>((resolve) => {
    void streamEvents(token, (name, payload) => listeners.get(name)?.forEach((listener) => listener(payload)), resolve)
    setTimeout(resolve, 3000)
  })

  for (const method of methodNames) {
    api[method] = async (input: unknown): Promise<Envelope<unknown>> => {
      await streamOpen
      try {
        const response = await fetch(`/api/invoke/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-desk-token': token },
          body: JSON.stringify({ input })
        })
        if (response.headers.get('content-type')?.startsWith('application/json')) {
          return (await response.json()) as Envelope<unknown>
        }
        return { ok: false, error: { kind: 'internal', message: `The app host answered ${response.status}` } }
      } catch {
        return { ok: false, error: { kind: 'internal', message: 'The app host is not running (browser host stopped?)' } }
      }
    }
  }

  for (const event of eventNames) {
    api[eventListenerName(event)] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  }

  return api as DeskBridge
}

/** Server-sent events read with fetch (EventSource cannot send the token header); reconnects. */
async function streamEvents(token: string, deliver: (name: EventName, payload: unknown) => void, opened: () => void): Promise<void> {
  for (;;) {
    try {
      const response = await fetch('/api/events', { headers: { 'x-desk-token': token } })
      if (!response.ok || !response.body) throw new Error(`events: ${response.status}`)
      opened()
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += value
        let boundary = buffer.indexOf('\n\n')
        while (boundary >= 0) {
          const frame = buffer.slice(0, boundary)
          buffer = buffer.slice(boundary + 2)
          const name = /^event: (.+)$/m.exec(frame)?.[1]
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (name && data !== undefined && (eventNames as string[]).includes(name)) {
            deliver(name as EventName, JSON.parse(data))
          }
          boundary = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // Host restarting or gone: try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}
