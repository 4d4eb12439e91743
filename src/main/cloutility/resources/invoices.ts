import { idSegment, type Api } from '../api'
import { InvoiceSchema, type Invoice } from '../models/billing'
import type { CallOptions } from '../options'
import { dateSegment } from './billing'
import { listAll } from './paging'

/** Invoices of a business unit. */
export class InvoicesApi {
  constructor(private readonly api: Api) {}

  async list(bunitId: number, o?: CallOptions): Promise<Invoice[]> {
    return listAll(this.api, `bunits/${idSegment(bunitId, 'business unit')}/invoices`, InvoiceSchema, o)
  }

  async get(bunitId: number, invoiceDateStr: string, o?: CallOptions): Promise<Invoice> {
    return this.api.call({ method: 'GET', path: `bunits/${idSegment(bunitId, 'business unit')}/invoices/${dateSegment(invoiceDateStr)}` }, InvoiceSchema, o)
  }
}
