/** Version, current user and the global catalogues (time zones, operating systems, node types). */
import { byId, NODE_TYPES, OPERATING_SYSTEMS, TIME_ZONES } from '../catalog'
import type { Ctx } from '../http/context'
import { notFound } from '../http/errors'
import { getCI } from '../http/query'
import type { RouteDef } from '../http/router'
import { nodeType, operatingSystem, timeZone } from '../render/catalog'
import { listOf } from '../render/hyper'
import { me } from '../render/user'
import { parseId } from '../scope'
import { badRequest } from '../http/errors'

function find<T extends { id: number }>(list: readonly T[], raw: string | undefined, what: string): T {
  const id = parseId(raw, what)
  const item = byId(list, id)
  if (!item) throw notFound(`${what} ${id}`)
  return item
}

export const metaRoutes: RouteDef[] = [
  // A collection on the real portal (what Safespring's client lists); the simulator has no actions.
  { method: 'GET', pattern: 'actions', handler: (ctx: Ctx) => listOf(ctx.state, 'actions', [], 0) },
  { method: 'GET', pattern: 'fullVersion', handler: (ctx: Ctx) => ctx.state.version },
  { method: 'GET', pattern: 'me', handler: (ctx: Ctx) => me(ctx.state, ctx.user) },
  {
    method: 'GET',
    pattern: 'timezones',
    handler: (ctx: Ctx) => listOf(ctx.state, 'timezones', TIME_ZONES.map((t) => timeZone(ctx.state, t)), TIME_ZONES.length)
  },
  { method: 'GET', pattern: 'timezones/:id', handler: (ctx: Ctx) => timeZone(ctx.state, find(TIME_ZONES, ctx.params.id, 'Time zone')) },
  {
    method: 'GET',
    pattern: 'timezones/:id/offset',
    // Fixed offsets (no DST rules): good enough for a simulator, and stable for tests.
    handler: (ctx: Ctx) => {
      const tz = find(TIME_ZONES, ctx.params.id, 'Time zone')
      const date = getCI(ctx.query, 'date')
      if (date && Number.isNaN(Date.parse(date))) throw badRequest("Query parameter 'date' must be an ISO 8601 date.", 'date')
      return tz.offset
    }
  },
  {
    method: 'GET',
    pattern: 'nodeoperatingsystems',
    handler: (ctx: Ctx) =>
      listOf(ctx.state, 'nodeoperatingsystems', OPERATING_SYSTEMS.map((o) => operatingSystem(ctx.state, o)), OPERATING_SYSTEMS.length)
  },
  {
    method: 'GET',
    pattern: 'nodeoperatingsystems/:id',
    handler: (ctx: Ctx) => operatingSystem(ctx.state, find(OPERATING_SYSTEMS, ctx.params.id, 'Operating system'))
  },
  {
    method: 'GET',
    pattern: 'nodetypes',
    handler: (ctx: Ctx) => listOf(ctx.state, 'nodetypes', NODE_TYPES.map((t) => nodeType(ctx.state, t)), NODE_TYPES.length)
  },
  { method: 'GET', pattern: 'nodetypes/:id', handler: (ctx: Ctx) => nodeType(ctx.state, find(NODE_TYPES, ctx.params.id, 'Node type')) }
]
