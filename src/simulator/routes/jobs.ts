/**
 * Jobs of a consumer's node, the portal's odd way: `jobs/first` without a window
 * answers a bogus Job whose `completed` is the first job's completion; with
 * `startTime`/`endTime` it lists the jobs completed in the window, and refuses a
 * start before that first completion.
 */
import { firstJob, historyOf, jobsBetween } from '../health/nights'
import { DAY } from '../health/profile'
import type { Ctx } from '../http/context'
import { ApiError } from '../http/errors'
import { optIsoDate, optQueryInt } from '../http/query'
import type { RouteDef } from '../http/router'
import { consumerPath } from '../render/consumer'
import { iso, listOf } from '../render/hyper'
import { firstJobStub, job } from '../render/job'
import { requireConsumer } from '../scope'

const MAX_LIMIT = 10_000

function first(ctx: Ctx) {
  const { consumer: c } = requireConsumer(ctx)
  const startTime = optIsoDate(ctx.query, 'startTime')
  const endTime = optIsoDate(ctx.query, 'endTime')
  const n = c.nodeId !== undefined ? ctx.state.nodes.get(c.nodeId) : undefined
  const h = historyOf(ctx.state, c, n)
  const firstRun = h ? firstJob(h, c) : undefined
  if (!h || !n || !firstRun) throw new ApiError(404, 'not_found', `Consumer ${c.id} has no jobs.`)
  if (startTime === undefined && endTime === undefined) return firstJobStub(ctx.state, c, firstRun)

  const end = endTime ?? Date.now()
  const start = startTime ?? end - DAY
  if (start > end) throw new ApiError(400, 'bad_request', "'startTime' must not be after 'endTime'.")
  if (startTime !== undefined && startTime < firstRun.completed) {
    throw new ApiError(
      400,
      'bad_request',
      `'startTime' must be greater than or equal to the completion of the first job (${iso(firstRun.completed)}).`,
      'Read jobs/first without startTime/endTime to learn the first job date.'
    )
  }
  const offset = optQueryInt(ctx.query, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0
  const limit = optQueryInt(ctx.query, 'limit', 0, MAX_LIMIT)
  const all = jobsBetween(h, c, start, end)
  const page = all.slice(offset, limit === undefined ? undefined : offset + limit)
  return listOf(ctx.state, `${consumerPath(c)}/jobs/first`, page.map((j) => job(ctx.state, c, n, j)), all.length, offset, limit)
}

export const jobRoutes: RouteDef[] = [{ method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/jobs/first', handler: first }]
