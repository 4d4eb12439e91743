import type { z } from 'zod'

/**
 * What a refused IPC payload reports, as `path: message` lines: the message is what the form
 * shows next to the field named by the path. Throws when the payload was accepted.
 */
export function issuesOf(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input)
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`)
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

/** The fields a refused payload names, for limits whose message is zod's generic one. */
export function refusedPaths(schema: z.ZodType, input: unknown): string[] {
  return issuesOf(schema, input).map((line) => line.slice(0, line.indexOf(':')))
}

export const chars = (n: number, c = 'a'): string => c.repeat(n)
