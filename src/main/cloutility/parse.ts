import type { z } from 'zod'
import { unexpectedResponseError } from './errors'
import { stripNulls } from './models/common'

/** Validate a decoded body; a response that is not the expected shape at all becomes a typed error. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown, method: string, path: string): z.output<S> {
  const result = schema.safeParse(stripNulls(value))
  if (result.success) return result.data
  // Issue paths and messages only: zod's messages do not echo values, so nothing sensitive leaks.
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
  throw unexpectedResponseError(method, path, issues)
}

/** Bodies are JSON; tolerate a bare text body (fullVersion, activate) by returning it as a string. */
export function decodeBody(text: string): unknown {
  if (text.trim().length === 0) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
