/**
 * Audit log: every change the API makes is appended here, and the generated
 * estate seeds a history. Entries are indexed per unit and per consumer so a
 * query only touches the lists it needs.
 */

export const AUDIT_TYPES = { info: 0, create: 100, modify: 200, delete: 300, error: 400 } as const
export type AuditType = (typeof AUDIT_TYPES)[keyof typeof AUDIT_TYPES]
export const AUDIT_TYPE_NAMES: Record<AuditType, string> = {
  0: 'Info',
  100: 'Create',
  200: 'Modify',
  300: 'Delete',
  400: 'Error'
}
export const isAuditType = (n: number): n is AuditType => n in AUDIT_TYPE_NAMES

export interface AuditEntry {
  id: number
  /** ms since epoch */
  time: number
  type: AuditType
  message: string
  userName: string
  businessUnitId: number
  businessUnitName: string
  consumerId?: number
  consumerName?: string
}

export interface AuditQuery {
  types?: ReadonlySet<AuditType>
  startTime?: number
  endTime?: number
  orderDesc: boolean
  offset: number
  limit: number
}

export class AuditStore {
  private nextId = 1
  readonly byBunit = new Map<number, AuditEntry[]>()
  readonly byConsumer = new Map<number, AuditEntry[]>()
  size = 0
  /** While true (estate generation), appends skip the order check; sortAll() ends it. */
  bulk = false

  /** Takes ownership of `entry` (its id is assigned here) to avoid a copy per entry. */
  add(entry: Omit<AuditEntry, 'id'> & { id?: number }): AuditEntry {
    entry.id = this.nextId++
    const full = entry as AuditEntry
    push(this.byBunit, full.businessUnitId, full, this.bulk)
    if (full.consumerId !== undefined) push(this.byConsumer, full.consumerId, full, this.bulk)
    this.size++
    return full
  }

  /** Generated history is appended out of order; sort every list once afterwards. */
  sortAll(): void {
    this.bulk = false
    for (const list of this.byBunit.values()) list.sort(compare)
    for (const list of this.byConsumer.values()) list.sort(compare)
  }

  /** Entries of the given lists (each already chronological), filtered, ordered and paged. */
  query(lists: readonly (readonly AuditEntry[])[], q: AuditQuery): { total: number; items: AuditEntry[] } {
    const matching: AuditEntry[] = []
    for (const list of lists) {
      for (const e of list) {
        if (q.types && !q.types.has(e.type)) continue
        if (q.startTime !== undefined && e.time < q.startTime) continue
        if (q.endTime !== undefined && e.time > q.endTime) continue
        matching.push(e)
      }
    }
    if (lists.length > 1) matching.sort(compare)
    if (q.orderDesc) matching.reverse()
    return { total: matching.length, items: matching.slice(q.offset, q.offset + q.limit) }
  }
}

function compare(a: AuditEntry, b: AuditEntry): number {
  return a.time - b.time || a.id - b.id
}

function push(map: Map<number, AuditEntry[]>, key: number, entry: AuditEntry, bulk: boolean): void {
  const list = map.get(key)
  if (!list) {
    map.set(key, [entry])
    return
  }
  const last = list[list.length - 1]
  list.push(entry)
  // Live entries normally arrive in order; keep the invariant if the clock disagrees.
  if (!bulk && last && compare(last, entry) > 0) list.sort(compare)
}
