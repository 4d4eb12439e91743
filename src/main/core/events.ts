/**
 * Push events from main to every connected renderer (Electron windows or browser-host tabs).
 * Typed by the contract's `events` map; transports subscribe with `onAny`.
 */
import type { EventName, EventPayload } from '../../shared/ipc/contract'

type AnyListener = (name: EventName, payload: unknown) => void

export class EventHub {
  private readonly listeners = new Set<AnyListener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload)
      } catch {
        // A broken transport must not stop the others from hearing the event.
      }
    }
  }

  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
