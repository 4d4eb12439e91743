/** Search hits, for the command palette and the header search: where a hit leads, its label, moving through the list. */

/** Where a search hit leads: a route in the navigation store, in the hit's account. */
import type { SearchHit } from '../../../shared/ipc/estate-models'
import type { Route } from '../stores/navigation'

export function routeForHit(hit: SearchHit): Route {
  if (hit.kind === 'bunit') return { name: 'unit', bunitId: hit.id }
  return { name: 'consumer', bunitId: hit.bunitId, consumerId: hit.consumerId ?? hit.id }
}

export const KIND_LABELS: Record<SearchHit['kind'], string> = { bunit: 'Unit', consumer: 'Consumer', node: 'Node' }

/** Arrow keys wrap around the list. */
export function moveIndex(current: number, delta: number, count: number): number {
  if (count === 0) return -1
  if (current < 0) return delta > 0 ? 0 : count - 1
  return (current + delta + count) % count
}
