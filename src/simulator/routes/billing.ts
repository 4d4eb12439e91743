/**
 * Billing data (root and top-level reseller units) and invoices (units invoiced
 * by them). Other units answer empty lists; unknown dates 404, malformed 400.
 */
import { dateStr, invoiceDates, invoiceFor, isBilling, isInvoiced, payingChildren } from '../health/billing'
import type { Ctx } from '../http/context'
import { ApiError } from '../http/errors'
import { optQueryInt } from '../http/query'
import type { RouteDef } from '../http/router'
import type { BusinessUnitRec } from '../model'
import { billingData, invoice } from '../render/billing'
import { listOf } from '../render/hyper'
import { requireBunit } from '../scope'

const MAX_NEXT = 12

function billingOn(ctx: Ctx, unit: BusinessUnitRec, time: number) {
  return billingData(ctx.state, unit, time, payingChildren(ctx.state, unit).map((child) => invoiceFor(ctx.state, child, time)))
}

/** The invoice date named by the path, among the unit's dates (404) — or 400 when it is no YYYY-MM-DD date. */
function dateParam(ctx: Ctx, available: boolean, includeNext = 0): number {
  const raw = ctx.params.invoiceDateStr ?? ''
  const t = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Number.NaN
  if (Number.isNaN(t) || dateStr(t) !== raw) {
    throw new ApiError(400, 'bad_request', `'${raw}' is not an invoice date; expected YYYY-MM-DD.`)
  }
  if (!available || !invoiceDates(ctx.state, includeNext).some((d) => d.time === t && !d.preliminary)) {
    throw new ApiError(404, 'not_found', `No billing data or invoice dated ${raw} for business unit ${ctx.params.bunitId}.`)
  }
  return t
}

function billingList(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const next = optQueryInt(ctx.query, 'includeNext', 0, MAX_NEXT) ?? 0
  const items = isBilling(ctx.state, unit) ? invoiceDates(ctx.state, next).map((d) => billingOn(ctx, unit, d.time)) : []
  return listOf(ctx.state, `bunits/${unit.id}/billing`, items, items.length)
}

function invoiceList(ctx: Ctx) {
  const unit = requireBunit(ctx)
  const items = isInvoiced(ctx.state, unit) ? invoiceDates(ctx.state).map((d) => invoice(ctx.state, invoiceFor(ctx.state, unit, d.time))) : []
  return listOf(ctx.state, `bunits/${unit.id}/invoices`, items, items.length)
}

export const billingRoutes: RouteDef[] = [
  { method: 'GET', pattern: 'bunits/:bunitId/billing', handler: billingList },
  {
    method: 'GET',
    pattern: 'bunits/:bunitId/billing/:invoiceDateStr',
    handler: (ctx: Ctx) => {
      const unit = requireBunit(ctx)
      return billingOn(ctx, unit, dateParam(ctx, isBilling(ctx.state, unit)))
    }
  },
  { method: 'GET', pattern: 'bunits/:bunitId/invoices', handler: invoiceList },
  {
    method: 'GET',
    pattern: 'bunits/:bunitId/invoices/:invoiceDateStr',
    handler: (ctx: Ctx) => {
      const unit = requireBunit(ctx)
      return invoice(ctx.state, invoiceFor(ctx.state, unit, dateParam(ctx, isInvoiced(ctx.state, unit))))
    }
  }
]
