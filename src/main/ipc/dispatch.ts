/**
 * The one place where a call from the renderer enters main, whatever the transport (Electron IPC
 * or the browser host's loopback bridge): the method is checked against the contract, the
 * payload validated with its schema, the handler run, and any failure turned into a plain
 * DeskErrorShape. Nothing thrown here ever reaches the transport.
 */
import type { z } from 'zod'
import {
  invokes,
  isMethodName,
  type Envelope,
  type MethodName,
  type OutputOf,
  type ParsedInputOf
} from '../../shared/ipc/contract'
import { DeskError, type DeskErrorShape } from '../../shared/errors'
import { log } from '../log'

export type Handlers = {
  [K in MethodName]: (input: ParsedInputOf<K>) => Promise<OutputOf<K>>
}

export async function dispatch(handlers: Handlers, method: unknown, payload: unknown): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { kind: 'invalid-input', message: `Unknown call "${String(method).slice(0, 80)}"` } }
  }
  const schema = invokes[method].input as z.ZodType
  const parsed = schema.safeParse(payload)
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>
    const value = await handler(parsed.data)
    return { ok: true, value: value === undefined ? null : value }
  } catch (error) {
    return { ok: false, error: toErrorShape(error, method) }
  }
}

function invalidInput(error: z.ZodError): DeskErrorShape {
  const issues = error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }))
  // `fields` maps a form field to its first message: the shape every layer uses for field errors.
  const fields: Record<string, string> = {}
  for (const issue of issues) fields[issue.field.replace(/^patch\./, '')] ??= issue.message
  const first = issues[0]
  return {
    kind: 'invalid-input',
    message: first ? first.message : 'Invalid input',
    details: { issues, fields }
  }
}

/** Known errors keep their kind; anything else is logged in main and reported without internals. */
export function toErrorShape(error: unknown, context: string): DeskErrorShape {
  if (error instanceof DeskError) return error.toShape()
  log.error(`Unexpected failure in ${context}`, error)
  return { kind: 'internal', message: 'Something went wrong in the app. The details are in the log.' }
}
