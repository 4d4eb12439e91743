/**
 * Monthly billing derived from stored data. The root and the top-level
 * (reseller) units bill their child units once a month; an invoice covers the
 * paying unit's whole subtree: stored backup and archive GB on the invoice day
 * and the number of reporting nodes. The root itself is invoiced by the
 * provider for the whole estate. Nothing is stored: every answer is computed.
 */
import type { BusinessUnitRec, SimState } from '../model'
import { PRODUCTS } from './catalog'
import { storedOn } from './nights'
import { DAY, round2 } from './profile'

/** Invoice dates: the first of each month, the last 12 up to the reference time, then `next` upcoming ones. */
export function invoiceDates(state: SimState, next = 0): { time: number; preliminary: boolean }[] {
  const ref = new Date(state.referenceTime)
  const out: { time: number; preliminary: boolean }[] = []
  for (let i = -11; i <= next; i++) {
    out.push({ time: Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + i, 1), preliminary: i > 0 })
  }
  return out
}

export const dateStr = (t: number): string => new Date(t).toISOString().slice(0, 10)
/** Month number, used in ids: stable and unique per month. */
export const monthNo = (t: number): number => new Date(t).getUTCFullYear() * 12 + new Date(t).getUTCMonth()

export function depthOf(state: SimState, unit: BusinessUnitRec): number {
  let depth = 0
  for (let cur = unit; cur.parentId !== null; depth++) {
    const parent = state.bunits.get(cur.parentId)
    if (!parent) break
    cur = parent
  }
  return depth
}

/** Root and top-level units resell: they have billing data. */
export const isBilling = (state: SimState, unit: BusinessUnitRec): boolean => depthOf(state, unit) <= 1
/** Units invoiced by a reseller (or, for the root, by the provider). */
export const isInvoiced = (state: SimState, unit: BusinessUnitRec): boolean => depthOf(state, unit) <= 2

export interface InvoiceLineRec {
  product: { id: number; name: string }
  unitPrice: number
  quantity: number
}

export interface InvoiceRec {
  payingUnit: BusinessUnitRec
  /** Invoice date (ms, midnight UTC of the 1st); the invoice covers the month before. */
  time: number
  lines: InvoiceLineRec[]
  total: number
}

/** The invoice of a unit's subtree for one invoice date. */
export function invoiceFor(state: SimState, unit: BusinessUnitRec, time: number): InvoiceRec {
  // Upcoming invoices are estimated from the latest reports.
  const day = Math.min(Math.floor(time / DAY), Math.floor(state.referenceTime / DAY))
  let backupMB = 0
  let archiveMB = 0
  let nodes = 0
  const stack = [unit]
  while (stack.length > 0) {
    const u = stack.pop() as BusinessUnitRec
    for (const id of u.consumerIds) {
      const c = state.consumers.get(id)
      if (!c) continue
      const s = storedOn(state, c, day)
      if (!s.reporting) continue
      backupMB += s.backupMB
      archiveMB += s.archiveMB
      nodes++
    }
    for (const id of u.children) {
      const child = state.bunits.get(id)
      if (child) stack.push(child)
    }
  }
  const lines: InvoiceLineRec[] = [
    { product: PRODUCTS.backupStorage, unitPrice: PRODUCTS.backupStorage.unitPrice, quantity: round2(backupMB / 1024) },
    ...(archiveMB > 0 ? [{ product: PRODUCTS.archiveStorage, unitPrice: PRODUCTS.archiveStorage.unitPrice, quantity: round2(archiveMB / 1024) }] : []),
    { product: PRODUCTS.backupNode, unitPrice: PRODUCTS.backupNode.unitPrice, quantity: nodes }
  ]
  const total = round2(lines.reduce((sum, l) => sum + round2(l.unitPrice * l.quantity), 0))
  return { payingUnit: unit, time, lines: lines.map((l) => ({ ...l, product: { id: l.product.id, name: l.product.name } })), total }
}

/** Child units a billing unit invoices. */
export function payingChildren(state: SimState, unit: BusinessUnitRec): BusinessUnitRec[] {
  return unit.children.flatMap((id) => {
    const child = state.bunits.get(id)
    return child ? [child] : []
  })
}
