import { idSegment, type Api } from '../api'
import type { AuditLogPage, AuditLogQuery } from '../models/audit-log'
import { ConsumerSchema, consumerBody, type Consumer, type ConsumerDeleteOptions, type ConsumerInput } from '../models/consumer'
import type { CallOptions } from '../options'
import { getAuditLogs } from './audit-logs'
import { listAll } from './paging'

const base = (bunitId: number): string => `bunits/${idSegment(bunitId, 'business unit')}/consumers`
const one = (bunitId: number, id: number): string => `${base(bunitId)}/${idSegment(id, 'consumer')}`

/** Consumption units ("consumers" in the API) of one business unit. */
export class ConsumersApi {
  constructor(private readonly api: Api) {}

  /** Every consumer directly in the unit; follows paging until `total`. */
  async list(bunitId: number, o?: CallOptions): Promise<Consumer[]> {
    return listAll(this.api, base(bunitId), ConsumerSchema, o)
  }

  async get(bunitId: number, id: number, o?: CallOptions): Promise<Consumer> {
    return this.api.call({ method: 'GET', path: one(bunitId, id) }, ConsumerSchema, o)
  }

  async create(bunitId: number, input: ConsumerInput, o?: CallOptions): Promise<Consumer> {
    return this.api.call({ method: 'POST', path: base(bunitId), body: consumerBody(input) }, ConsumerSchema, o)
  }

  /** Sends only the fields given. */
  async update(bunitId: number, id: number, input: Partial<ConsumerInput>, o?: CallOptions): Promise<Consumer> {
    return this.api.call({ method: 'PUT', path: one(bunitId, id), body: consumerBody(input) }, ConsumerSchema, o)
  }

  async delete(bunitId: number, id: number, opts: ConsumerDeleteOptions = {}, o?: CallOptions): Promise<void> {
    return this.api.callVoid(
      {
        method: 'DELETE',
        path: one(bunitId, id),
        query: { deleteAssociations: opts.deleteAssociations, deletionComment: opts.deletionComment }
      },
      o
    )
  }

  async auditLogs(bunitId: number, id: number, query: AuditLogQuery = {}, o?: CallOptions): Promise<AuditLogPage> {
    return getAuditLogs(this.api, `${one(bunitId, id)}/auditlogs`, query, o)
  }
}
