/** Hypermedia helpers: hrefs from the simulator's own base URL, $type names, collections. */
import type { SimState } from '../model'

export const href = (state: SimState, path: string): string => state.baseUrl + path

/** .NET type name the real API puts in `$type`. */
export const hyperType = (name: string): string => `CloudPortal.Web.Api.Hyper.${name}, CloudPortal.Web.Api`
export const collectionType = (item: string): string =>
  `CloudPortal.Web.Api.Hyper.Collection\`1[[CloudPortal.Web.Api.Hyper.${item}, CloudPortal.Web.Api]], CloudPortal.Web.Api`

/** Collection embedded in a resource (`users`, `addresses`, `businessUnits` of a unit). */
export function embeddedCollection(state: SimState, item: string, path: string, items: unknown[], total = items.length) {
  return { $type: collectionType(item), href: href(state, path), total, items }
}

/** Top-level list answer: {href, total, offset, first, items}. */
export function listOf(state: SimState, path: string, items: unknown[], total: number, offset = 0, limit?: number) {
  const sep = path.includes('?') ? '&' : '?'
  const first = href(state, `${path}${sep}offset=0${limit !== undefined ? `&limit=${limit}` : ''}`)
  return { href: href(state, path), total, offset, first, items }
}

export const iso = (ms: number): string => new Date(ms).toISOString()
