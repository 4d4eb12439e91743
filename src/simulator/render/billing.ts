/** BillingData and Invoice shapes. An invoice's href ends in /invoices/YYYY-MM-DD of its paying unit. */
import { CURRENCY } from '../health/catalog'
import { dateStr, monthNo, type InvoiceRec } from '../health/billing'
import { round2 } from '../health/profile'
import type { BusinessUnitRec, SimState } from '../model'
import { href, iso } from './hyper'

const invoiceId = (unitId: number, time: number): number => unitId * 100_000 + monthNo(time)

export function invoice(state: SimState, inv: InvoiceRec) {
  const id = invoiceId(inv.payingUnit.id, inv.time)
  const start = new Date(inv.time)
  const periodStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1)
  return {
    href: href(state, `bunits/${inv.payingUnit.id}/invoices/${dateStr(inv.time)}`),
    id,
    createdDate: iso(inv.time),
    payingBusinessUnit: { id: inv.payingUnit.id, name: inv.payingUnit.name },
    lines: inv.lines.map((l, i) => ({
      id: id * 10 + i,
      createdDate: iso(inv.time),
      product: { ...l.product },
      startDate: iso(periodStart),
      endDate: iso(inv.time - 1000),
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      note: `${l.product.name}, ${dateStr(periodStart).slice(0, 7)}`
    }))
  }
}

export function billingData(state: SimState, unit: BusinessUnitRec, time: number, invoices: InvoiceRec[]) {
  const ds = dateStr(time)
  return {
    href: href(state, `bunits/${unit.id}/billing/${ds}`),
    id: unit.id * 100_000 + 50_000 + (monthNo(time) % 50_000),
    createdDate: iso(time),
    invoiceDateStr: ds,
    invoiceDate: iso(time),
    billingBusinessUnit: { id: unit.id, name: unit.name, href: href(state, `bunits/${unit.id}`) },
    summary: [{ currency: { ...CURRENCY }, total: round2(invoices.reduce((sum, inv) => sum + inv.total, 0)) }],
    invoices: invoices.map((inv) => invoice(state, inv))
  }
}
