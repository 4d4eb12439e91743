import type { z } from 'zod'
import type { Api } from '../api'
import { unexpectedResponseError } from '../errors'
import { collectionOf } from '../models/common'
import type { CallOptions } from '../options'
import type { QueryValue } from '../transport'

/** Page size we ask for; the portal may cap it lower, which the loop tolerates. */
export const PAGE_SIZE = 500
/** A portal that keeps returning pages past this is broken, not big. */
const MAX_PAGES = 10_000

/**
 * GET every page of a collection: offset/limit until `total` items are in hand or a page comes
 * back empty; without `total`, a page shorter than asked for is the last.
 * Items are de-duplicated by id, since rows can shift between pages while the estate changes.
 */
export async function listAll<T extends z.ZodType<{ id: number }>>(
  api: Api,
  path: string,
  item: T,
  o?: CallOptions,
  query: Record<string, QueryValue> = {}
): Promise<z.output<T>[]> {
  const schema = collectionOf(item)
  const seen = new Map<number, z.output<T>>()
  let offset = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await api.call({ method: 'GET', path, query: { ...query, offset, limit: PAGE_SIZE } }, schema, o)
    for (const it of res.items) if (!seen.has(it.id)) seen.set(it.id, it)
    offset += res.items.length
    const total = res.total
    if (res.items.length === 0) return [...seen.values()]
    if (total !== undefined ? offset >= total : res.items.length < PAGE_SIZE) return [...seen.values()]
  }
  throw unexpectedResponseError('GET', path, [`more than ${MAX_PAGES} pages`])
}
