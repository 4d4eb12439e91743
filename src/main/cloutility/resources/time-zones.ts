import { idSegment, type Api } from '../api'
import { TimeZoneSchema, type TimeZone } from '../models/time-zone'
import type { CallOptions } from '../options'
import { listAll } from './paging'

export class TimeZonesApi {
  constructor(private readonly api: Api) {}

  async list(o?: CallOptions): Promise<TimeZone[]> {
    return listAll(this.api, 'timezones', TimeZoneSchema, o)
  }

  async get(id: number, o?: CallOptions): Promise<TimeZone> {
    return this.api.call({ method: 'GET', path: `timezones/${idSegment(id, 'time zone')}` }, TimeZoneSchema, o)
  }
}
