/** Live node-name checking: IBM Storage Protect rules first, then uniqueness in the account's cache. */
import type { SearchHit } from '../../../../shared/ipc/estate-models'
import { validateNodeName } from '../../../../shared/node-name'

/** The hit that already uses `normalized` as its node name in this account, if any. */
export function takenBy(hits: readonly SearchHit[], accountId: string, normalized: string, selfConsumerId?: number): SearchHit | null {
  return (
    hits.find(
      (hit) =>
        hit.accountId === accountId &&
        hit.kind === 'node' &&
        hit.name.toUpperCase() === normalized &&
        hit.consumerId !== (selfConsumerId ?? -1)
    ) ?? null
  )
}

export type NameState =
  | { state: 'invalid'; message: string }
  | { state: 'taken'; message: string; normalized: string }
  | { state: 'ok'; message: string; normalized: string }

export function describeName(name: string, taken: SearchHit | null): NameState {
  const check = validateNodeName(name)
  if (!check.ok) return { state: 'invalid', message: check.reason }
  if (taken) {
    return {
      state: 'taken',
      normalized: check.normalized,
      message: `${check.normalized} is already used by another node${taken.path ? ` (in ${taken.path})` : ''}.`
    }
  }
  const upper = check.normalized !== name.trim() ? ` It will be stored as ${check.normalized}.` : ''
  return { state: 'ok', normalized: check.normalized, message: `Valid node name.${upper}` }
}
