import { z } from 'zod'
import { id, opt, optBoolean, optDate, optNumber, optRef, optString } from './common'

/** A node as listed in proxy relations: enough to identify and link it. */
const NodeRefSchema = z.looseObject({
  id: opt(id),
  name: optString,
  tsmName: optString,
  href: optString,
  dataSourceState: optRef,
  consumer: opt(z.looseObject({ id: opt(id), name: optString, href: optString }))
})

/**
 * A backup node (one per consumption unit). `tsmPassword` is dropped on parse even if the portal
 * echoes it, so it can never reach the cache, a log or the renderer.
 */
export const NodeSchema = z
  .looseObject({
    id,
    href: optString,
    name: optString,
    tsmName: optString,
    tsmNodeId: optString,
    cpuCount: optNumber,
    activatedDate: optDate,
    locked: optBoolean,
    decommissioned: optBoolean,
    contact: optString,
    operatingSystem: optRef,
    type: optRef,
    syncState: optRef,
    domain: optRef,
    clientOptionSet: optRef,
    server: optRef,
    platform: optRef,
    tsmClientVersion: optRef,
    osLevel: optRef,
    sessionSecurity: optRef,
    dataSourceState: optRef,
    dataSourceType: optRef,
    consumer: opt(z.looseObject({ id: opt(id), name: optString, href: optString })),
    tcpName: optString,
    tcpAddress: optString,
    macAddress: optString,
    hypervisor: optString,
    containsVmFilespaces: optBoolean,
    lastAccessTime: optString,
    registeredTime: optString,
    replicationState: optBoolean,
    replicationMode: optNumber,
    proxyAgents: opt(z.array(NodeRefSchema)),
    proxyTargets: opt(z.array(NodeRefSchema)),
    createdDate: optDate
  })
  .transform(({ tsmPassword: _secret, ...node }) => node)
export type Node = z.infer<typeof NodeSchema>

/** Body of POST …/node: the API wants references as nested objects, `{ id }`. */
export interface NodeInput {
  operatingSystemId: number
  typeId: number
  domainId: number
  clientOptionSetId: number
  cpuCount?: number
  contact?: string
  serverId?: number
}

/** PUT …/node: any create field, plus lock/unlock and a rename of an activated node. */
export interface NodeUpdateInput extends Partial<NodeInput> {
  locked?: boolean
  /** Checked against the IBM SP naming rules and upper-cased before sending. */
  tsmName?: string
}

export function nodeBody(input: NodeUpdateInput): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.operatingSystemId !== undefined) body.operatingSystem = { id: input.operatingSystemId }
  if (input.typeId !== undefined) body.type = { id: input.typeId }
  if (input.domainId !== undefined) body.domain = { id: input.domainId }
  if (input.clientOptionSetId !== undefined) body.clientOptionSet = { id: input.clientOptionSetId }
  if (input.serverId !== undefined) body.server = { id: input.serverId }
  if (input.cpuCount !== undefined) body.cpuCount = input.cpuCount
  if (input.contact !== undefined) body.contact = input.contact
  if (input.locked !== undefined) body.locked = input.locked
  if (input.tsmName !== undefined) body.tsmName = input.tsmName
  return body
}
