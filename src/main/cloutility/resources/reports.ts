import { idSegment, type Api } from '../api'
import { NodeReportSchema, type NodeReport, type ReportQuery } from '../models/node-report'
import type { CallOptions } from '../options'
import { listAll } from './paging'

const base = (bunitId: number, consumerId: number): string =>
  `bunits/${idSegment(bunitId, 'business unit')}/consumers/${idSegment(consumerId, 'consumer')}/reports`

/** Daily node reports of one consumption unit: its backup status, warnings and storage. */
export class ReportsApi {
  constructor(private readonly api: Api) {}

  /** Reports in a window (every page); status and warnings only when asked for. */
  async list(bunitId: number, consumerId: number, query: ReportQuery = {}, o?: CallOptions): Promise<NodeReport[]> {
    return listAll(this.api, base(bunitId, consumerId), NodeReportSchema, o, {
      startDate: query.startDate,
      endDate: query.endDate,
      status: query.status,
      warnings: query.warnings
    })
  }

  /** The newest report. A consumer with no report (never activated, or deleted) is a not-found error. */
  async latest(bunitId: number, consumerId: number, o?: CallOptions): Promise<NodeReport> {
    return this.api.call({ method: 'GET', path: `${base(bunitId, consumerId)}/latest` }, NodeReportSchema, o)
  }
}
