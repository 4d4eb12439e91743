/** Small pure helpers of the header search. */
import type { SearchHit } from '../../../shared/ipc/estate-models'

export const SEARCH_DEBOUNCE_MS = 120

export function kindLabel(kind: SearchHit['kind']): string {
  return kind === 'bunit' ? 'Unit' : kind === 'consumer' ? 'Consumer' : 'Node'
}
