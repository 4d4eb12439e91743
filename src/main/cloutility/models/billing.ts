import { z } from 'zod'
import { id, looseArray, opt, optDate, optNumber, optString } from './common'

const unitRef = opt(z.looseObject({ id: opt(id), name: optString, href: optString }))

export const InvoiceLineSchema = z.looseObject({
  id: opt(id),
  product: opt(z.looseObject({ id: opt(id), name: optString })),
  startDate: optDate,
  endDate: optDate,
  unitPrice: optNumber,
  quantity: optNumber,
  note: optString,
  createdDate: optDate
})
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>

/** An invoice of a business unit; its date (YYYY-MM-DD) is the last segment of `href`. */
export const InvoiceSchema = z.looseObject({
  id,
  href: optString,
  payingBusinessUnit: unitRef,
  lines: looseArray(InvoiceLineSchema),
  createdDate: optDate
})
export type Invoice = z.infer<typeof InvoiceSchema>

export const BillingDataSchema = z.looseObject({
  id,
  href: optString,
  invoiceDateStr: z.string().catch(''),
  invoiceDate: optDate,
  billingBusinessUnit: unitRef,
  summary: looseArray(
    z.looseObject({
      currency: opt(z.looseObject({ id: opt(id), name: optString, code: optString })),
      total: optNumber
    })
  ),
  invoices: looseArray(InvoiceSchema),
  createdDate: optDate
})
export type BillingData = z.infer<typeof BillingDataSchema>

/** The date segment of an invoice or billing href ("…/invoices/2026-10-31"), if it has one. */
export function dateStrOf(href: string | undefined): string | null {
  const m = href ? /(\d{4}-\d{2}-\d{2})\/?$/.exec(href) : null
  return m?.[1] ?? null
}
