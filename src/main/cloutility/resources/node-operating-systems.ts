import { idSegment, type Api } from '../api'
import { NodeOperatingSystemSchema, type NodeOperatingSystem } from '../models/node-operating-system'
import type { CallOptions } from '../options'
import { listAll } from './paging'

export class NodeOperatingSystemsApi {
  constructor(private readonly api: Api) {}

  async list(o?: CallOptions): Promise<NodeOperatingSystem[]> {
    return listAll(this.api, 'nodeoperatingsystems', NodeOperatingSystemSchema, o)
  }

  async get(id: number, o?: CallOptions): Promise<NodeOperatingSystem> {
    return this.api.call(
      { method: 'GET', path: `nodeoperatingsystems/${idSegment(id, 'operating system')}` },
      NodeOperatingSystemSchema,
      o
    )
  }
}
