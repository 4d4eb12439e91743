/**
 * One night of a node, computed on demand: the report's status and storage, the
 * data sent, the warnings, and the jobs that ran — all consistent with each
 * other (a failed night has a failed backup job with failed files, a missed
 * night has no job and sends nothing). Test-control overrides apply here.
 */
import type { ConsumerRec, HealthOverride, NodeRec, SimState } from '../model'
import { JOB_RESULTS, type JobKind, type JobOutcome, type NightStatus } from './catalog'
import { archiveAt, backupAt, DAY, dayOf, hashUnit, profileOf, round2, SALT, type Profile } from './profile'

export interface JobRec {
  id: number
  kind: JobKind
  outcome: JobOutcome
  name: string
  scheduled: boolean
  scheduledStart: number
  actualStart: number
  completed: number
  examinedFiles: number
  affectedFiles: number
  failedFiles: number
  result: number
  transferredMB: number
  /** Test fault: render the dates as the portal's bogus values. */
  bogusDate: boolean
}

export interface NightWarning {
  kind: 'storageLimit' | 'noActivity' | 'failedFiles' | 'backupMissed'
  /** The warning's own severity. */
  status: NightStatus
  days?: number
  /** GB (storage limit). */
  limit?: number
}

export interface Night {
  day: number
  status: NightStatus
  /** Test fault: the report is sent without a status. */
  noStatus: boolean
  backupMB: number
  archiveMB: number
  prevBackupMB: number
  prevArchiveMB: number
  transferredBackupMB: number
  transferredArchiveMB: number
  transferredRestoreMB: number
  warnings: NightWarning[]
  jobs: JobRec[]
}

/** Report days of a consumer's node: [first, last], or undefined when it has none. */
export interface History {
  profile: Profile
  first: number
  last: number
  override: HealthOverride | undefined
}

export function historyOf(state: SimState, c: ConsumerRec, n: NodeRec | undefined): History | undefined {
  if (!n) return undefined
  const profile = profileOf(state, c, n)
  if (!profile) return undefined
  const lockDay = n.lockedAt ? dayOf(Date.parse(n.lockedAt)) : Number.POSITIVE_INFINITY
  const last = Math.min(profile.referenceDay, lockDay)
  const override = state.healthOverrides.get(c.id)
  // A planted status on a node activated after the reference time still gets its planted nights.
  const first = override ? Math.min(profile.firstDay, last - override.days + 1) : profile.firstDay
  if (first > last) return undefined
  return { profile, first, last, override }
}

interface Decided {
  status: NightStatus
  /** Nothing ran, and that is allowed (allowNoActivity): Successful without a job. */
  quiet: boolean
  /** Nights without activity up to this one (missed nights). */
  idleDays: number
  /** The status was planted by test control. */
  planted: boolean
}

function decide(h: History, c: ConsumerRec, d: number): Decided {
  const p = h.profile
  const o = h.override
  if (o?.status && o.status !== 'no-status' && d > h.last - o.days) {
    return { status: o.status, quiet: false, idleDays: o.status === 'missed' ? d - (h.last - o.days) : 0, planted: true }
  }
  const natural = (status: NightStatus): Decided => ({ status, quiet: false, idleDays: 0, planted: false })
  if (d > p.lastActiveDay) {
    return c.allowNoActivity
      ? { status: 'ok', quiet: true, idleDays: d - p.lastActiveDay, planted: false }
      : { status: 'missed', quiet: false, idleDays: d - p.lastActiveDay, planted: false }
  }
  const streakStart = p.referenceDay - p.failStreak + 1
  if (p.failStreak > 0 && d >= streakStart) return natural('failed')
  if (d === p.referenceDay) return natural(p.lastNightWarning ? 'warning' : 'ok')
  // The night before a failure streak went well, so "failing since" is exact.
  if (p.failStreak > 0 && d === streakStart - 1) return natural('ok')
  const u = hashUnit(p.key, d, SALT.noise)
  if (u < 0.012) return natural('failed')
  if (u < 0.012 + (p.workstation ? 0.04 : 0.008)) {
    return c.allowNoActivity ? { status: 'ok', quiet: true, idleDays: 1, planted: false } : { status: 'missed', quiet: false, idleDays: 1, planted: false }
  }
  if (u < 0.08) return natural('warning')
  return natural('ok')
}

export function nightOf(h: History, c: ConsumerRec, d: number): Night {
  const p = h.profile
  const decided = decide(h, c, d)
  const backupMB = backupAt(p, d)
  const archiveMB = archiveAt(p, d)
  const limitGB = c.limitHighStorage
  const overLimit = limitGB > 0 && backupMB + archiveMB > limitGB * 1024
  let status = decided.status
  const warnings: NightWarning[] = []
  const plantedOk = decided.planted && status === 'ok'
  if (overLimit && !plantedOk) {
    warnings.push({ kind: 'storageLimit', status: 'warning', limit: limitGB })
    if (status === 'ok' && !decided.quiet) status = 'warning'
  }
  // A warning that is not about storage means skipped files in the backup.
  const skipped = decided.status === 'warning'
  if (skipped) warnings.push({ kind: 'failedFiles', status: 'warning' })
  if (status === 'missed') {
    warnings.push(c.allowNoActivity ? { kind: 'backupMissed', status: 'missed' } : { kind: 'noActivity', status: 'missed', days: decided.idleDays })
  }
  const o = h.override
  const night: Night = {
    day: d,
    status,
    noStatus: o?.status === 'no-status' && d > h.last - o.days,
    backupMB,
    archiveMB,
    prevBackupMB: backupAt(p, d - 1),
    prevArchiveMB: archiveAt(p, d - 1),
    transferredBackupMB: 0,
    transferredArchiveMB: 0,
    transferredRestoreMB: 0,
    warnings,
    jobs: []
  }
  if (status !== 'missed' && !decided.quiet) addJobs(night, p, decided.status === 'failed' ? 'failed' : skipped ? 'warning' : 'ok', o?.bogusJobDate === true && d === h.last)
  return night
}

