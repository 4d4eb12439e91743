/** The unit's default backup server with its policy domains and client option sets. */
import { byId, CLIENT_OPTION_SETS, DEFAULT_SERVER_ID, DOMAINS, SERVERS, type ServerDef } from '../catalog'
import type { Ctx } from '../http/context'
import { notFound } from '../http/errors'
import type { RouteDef } from '../http/router'
import { clientOptionSet, domain, server } from '../render/catalog'
import { listOf } from '../render/hyper'
import { parseId, requireBunit } from '../scope'

const defaultServer = (): ServerDef => byId(SERVERS, DEFAULT_SERVER_ID) as ServerDef

export const serverRoutes: RouteDef[] = [
  { method: 'GET', pattern: 'bunits/:bunitId/defaultserver', handler: (ctx: Ctx) => server(ctx.state, requireBunit(ctx).id, defaultServer()) },
  {
    method: 'GET',
    pattern: 'bunits/:bunitId/defaultserver/domains',
    handler: (ctx: Ctx) => {
      const unit = requireBunit(ctx)
      const items = DOMAINS.map((d) => domain(ctx.state, unit.id, d, defaultServer()))
      return listOf(ctx.state, `bunits/${unit.id}/defaultserver/domains`, items, items.length)
    }
  },
  {
    method: 'GET',
    pattern: 'bunits/:bunitId/defaultserver/domains/:id',
    handler: (ctx: Ctx) => {
      const unit = requireBunit(ctx)
      const d = byId(DOMAINS, parseId(ctx.params.id, 'Domain'))
      if (!d) throw notFound(`Domain ${ctx.params.id}`)
      return domain(ctx.state, unit.id, d, defaultServer())
    }
  },
  {
    method: 'GET',
    pattern: 'bunits/:bunitId/defaultserver/clientoptionsets',
    handler: (ctx: Ctx) => {
      const unit = requireBunit(ctx)
      const items = CLIENT_OPTION_SETS.map((c) => clientOptionSet(ctx.state, unit.id, c))
      return listOf(ctx.state, `bunits/${unit.id}/defaultserver/clientoptionsets`, items, items.length)
    }
  },
  {
    method: 'GET',
    pattern: 'bunits/:bunitId/defaultserver/clientoptionsets/:id',
    handler: (ctx: Ctx) => {
      const unit = requireBunit(ctx)
      const c = byId(CLIENT_OPTION_SETS, parseId(ctx.params.id, 'Client option set'))
      if (!c) throw notFound(`Client option set ${ctx.params.id}`)
      return clientOptionSet(ctx.state, unit.id, c)
    }
  }
]
