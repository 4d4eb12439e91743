/**
 * Job shape, and the bogus "first job" the portal answers to `jobs/first`
 * without a window: only `completed` means anything there.
 */
import { JOB_STATUSES, JOB_TYPES } from '../health/catalog'
import type { JobRec } from '../health/nights'
import type { ConsumerRec, NodeRec, SimState } from '../model'
import { consumerPath } from './consumer'
import { href, iso } from './hyper'

/** .NET TimeSpan text: "hh:mm:ss", or "d.hh:mm:ss" from a day on. */
export function timeSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const days = Math.floor(total / 86_400)
  const two = (x: number): string => String(x).padStart(2, '0')
  const hms = `${two(Math.floor((total % 86_400) / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`
  return days > 0 ? `${days}.${hms}` : hms
}

/** What the portal sends for a date it does not have (and what test control plants). */
export const BOGUS_DATE = '0001-01-01T00:00:00'

export function job(state: SimState, c: ConsumerRec, n: NodeRec, j: JobRec) {
  const seconds = (j.completed - j.actualStart) / 1000
  return {
    href: href(state, `${consumerPath(c)}/jobs/${j.id}`),
    id: j.id,
    createdDate: iso(j.completed),
    businessUnitId: c.businessUnitId,
    consumerId: c.id,
    dataSourceId: n.id,
    serverId: n.serverId,
    tags: [],
    type: { ...JOB_TYPES[j.kind] },
    status: { ...JOB_STATUSES[j.outcome] },
    scheduled: j.scheduled,
    ...(j.scheduled ? { scheduledStart: j.bogusDate ? 'not a date' : iso(j.scheduledStart) } : {}),
    actualStart: j.bogusDate ? 'not a date' : iso(j.actualStart),
    completed: j.bogusDate ? BOGUS_DATE : iso(j.completed),
    examinedFiles: j.examinedFiles,
    affectedFiles: j.affectedFiles,
    failedFiles: j.failedFiles,
    result: j.result,
    transferredMegaBytes: j.transferredMB,
    transferredGigaBytes: Math.round((j.transferredMB / 1024) * 1000) / 1000,
    name: j.name,
    duration: timeSpan(j.completed - j.actualStart),
    transferredMegaBytesPerSecond: seconds > 0 ? Math.round((j.transferredMB / seconds) * 100) / 100 : 0
  }
}

/** `jobs/first` without a window: a Job whose only meaningful field is `completed`. */
export function firstJobStub(state: SimState, c: ConsumerRec, j: JobRec) {
  return {
    href: href(state, `${consumerPath(c)}/jobs/first`),
    id: 0,
    createdDate: BOGUS_DATE,
    businessUnitId: 0,
    consumerId: 0,
    dataSourceId: 0,
    serverId: 0,
    tags: [],
    scheduled: false,
    completed: iso(j.completed),
    examinedFiles: 0,
    affectedFiles: 0,
    failedFiles: 0,
    result: 0,
    transferredMegaBytes: 0.0,
    transferredGigaBytes: 0.0,
    name: '',
    duration: '00:00:00',
    transferredMegaBytesPerSecond: 0.0
  }
}
