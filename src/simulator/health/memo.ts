/**
 * A per-estate cache of derived sums (a unit's stored data on a day, a subtree's
 * invoice), dropped whenever the estate may have changed: every API write adds an
 * audit entry, and test control changes which nights exist.
 */
import type { SimState } from '../model'

interface Memo {
  revision: string
  values: Map<string, unknown>
}

const memos = new WeakMap<SimState, Memo>()
const MAX_ENTRIES = 50_000

export function memo<T>(state: SimState, key: string, compute: () => T): T {
  const revision = `${state.audit.size}/${state.healthOverrides.size}`
  let m = memos.get(state)
  if (!m || m.revision !== revision || m.values.size > MAX_ENTRIES) {
    m = { revision, values: new Map() }
    memos.set(state, m)
  }
  if (m.values.has(key)) return m.values.get(key) as T
  const value = compute()
  m.values.set(key, value)
  return value
}
