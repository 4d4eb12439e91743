/** Every endpoint the simulator serves, in one router. */
import { Router } from '../http/router'
import { auditRoutes } from './auditlogs'
import { bunitRoutes } from './bunits'
import { consumerRoutes } from './consumers'
import { metaRoutes } from './meta'
import { nodeRoutes } from './node'
import { oauthRoutes } from './oauth'
import { proxyRoutes } from './proxies'
import { serverRoutes } from './servers'

export function buildRouter(): Router {
  const router = new Router()
  for (const group of [oauthRoutes, metaRoutes, bunitRoutes, consumerRoutes, auditRoutes, serverRoutes, nodeRoutes, proxyRoutes]) {
    for (const route of group) router.add(route)
  }
  return router
}