function addJobs(night: Night, p: Profile, outcome: JobOutcome, bogus: boolean): void {
  const d = night.day
  const u = (salt: number, k = 0): number => hashUnit(p.key, d, salt, k)
  const deadline = d * DAY - 60_000 // everything of night d ends before its report's midnight
  const evening = (d - 1) * DAY
  const make = (k: number, kind: JobKind, jobOutcome: JobOutcome, name: string, scheduled: boolean, start: number, mb: number): JobRec => {
    const examined = Math.round(p.files * (0.9 + 0.2 * u(SALT.files, k)))
    const affected = Math.min(examined, Math.max(1, Math.round(mb / (0.8 + 2 * u(SALT.files, k + 10)))))
    const failedFiles = jobOutcome === 'ok' ? 0 : jobOutcome === 'warning' ? 1 + Math.floor(u(SALT.failedFiles, k) * 40) : 1 + Math.floor(u(SALT.failedFiles, k) * Math.max(1, affected * 0.05))
    const speed = 15 + u(SALT.speed, k) * 105 // MB/s
    const actualStart = start + Math.round(u(SALT.start, k + 20) * 90) * 1000
    const seconds = Math.round(60 + mb / speed + examined / 5000)
    const completed = Math.min(deadline, actualStart + seconds * 1000)
    return {
      id: p.nodeId * 1_000_000 + (d % 100_000) * 10 + k,
      kind,
      outcome: jobOutcome,
      name,
      scheduled,
      scheduledStart: start,
      actualStart,
      completed,
      examinedFiles: examined,
      affectedFiles: affected,
      failedFiles,
      result: JOB_RESULTS[jobOutcome],
      transferredMB: mb,
      bogusDate: bogus
    }
  }
  if (u(SALT.restore) < 0.025) {
    const mb = round2(Math.min(night.backupMB, 50 + u(SALT.restoreSize) * 30_000))
    night.transferredRestoreMB = mb
    night.jobs.push(make(3, 'restore', 'ok', 'Restore', false, evening + 9 * 3_600_000 + Math.round(u(SALT.start, 3) * 420) * 60_000, mb))
  }
  if (p.archiveMB > 0 && ((d % 7) + 7) % 7 === p.archiveWeekday) {
    const mb = round2(Math.max(10, night.archiveMB - night.prevArchiveMB))
    night.transferredArchiveMB = mb
    night.jobs.push(make(2, 'archive', 'ok', 'WEEKLY_ARCHIVE', true, evening + 12 * 3_600_000, mb))
  }
  const grown = Math.max(0, night.backupMB - night.prevBackupMB)
  let mb = grown + night.backupMB * p.changeRate * (0.4 + 1.2 * u(SALT.transfer))
  if (outcome === 'failed') mb *= u(SALT.transfer, 1) * 0.3
  night.transferredBackupMB = round2(mb)
  night.jobs.push(make(1, 'backup', outcome, 'DAILY_INCR', true, evening + 18 * 3_600_000 + p.startMinute * 60_000, night.transferredBackupMB))
  night.jobs.sort((a, b) => a.completed - b.completed)
}

/** Stored MB (backup + archive) of a consumer on report day d; 0 when it has no report that day. */
export function storedOn(state: SimState, c: ConsumerRec, d: number): { backupMB: number; archiveMB: number; reporting: boolean } {
  const n = c.nodeId !== undefined ? state.nodes.get(c.nodeId) : undefined
  const h = historyOf(state, c, n)
  if (!h || d < h.first || d > h.last) return { backupMB: 0, archiveMB: 0, reporting: false }
  return { backupMB: backupAt(h.profile, d), archiveMB: archiveAt(h.profile, d), reporting: true }
}

/** The first job a node ever ran (jobs/first), or undefined when none ran yet. */
export function firstJob(h: History, c: ConsumerRec): JobRec | undefined {
  for (let d = h.first; d <= h.last; d++) {
    const jobs = nightOf(h, c, d).jobs
    if (jobs.length > 0) return jobs[0]
  }
  return undefined
}

/** Jobs completed in [start, end] (ms), oldest first. */
export function jobsBetween(h: History, c: ConsumerRec, start: number, end: number): JobRec[] {
  const out: JobRec[] = []
  // Jobs of night d run in the 24 hours before d's midnight.
  const from = Math.max(h.first, dayOf(start))
  const to = Math.min(h.last, dayOf(end) + 1)
  for (let d = from; d <= to; d++) {
    for (const j of nightOf(h, c, d).jobs) if (j.completed >= start && j.completed <= end) out.push(j)
  }
  return out
}
