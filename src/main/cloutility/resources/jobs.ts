import { idSegment, type Api } from '../api'
import { FirstJobSchema, JobSchema, type Job, type JobWindow } from '../models/job'
import type { CallOptions } from '../options'
import { listAll } from './paging'

const path = (bunitId: number, consumerId: number): string =>
  `bunits/${idSegment(bunitId, 'business unit')}/consumers/${idSegment(consumerId, 'consumer')}/jobs/first`

/**
 * Jobs of one consumer's node. The portal serves both calls on `jobs/first`: without a window it
 * answers the very first job (only its `completed` date is meaningful); with one, the jobs in it.
 * A window that starts before the first job's completion is refused, so `list` asks for the first
 * job and moves the start up to it.
 */
export class JobsApi {
  constructor(private readonly api: Api) {}

  /** When the first job completed (ISO), or null when the portal did not say. */
  async firstCompleted(bunitId: number, consumerId: number, o?: CallOptions): Promise<string | null> {
    const job = await this.api.call({ method: 'GET', path: path(bunitId, consumerId) }, FirstJobSchema, o)
    return job.completed ?? null
  }

  /** Jobs in the window; without one, the portal's default (the last 24 hours). */
  async list(bunitId: number, consumerId: number, window: JobWindow = {}, o?: CallOptions): Promise<Job[]> {
    return listAll(this.api, path(bunitId, consumerId), JobSchema, o, { startTime: window.startTime, endTime: window.endTime })
  }
}
