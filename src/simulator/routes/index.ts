/** Every endpoint the simulator serves, in one router. */
import { Router } from '../http/router'
import { auditRoutes } from './auditlogs'
import { billingRoutes } from './billing'
import { bunitRoutes } from './bunits'
import { consumerRoutes } from './consumers'
import { jobRoutes } from './jobs'
import { metaRoutes } from './meta'
import { nodeRoutes } from './node'
import { oauthRoutes } from './oauth'
import { proxyRoutes } from './proxies'
import { reportRoutes } from './reports'
import { serverRoutes } from './servers'

export function buildRouter(): Router {
  const router = new Router()
  for (const group of [oauthRoutes, metaRoutes, bunitRoutes, consumerRoutes, auditRoutes, serverRoutes, nodeRoutes, proxyRoutes, reportRoutes, jobRoutes, billingRoutes]) {
    for (const route of group) router.add(route)
  }
  return router
}
