/**
 * Proxy relationships (agent may act as target). Either side can create or
 * remove one; the store keeps both sides in step.
 */
import { AUDIT_TYPES } from '../audit'
import type { Ctx } from '../http/context'
import { ApiError, badRequest, conflict } from '../http/errors'
import { optQueryInt } from '../http/query'
import { noContent } from '../http/reply'
import type { RouteDef } from '../http/router'
import type { ConsumerRec, NodeRec } from '../model'
import { listOf } from '../render/hyper'
import { node as render, nodeBrief } from '../render/node'
import { consumerPath } from '../render/consumer'
import { consumerInScope, parseId, requireNode } from '../scope'
import { linkProxy, nodeOfConsumer, recordAudit, unlinkProxy } from '../store'

function usable(n: NodeRec | undefined, c: ConsumerRec): NodeRec {
  if (!n) throw conflict(`Consumer '${c.name}' has no backup node.`)
  if (!n.activatedDate) throw conflict(`The node of '${c.name}' is not activated; proxy relationships need activated nodes.`)
  return n
}

function other(ctx: Ctx, param: string, self: ConsumerRec): { consumer: ConsumerRec; node: NodeRec } {
  const id = optQueryInt(ctx.query, param, 1, Number.MAX_SAFE_INTEGER)
  if (id === undefined) throw badRequest(`Query parameter '${param}' is required.`, param)
  if (id === self.id) throw badRequest('A node cannot be a proxy of itself.', param)
  const consumer = consumerInScope(ctx, id)
  return { consumer, node: usable(nodeOfConsumer(ctx.state, id), consumer) }
}

function audit(ctx: Ctx, agent: ConsumerRec, target: ConsumerRec, granted: boolean) {
  const msg = granted
    ? `'${agent.name}' was granted proxy access to '${target.name}'.`
    : `Proxy access of '${agent.name}' to '${target.name}' was removed.`
  for (const c of [target, agent]) {
    const bunit = ctx.state.bunits.get(c.businessUnitId)
    if (bunit) recordAudit(ctx.state, { type: AUDIT_TYPES.modify, message: msg, userName: ctx.user.username, bunit, consumer: c })
  }
}

/** Idempotent: granting an existing relationship answers 200 and writes nothing. */
function grant(ctx: Ctx, agent: ConsumerRec, target: ConsumerRec) {
  const targetNode = nodeOfConsumer(ctx.state, target.id)
  if (!targetNode?.proxyAgents?.has(agent.id)) {
    linkProxy(ctx.state, agent.id, target.id)
    audit(ctx, agent, target, true)
  }
}

function revoke(ctx: Ctx, agent: ConsumerRec, target: ConsumerRec) {
  if (!nodeOfConsumer(ctx.state, target.id)?.proxyAgents?.has(agent.id)) {
    throw new ApiError(404, 'not_found', `'${agent.name}' is not a proxy agent of '${target.name}'.`)
  }
  unlinkProxy(ctx.state, agent.id, target.id)
  audit(ctx, agent, target, false)
  return noContent()
}

function relatedConsumer(ctx: Ctx, param: string): ConsumerRec {
  return consumerInScope(ctx, parseId(ctx.params[param], 'Consumer'))
}

function possible(ctx: Ctx) {
  const { unit, consumer } = requireNode(ctx)
  const items = unit.consumerIds.flatMap((id) => {
    if (id === consumer.id) return []
    const c = ctx.state.consumers.get(id)
    const n = c?.nodeId !== undefined ? ctx.state.nodes.get(c.nodeId) : undefined
    return c && n?.activatedDate && !n.decommissioned ? [nodeBrief(ctx.state, n, c)] : []
  })
  return listOf(ctx.state, `${consumerPath(consumer)}/node/possibleproxynodes`, items, items.length)
}

const base = 'bunits/:bunitId/consumers/:consumerId/node'
export const proxyRoutes: RouteDef[] = [
  { method: 'GET', pattern: `${base}/possibleproxynodes`, handler: possible },
  {
    method: 'POST',
    pattern: `${base}/proxyagents`,
    handler: (ctx) => {
      const { consumer: target, node } = requireNode(ctx)
      usable(node, target)
      grant(ctx, other(ctx, 'proxyAgentId', target).consumer, target)
      return render(ctx.state, node)
    }
  },
  {
    method: 'POST',
    pattern: `${base}/proxytargets`,
    handler: (ctx) => {
      const { consumer: agent, node } = requireNode(ctx)
      usable(node, agent)
      grant(ctx, agent, other(ctx, 'proxyTargetId', agent).consumer)
      return render(ctx.state, node)
    }
  },
  {
    method: 'DELETE',
    pattern: `${base}/proxyagents/:agentId`,
    handler: (ctx) => {
      const target = requireNode(ctx).consumer
      return revoke(ctx, relatedConsumer(ctx, 'agentId'), target)
    }
  },
  {
    method: 'DELETE',
    pattern: `${base}/proxytargets/:targetId`,
    handler: (ctx) => {
      const agent = requireNode(ctx).consumer
      return revoke(ctx, agent, relatedConsumer(ctx, 'targetId'))
    }
  }
]
