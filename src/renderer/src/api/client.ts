/**
 * The renderer's typed client: `api.addAccount(input)` resolves with the value or throws a
 * DeskError carrying the kind, message and details main sent. Components never see envelopes.
 */
import type { DeskBridge, Envelope, EventName, EventPayload, InputOf, MethodName, OutputOf } from '../../../shared/ipc/contract'
import { eventListenerName } from '../../../shared/ipc/contract'
import { DeskError } from '../../../shared/errors'
import { createWebBridge } from './web-bridge'
import { mapFieldErrors } from '../composables/field-error-map'

declare global {
  interface Window {
    desk?: DeskBridge
  }
}

let bridge: DeskBridge | null = null

export function getBridge(): DeskBridge {
  bridge ??= window.desk ?? createWebBridge()
  return bridge
}

/** For component tests: run against a bridge made in the test. */
export function setBridge(next: DeskBridge | null): void {
  bridge = next
}

export async function call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const fn = getBridge()[method] as unknown as (input: InputOf<K>) => Promise<Envelope<OutputOf<K>>>
  const envelope = await fn(input)
  if (envelope.ok) return envelope.value as OutputOf<K>
  throw DeskError.fromShape(envelope.error)
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const on = getBridge()[eventListenerName(event)] as (listener: (payload: EventPayload<E>) => void) => () => void
  return on(listener)
}

/** A message fit for a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof DeskError) return error.message
  if (error instanceof Error) return error.message
  return 'Something went wrong'
}

/** Field name → message, from whichever layer refused the input (validator, store or API). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof DeskError)) return {}
  return mapFieldErrors(error)
}
