/** Turns zod issues into field → first message, the same shape `fieldErrors()` gives for API errors. */
import type { z } from 'zod'

export function issuesByField(error: z.ZodError, only?: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    if (only && !only.includes(field)) continue
    result[field] ??= issue.message
  }
  return result
}

/** Validates `value` against `schema`, keeping only errors about `only` (the current step's fields). */
export function validateFields(schema: z.ZodType, value: unknown, only?: readonly string[]): Record<string, string> {
  const parsed = schema.safeParse(value)
  return parsed.success ? {} : issuesByField(parsed.error, only)
}

/** Empty input → undefined, so optional fields stay absent instead of becoming "". */
export function optional(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : trimmed
}
