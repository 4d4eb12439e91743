import { invalidInput } from '../errors'
import { idSegment, type Api } from '../api'
import { type AuditLogPage, type AuditLogQuery } from '../models/audit-log'
import {
  BusinessUnitSchema,
  SimpleBusinessUnitSchema,
  businessUnitBody,
  type BusinessUnit,
  type BusinessUnitInput,
  type SimpleBusinessUnit
} from '../models/business-unit'
import type { CallOptions } from '../options'
import { getAuditLogs } from './audit-logs'
import { listAll } from './paging'

export class BusinessUnitsApi {
  constructor(private readonly api: Api) {}

  /** The signed-in profile's unit with all descendants. */
  async tree(o?: CallOptions): Promise<SimpleBusinessUnit> {
    return this.api.call({ method: 'GET', path: 'bunits' }, SimpleBusinessUnitSchema, o)
  }

  /** The tree rooted at one unit below the user's (GET bunits?bunitId=N); 403/404 outside reach. */
  async subtree(rootId: number, o?: CallOptions): Promise<SimpleBusinessUnit> {
    if (!Number.isSafeInteger(rootId) || rootId <= 0) throw invalidInput('The business unit id must be a positive integer.', { field: 'bunitId' })
    return this.api.call({ method: 'GET', path: 'bunits', query: { bunitId: rootId } }, SimpleBusinessUnitSchema, o)
  }

  async get(id: number, o?: CallOptions): Promise<BusinessUnit> {
    return this.api.call({ method: 'GET', path: `bunits/${idSegment(id, 'business unit')}` }, BusinessUnitSchema, o)
  }

  /** Direct children only. */
  async children(id: number, o?: CallOptions): Promise<BusinessUnit[]> {
    return listAll(this.api, `bunits/${idSegment(id, 'business unit')}/bunits`, BusinessUnitSchema, o)
  }

  async create(parentId: number, input: BusinessUnitInput, o?: CallOptions): Promise<BusinessUnit> {
    return this.api.call(
      { method: 'POST', path: `bunits/${idSegment(parentId, 'business unit')}/bunits`, body: businessUnitBody(input) },
      BusinessUnitSchema,
      o
    )
  }

  /** Sends only the fields given. */
  async update(id: number, input: Partial<BusinessUnitInput>, o?: CallOptions): Promise<BusinessUnit> {
    return this.api.call(
      { method: 'PUT', path: `bunits/${idSegment(id, 'business unit')}`, body: businessUnitBody(input) },
      BusinessUnitSchema,
      o
    )
  }

  /** The portal refuses (conflict) while the unit still has children or consumers. */
  async delete(id: number, o?: CallOptions): Promise<void> {
    return this.api.callVoid({ method: 'DELETE', path: `bunits/${idSegment(id, 'business unit')}` }, o)
  }

  async auditLogs(id: number, query: AuditLogQuery = {}, o?: CallOptions): Promise<AuditLogPage> {
    return getAuditLogs(this.api, `bunits/${idSegment(id, 'business unit')}/auditlogs`, query, o)
  }
}
