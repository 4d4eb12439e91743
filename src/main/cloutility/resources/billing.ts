import { idSegment, type Api } from '../api'
import { invalidInput } from '../errors'
import { BillingDataSchema, type BillingData } from '../models/billing'
import type { CallOptions } from '../options'
import { listAll } from './paging'

/** Billing data of a reselling business unit, one entry per invoice date. */
export class BillingApi {
  constructor(private readonly api: Api) {}

  /** Past billing data, plus the next `includeNext` upcoming periods when asked. */
  async list(bunitId: number, opts: { includeNext?: number } = {}, o?: CallOptions): Promise<BillingData[]> {
    return listAll(this.api, `bunits/${idSegment(bunitId, 'business unit')}/billing`, BillingDataSchema, o, { includeNext: opts.includeNext })
  }

  async get(bunitId: number, invoiceDateStr: string, o?: CallOptions): Promise<BillingData> {
    return this.api.call({ method: 'GET', path: `bunits/${idSegment(bunitId, 'business unit')}/billing/${dateSegment(invoiceDateStr)}` }, BillingDataSchema, o)
  }
}

/** An invoice date in a path: YYYY-MM-DD and nothing else. */
export function dateSegment(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalidInput(`Invalid invoice date: ${value.slice(0, 40)} (expected YYYY-MM-DD).`, { field: 'invoiceDateStr' })
  return value
}
