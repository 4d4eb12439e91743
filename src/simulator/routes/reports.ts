/**
 * Node reports (one per night and node, computed on demand) and node warning
 * types. Reports are listed oldest first; `status` / `warnings` flags add those
 * parts. A consumer without an activated node has no reports.
 */
import { WARNING_TYPE_LIST } from '../health/catalog'
import { historyOf, nightOf } from '../health/nights'
import { DAY, dayOf } from '../health/profile'
import type { Ctx } from '../http/context'
import { ApiError } from '../http/errors'
import { optFlag, optIsoDate, optQueryInt } from '../http/query'
import type { RouteDef } from '../http/router'
import { consumerPath } from '../render/consumer'
import { listOf } from '../render/hyper'
import { nodeReport, warningType } from '../render/report'
import { requireConsumer } from '../scope'

const MAX_LIMIT = 10_000
const DEFAULT_DAYS = 30

function list(ctx: Ctx) {
  const { unit, consumer: c } = requireConsumer(ctx)
  const end = optIsoDate(ctx.query, 'endDate') ?? ctx.state.referenceTime
  const start = optIsoDate(ctx.query, 'startDate') ?? end - DEFAULT_DAYS * DAY
  if (start > end) throw new ApiError(400, 'bad_request', "'startDate' must not be after 'endDate'.")
  const include = { status: optFlag(ctx.query, 'status') ?? false, warnings: optFlag(ctx.query, 'warnings') ?? false }
  const offset = optQueryInt(ctx.query, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0
  const limit = optQueryInt(ctx.query, 'limit', 0, MAX_LIMIT)
  const n = c.nodeId !== undefined ? ctx.state.nodes.get(c.nodeId) : undefined
  const h = historyOf(ctx.state, c, n)
  const path = `${consumerPath(c)}/reports`
  if (!h || !n) return listOf(ctx.state, path, [], 0, offset, limit)
  // Report day d is dated d's midnight: include the days whose date lies in [start, end].
  const from = Math.max(h.first, Math.ceil(start / DAY))
  const to = Math.min(h.last, dayOf(end))
  const total = Math.max(0, to - from + 1)
  const items = []
  const stop = limit === undefined ? to : Math.min(to, from + offset + limit - 1)
  for (let d = from + offset; d <= stop; d++) items.push(nodeReport(ctx.state, unit, c, n, nightOf(h, c, d), include))
  return listOf(ctx.state, path, items, total, offset, limit)
}

function latest(ctx: Ctx) {
  const { unit, consumer: c } = requireConsumer(ctx)
  // userId tailors the report to a user's settings in the portal; accepted and validated, same answer.
  optQueryInt(ctx.query, 'userId', 0, Number.MAX_SAFE_INTEGER)
  const n = c.nodeId !== undefined ? ctx.state.nodes.get(c.nodeId) : undefined
  const h = historyOf(ctx.state, c, n)
  if (!h || !n) throw new ApiError(404, 'not_found', `Consumer ${c.id} has no report.`)
  return nodeReport(ctx.state, unit, c, n, nightOf(h, c, h.last), { status: true, warnings: true })
}

export const reportRoutes: RouteDef[] = [
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/reports', handler: list },
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/reports/latest', handler: latest },
  {
    method: 'GET',
    pattern: 'nodewarningtypes',
    handler: (ctx: Ctx) => listOf(ctx.state, 'nodewarningtypes', WARNING_TYPE_LIST.map((t) => warningType(ctx.state, t)), WARNING_TYPE_LIST.length)
  }
]
