import { z } from 'zod'

/*
 * Building blocks for tolerant response schemas. The portal leaves out fields that were never set
 * and nests incomplete objects, so almost everything is optional, a field of the wrong type reads
 * as absent instead of failing the whole response, and unknown fields are kept (loose objects).
 * Only identity (`id`) is required: without it a record is not the thing we asked for.
 */

/** Optional field; a value of the wrong type reads as absent. */
export function opt<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined)
}

export const optString = opt(z.string())
export const optNumber = opt(z.number())
export const optBoolean = opt(z.boolean())
/** ISO 8601 timestamps stay strings: the UI formats them, the cache stores them as-is. */
export const optDate = opt(z.string())

/** Ids are integers; some serializers quote them. */
export const id = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])

/** A nested reference such as `operatingSystem` or `dataSourceState`: often just id and name. */
export const RefSchema = z.looseObject({ id: opt(id), name: optString, href: optString })
export type Ref = z.infer<typeof RefSchema>
export const optRef = opt(RefSchema)

/** Decorative nested lists (tags, comments): bad elements are dropped, a missing list is []. */
export function looseArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .transform((values) =>
      values.flatMap((v) => {
        const r = item.safeParse(v)
        return r.success ? [r.data as z.output<T>] : []
      })
    )
    .catch([])
}

/** Lists that matter (children in a tree, collection items): every element must parse; missing is []. */
export function strictArray<T extends z.ZodType>(item: T) {
  return z.array(item).default([])
}

/** Some endpoints nest a whole collection object ({href,total,items}) where others give an array. */
export function nestedItems<T extends z.ZodType>(item: T) {
  return opt(
    z.union([
      z.array(z.unknown()),
      z.looseObject({ items: z.array(z.unknown()).optional() }).transform((o) => o.items ?? [])
    ])
  ).transform((values) =>
    (values ?? []).flatMap((v) => {
      const r = item.safeParse(v)
      return r.success ? [r.data as z.output<T>] : []
    })
  )
}

export interface Page<T> {
  items: T[]
  total: number | undefined
  offset: number | undefined
}

/** A collection response: {href, total, offset, first, items} or, tolerated, a bare array. */
export function collectionOf<T extends z.ZodType>(item: T) {
  return z.union([
    z.array(item).transform((items): Page<z.output<T>> => ({ items, total: items.length, offset: 0 })),
    z
      .looseObject({ items: z.array(item).default([]), total: optNumber, offset: optNumber })
      .transform((o): Page<z.output<T>> => ({ items: o.items, total: o.total, offset: o.offset }))
  ])
}

/** Remove nulls recursively so "null" and "absent" mean the same thing to every schema. */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(stripNulls)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v)
    return out
  }
  return value
}
