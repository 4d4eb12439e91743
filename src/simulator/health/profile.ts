/**
 * A node's backup "personality", derived from the seed and the node id on first
 * use (never stored up front): how much it stores and how fast that grows, when
 * it runs, whether it archives, and how last night went. Every daily value is a
 * closed-form function of (profile, day), so any report can be computed in O(1)
 * without materialising a history.
 */
import type { ConsumerRec, NodeRec, SimState } from '../model'
import { createPrng, type Prng } from '../prng'

export const DAY = 86_400_000

/** Day index (days since the epoch) of a time. Report day d is dated d * DAY (midnight UTC). */
export const dayOf = (ms: number): number => Math.floor(ms / DAY)

/** Uniform [0, 1) from integers, without allocating a PRNG (used per day and per job). */
export function hashUnit(...parts: number[]): number {
  let h = 0x2545f491
  for (const p of parts) {
    h = (h + Math.imul(p | 0, 0x9e3779b1)) | 0
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
  }
  return (h >>> 0) / 4294967296
}

/** Salts for hashUnit, so independent draws of the same day do not correlate. */
export const SALT = {
  noise: 1,
  storage: 2,
  transfer: 3,
  restore: 4,
  files: 5,
  start: 6,
  speed: 7,
  restoreSize: 8,
  failedFiles: 9
} as const

export interface Profile {
  nodeId: number
  /** Seed-derived key of every per-day draw. */
  key: number
  /** First report day: the night after activation. */
  firstDay: number
  /** Last report day of the generated history (the reference day). */
  referenceDay: number
  /** Last report day with backup activity; later nights are missed (a stale node). */
  lastActiveDay: number
  /** Backup MB stored at lastActiveDay, before steps and growth are unwound. */
  backupMB: number
  /** Relative daily growth of backup data. */
  growth: number
  /** Days with a step change of stored data (an import, a clean-up) and the factor applied that day. */
  steps: { day: number; factor: number }[]
  /** Archive MB at referenceDay (0: the node does not archive). */
  archiveMB: number
  /** Day of week (day % 7) of the weekly archive job. */
  archiveWeekday: number
  /** Share of stored data changed (and sent) on a normal night. */
  changeRate: number
  /** Files looked at by a nightly incremental. */
  files: number
  /** Backup schedule start: minutes after 18:00 UTC the evening before the report. */
  startMinute: number
  /** Nights failed in a row up to the reference day (0: last night did not fail). */
  failStreak: number
  /** Last night completed with skipped files. */
  lastNightWarning: boolean
  /** Missed nights are common for laptops and workstations. */
  workstation: boolean
}

const profiles = new WeakMap<NodeRec, Profile>()

/** The node's profile, or undefined while it was never activated (no history at all). */
export function profileOf(state: SimState, c: ConsumerRec, n: NodeRec): Profile | undefined {
  if (!n.activatedDate) return undefined
  const cached = profiles.get(n)
  if (cached) return cached
  const p = derive(state, c, n)
  profiles.set(n, p)
  return p
}

function logUniform(rng: Prng, min: number, max: number): number {
  return Math.exp(Math.log(min) + rng.next() * (Math.log(max) - Math.log(min)))
}

function derive(state: SimState, c: ConsumerRec, n: NodeRec): Profile {
  const key = (Math.imul(state.seed | 0, 0x3c6ef372) ^ Math.imul(n.id, 0x27d4eb2d)) | 0
  const rng = createPrng(key)
  const referenceDay = dayOf(state.referenceTime)
  const firstDay = dayOf(Date.parse(n.activatedDate as string)) + 1
  const lastAccess = n.lastAccessTime ? Date.parse(n.lastAccessTime) : state.referenceTime
  // A node silent for over a week (the generator's "stale" nodes) stopped backing up after its last access.
  const stale = state.referenceTime - lastAccess > 7 * DAY
  const lastActiveDay = stale ? dayOf(lastAccess) + 1 : referenceDay
  const workstation = n.typeId === 2
  const server = n.operatingSystemId === 4 || n.operatingSystemId === 5

  // Storage: within the consumer's limit for most, a few running away past it.
  const limitMB = c.limitHighStorage > 0 ? c.limitHighStorage * 1024 : 0
  const runaway = limitMB > 0 && rng.chance(0.06)
  let backupMB: number
  let growth: number
  if (runaway) {
    backupMB = limitMB * (1.03 + rng.next() * 0.3)
    growth = 0.004 + rng.next() * 0.008
  } else if (limitMB > 0) {
    backupMB = limitMB * (0.15 + rng.next() * 0.7)
    growth = rng.next() * 0.0012
  } else {
    backupMB = logUniform(rng, workstation ? 3_000 : 20_000, workstation ? 400_000 : server ? 4_000_000 : 2_500_000)
    growth = rng.next() * 0.0015
  }
  const steps: Profile['steps'] = []
  const stepCount = rng.pick([0, 0, 0, 1, 1, 2])
  for (let i = 0; i < stepCount; i++) {
    steps.push({ day: lastActiveDay - rng.int(3, 200), factor: rng.chance(0.7) ? 1.08 + rng.next() * 0.3 : 0.7 + rng.next() * 0.2 })
  }
  const archives = !workstation && rng.chance(0.18)

  const roll = rng.next()
  const failStreak = roll < 0.045 ? rng.pick([1, 1, 1, 1, 2, 2, 3, 4, 6, 9, 14]) : 0
  return {
    nodeId: n.id,
    key,
    firstDay,
    referenceDay,
    lastActiveDay,
    backupMB,
    growth,
    steps,
    archiveMB: archives ? backupMB * (0.1 + rng.next() * 0.5) : 0,
    archiveWeekday: rng.int(0, 6),
    changeRate: 0.004 + rng.next() * 0.03,
    files: Math.round(logUniform(rng, 15_000, server ? 3_000_000 : 900_000)),
    startMinute: rng.int(0, 180),
    failStreak,
    lastNightWarning: failStreak === 0 && roll > 0.965,
    workstation
  }
}

/** Backup MB stored as of report day d (flat after the node went silent). */
export function backupAt(p: Profile, d: number): number {
  const day = Math.min(d, p.lastActiveDay)
  let mb = p.backupMB * Math.exp(-p.growth * (p.lastActiveDay - day))
  for (const s of p.steps) if (s.day > day) mb /= s.factor
  mb *= 1 + (hashUnit(p.key, day, SALT.storage) - 0.5) * 0.004
  return round2(mb)
}

/** Archive MB as of report day d: grows by each weekly archive run. */
export function archiveAt(p: Profile, d: number): number {
  if (p.archiveMB === 0) return 0
  const day = Math.min(d, p.lastActiveDay)
  const runsUpTo = (x: number): number => Math.floor((x - p.archiveWeekday) / 7)
  const weeksBack = runsUpTo(p.referenceDay) - runsUpTo(day)
  return round2(Math.max(p.archiveMB * 0.2, p.archiveMB * (1 - 0.006 * weeksBack)))
}

export const round2 = (x: number): number => Math.round(x * 100) / 100
