import { idSegment, type Api } from '../api'
import { NodeTypeSchema, type NodeType } from '../models/node-type'
import type { CallOptions } from '../options'
import { listAll } from './paging'

export class NodeTypesApi {
  constructor(private readonly api: Api) {}

  async list(o?: CallOptions): Promise<NodeType[]> {
    return listAll(this.api, 'nodetypes', NodeTypeSchema, o)
  }

  async get(id: number, o?: CallOptions): Promise<NodeType> {
    return this.api.call({ method: 'GET', path: `nodetypes/${idSegment(id, 'node type')}` }, NodeTypeSchema, o)
  }
}
