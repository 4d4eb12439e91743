import { z } from 'zod'
import { id, opt, optBoolean, optDate, optNumber, optString } from './common'
import { NamedRefSchema } from './node-report'

/**
 * A .NET TimeSpan as the portal writes it ("hh:mm:ss", "d.hh:mm:ss", fractions allowed) or a
 * number of seconds; anything else reads as absent.
 */
export const durationSeconds = opt(
  z.union([
    z.number().nonnegative(),
    z
      .string()
      .regex(/^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/)
      .transform((text) => {
        const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})/.exec(text)!
        return Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])
      })
  ])
)

/** A backup, archive or restore job of a node. Dates stay strings; the core checks them. */
export const JobSchema = z.looseObject({
  id,
  href: optString,
  businessUnitId: opt(id),
  consumerId: opt(id),
  serverId: opt(id),
  type: opt(NamedRefSchema),
  status: opt(NamedRefSchema),
  scheduled: optBoolean,
  scheduledStart: optDate,
  actualStart: optDate,
  completed: optDate,
  examinedFiles: optNumber,
  affectedFiles: optNumber,
  failedFiles: optNumber,
  result: optNumber,
  transferredMegaBytes: optNumber,
  transferredGigaBytes: optNumber,
  name: optString,
  duration: durationSeconds,
  transferredMegaBytesPerSecond: optNumber,
  createdDate: optDate
})
export type Job = z.infer<typeof JobSchema>

/** `jobs/first` without a window: only `completed` means anything (the rest is filler). */
export const FirstJobSchema = z.looseObject({ completed: optDate })

export interface JobWindow {
  /** ISO 8601; must not be before the first job's completion (the portal refuses it). */
  startTime?: string
  endTime?: string
}
