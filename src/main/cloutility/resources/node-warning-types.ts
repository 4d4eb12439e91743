import type { Api } from '../api'
import { NodeWarningTypeSchema, type NodeWarningType } from '../models/node-report'
import type { CallOptions } from '../options'
import { listAll } from './paging'

/** The kinds of warning a node report can carry (names for the ids in NodeReportWarning.type). */
export class NodeWarningTypesApi {
  constructor(private readonly api: Api) {}

  async list(o?: CallOptions): Promise<NodeWarningType[]> {
    return listAll(this.api, 'nodewarningtypes', NodeWarningTypeSchema, o)
  }
}
