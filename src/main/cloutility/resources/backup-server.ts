import { idSegment, type Api } from '../api'
import { BackupServerSchema, type BackupServer } from '../models/backup-server'
import { ClientOptionSetSchema, type ClientOptionSet } from '../models/client-option-set'
import { DomainSchema, type Domain } from '../models/domain'
import type { CallOptions } from '../options'
import { listAll } from './paging'

const base = (bunitId: number): string => `bunits/${idSegment(bunitId, 'business unit')}/defaultserver`

/** The unit's default IBM SP server and the choices it offers for new nodes. */
export class BackupServerApi {
  constructor(private readonly api: Api) {}

  async get(bunitId: number, o?: CallOptions): Promise<BackupServer> {
    return this.api.call({ method: 'GET', path: base(bunitId) }, BackupServerSchema, o)
  }

  async domains(bunitId: number, o?: CallOptions): Promise<Domain[]> {
    return listAll(this.api, `${base(bunitId)}/domains`, DomainSchema, o)
  }

  async clientOptionSets(bunitId: number, o?: CallOptions): Promise<ClientOptionSet[]> {
    return listAll(this.api, `${base(bunitId)}/clientoptionsets`, ClientOptionSetSchema, o)
  }
}
