/** Calling the main-process core the way a renderer does (through the dispatcher), and waiting for its events. */
import type { AppCore } from '../../src/main/core/app-core'
import { dispatch } from '../../src/main/ipc/dispatch'
import type { EventName, InputOf, MethodName, OutputOf } from '../../src/shared/ipc/contract'
import { DeskError } from '../../src/shared/errors'

/** The handler's value, or its error as the renderer would see it (a DeskError). */
export async function callCore<K extends MethodName>(core: AppCore, method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const envelope = await dispatch(core.handlers, method, input)
  if (!envelope.ok) throw DeskError.fromShape(envelope.error)
  return envelope.value as OutputOf<K>
}

/** The next `name` event whose payload satisfies `predicate`. */
export function nextCoreEvent<T = unknown>(core: AppCore, name: EventName, predicate: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const stop = core.events.onAny((event, payload) => {
      if (event === name && predicate(payload as T)) {
        stop()
        resolve(payload as T)
      }
    })
  })
}
