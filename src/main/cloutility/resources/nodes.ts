import { z } from 'zod'
import { validateNodeName } from '../../../shared/node-name'
import { idSegment, type Api } from '../api'
import { CloutilityError, invalidInput } from '../errors'
import { FilespaceSchema, type Filespace } from '../models/filespace'
import { NodeSchema, nodeBody, type Node, type NodeInput, type NodeUpdateInput } from '../models/node'
import type { CallOptions } from '../options'
import { listAll } from './paging'

const nodePath = (bunitId: number, consumerId: number): string =>
  `bunits/${idSegment(bunitId, 'business unit')}/consumers/${idSegment(consumerId, 'consumer')}/node`

/** Endpoints that answer with a bare name: a JSON string, tolerated as an object carrying it. */
const NameSchema = z.union([
  z.string(),
  z.looseObject({ name: z.string() }).transform((o) => o.name),
  z.looseObject({ tsmName: z.string() }).transform((o) => o.tsmName)
])

function checkedName(raw: string): string {
  const check = validateNodeName(raw)
  if (!check.ok) throw invalidInput(check.reason, { field: 'tsmName' })
  return check.normalized
}

export interface NodeDeleteOptions {
  /** Also remove schedules and other associations (the API's deleteAssociations=True). */
  deleteAssociations?: boolean
}

/** The backup node of a consumption unit (one-to-one), its filespaces and proxy relations. */
export class NodesApi {
  constructor(private readonly api: Api) {}

  /** null when the consumer has no node yet (the API answers 404). */
  async get(bunitId: number, consumerId: number, o?: CallOptions): Promise<Node | null> {
    try {
      return await this.api.call({ method: 'GET', path: nodePath(bunitId, consumerId) }, NodeSchema, o)
    } catch (e) {
      if (e instanceof CloutilityError && e.kind === 'not-found') return null
      throw e
    }
  }

  async create(bunitId: number, consumerId: number, input: NodeInput, o?: CallOptions): Promise<Node> {
    return this.api.call({ method: 'POST', path: nodePath(bunitId, consumerId), body: nodeBody(input) }, NodeSchema, o)
  }

  /** Sends only the fields given. */
  async update(bunitId: number, consumerId: number, input: NodeUpdateInput, o?: CallOptions): Promise<Node> {
    const body = nodeBody(input)
    if (input.tsmName !== undefined) body.tsmName = checkedName(input.tsmName)
    return this.api.call({ method: 'PUT', path: nodePath(bunitId, consumerId), body }, NodeSchema, o)
  }

  /** Removes the node and with it the consumption unit. */
  async delete(bunitId: number, consumerId: number, opts: NodeDeleteOptions = {}, o?: CallOptions): Promise<void> {
    return this.api.callVoid(
      {
        method: 'DELETE',
        path: nodePath(bunitId, consumerId),
        // The .NET API documents the capitalised form.
        query: { deleteAssociations: opts.deleteAssociations === undefined ? undefined : opts.deleteAssociations ? 'True' : 'False' }
      },
      o
    )
  }

  /** A node name the portal proposes for this consumer (GET …/node/spname). */
  async suggestName(bunitId: number, consumerId: number, o?: CallOptions): Promise<string> {
    return this.api.call({ method: 'GET', path: `${nodePath(bunitId, consumerId)}/spname` }, NameSchema, o)
  }

  /**
   * Register the node on the SP server under `tsmName` (checked and upper-cased locally first).
   * A GET with a side effect, so it is never retried automatically.
   */
  async activate(bunitId: number, consumerId: number, tsmName: string, o?: CallOptions): Promise<string> {
    const name = checkedName(tsmName)
    return this.api.call(
      { method: 'GET', path: `${nodePath(bunitId, consumerId)}/activate`, query: { tsmName: name }, retry: false },
      z.union([z.string(), z.undefined().transform(() => name)]),
      o
    )
  }

  /** Change the node's SP password (POST …/node/password {tsmPassword}). */
  async setPassword(bunitId: number, consumerId: number, password: string, o?: CallOptions): Promise<Node> {
    if (password.length === 0) throw invalidInput('The new node password is empty.', { field: 'tsmPassword' })
    return this.api.call(
      { method: 'POST', path: `${nodePath(bunitId, consumerId)}/password`, body: { tsmPassword: password } },
      NodeSchema,
      o
    )
  }

  /** tsmSync: true asks the portal to sync with the SP server first (slow). */
  async filespaces(bunitId: number, consumerId: number, opts: { tsmSync?: boolean } = {}, o?: CallOptions): Promise<Filespace[]> {
    return listAll(this.api, `${nodePath(bunitId, consumerId)}/filespaces`, FilespaceSchema, o, { tsmSync: opts.tsmSync })
  }

  async possibleProxyNodes(bunitId: number, consumerId: number, o?: CallOptions): Promise<Node[]> {
    return listAll(this.api, `${nodePath(bunitId, consumerId)}/possibleproxynodes`, NodeSchema, o)
  }

  /** Let `agentConsumerId`'s node act as `targetConsumerId`'s node. */
  async addProxyAgent(bunitId: number, targetConsumerId: number, agentConsumerId: number, o?: CallOptions): Promise<Node> {
    return this.api.call(
      {
        method: 'POST',
        path: `${nodePath(bunitId, targetConsumerId)}/proxyagents`,
        query: { proxyAgentId: idSegment(agentConsumerId, 'consumer') },
        body: {}
      },
      NodeSchema,
      o
    )
  }

  /** The same relation, established from the agent's side. */
  async addProxyTarget(bunitId: number, agentConsumerId: number, targetConsumerId: number, o?: CallOptions): Promise<Node> {
    return this.api.call(
      {
        method: 'POST',
        path: `${nodePath(bunitId, agentConsumerId)}/proxytargets`,
        query: { proxyTargetId: idSegment(targetConsumerId, 'consumer') },
        body: {}
      },
      NodeSchema,
      o
    )
  }

  async removeProxyAgent(bunitId: number, targetConsumerId: number, agentConsumerId: number, o?: CallOptions): Promise<void> {
    return this.api.callVoid(
      { method: 'DELETE', path: `${nodePath(bunitId, targetConsumerId)}/proxyagents/${idSegment(agentConsumerId, 'consumer')}` },
      o
    )
  }

  async removeProxyTarget(bunitId: number, agentConsumerId: number, targetConsumerId: number, o?: CallOptions): Promise<void> {
    return this.api.callVoid(
      { method: 'DELETE', path: `${nodePath(bunitId, agentConsumerId)}/proxytargets/${idSegment(targetConsumerId, 'consumer')}` },
      o
    )
  }
}
