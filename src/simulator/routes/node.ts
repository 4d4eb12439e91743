/**
 * The backup node of a consumer: create/read/update/delete, name suggestion,
 * activation under IBM Storage Protect naming rules, password, filespaces.
 */
import { AUDIT_TYPES } from '../audit'
import { byId, CLIENT_OPTION_SETS, DEFAULT_SERVER_ID, DOMAINS, NODE_TYPES, OPERATING_SYSTEMS, SERVERS } from '../catalog'
import { optBool, optInt, optRef, optString, reqRef, type Body } from '../http/body'
import type { Ctx } from '../http/context'
import { badRequest, conflict } from '../http/errors'
import { getCI, optFlag } from '../http/query'
import type { RouteDef } from '../http/router'
import type { NodeRec } from '../model'
import { baseNodeName, nodeNameProblem, randomNodeName, randomPassword, uniqueNodeName } from '../nodename'
import { listOf } from '../render/hyper'
import { filespace, node as render } from '../render/node'
import { consumerPath } from '../render/consumer'
import { requireConsumer, requireNode } from '../scope'
import { addNode, filespacesOf, isTsmNameTaken, recordAudit, setTsmName } from '../store'
import { deleteConsumer } from './consumers'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

function checkRef<T extends { id: number; name: string }>(list: readonly T[], id: number | undefined, field: string, what: string): T | undefined {
  if (id === undefined) return undefined
  const item = byId(list, id)
  if (!item) throw badRequest(`${what} ${id} does not exist.`, field)
  return item
}

function checkOsType(osId: number, typeId: number): void {
  const os = checkRef(OPERATING_SYSTEMS, osId, 'operatingSystem', 'Operating system')
  const type = checkRef(NODE_TYPES, typeId, 'type', 'Node type')
  if (os && type && !os.supportedNodeTypeIds.includes(type.id)) {
    throw badRequest(`Node type '${type.name}' is not supported by operating system '${os.name}'.`, 'type')
  }
}

function checkServer(body: Body): number {
  const id = optRef(body, 'server') ?? DEFAULT_SERVER_ID
  checkRef(SERVERS, id, 'server', 'Backup server')
  return id
}

function create(ctx: Ctx) {
  const { unit, consumer } = requireConsumer(ctx)
  if (consumer.nodeId !== undefined) throw conflict(`Consumer '${consumer.name}' already has a backup node.`)
  const b = ctx.body
  const operatingSystemId = reqRef(b, 'operatingSystem')
  const typeId = reqRef(b, 'type')
  checkOsType(operatingSystemId, typeId)
  const domainId = reqRef(b, 'domain')
  checkRef(DOMAINS, domainId, 'domain', 'Domain')
  const clientOptionSetId = optRef(b, 'clientOptionSet')
  checkRef(CLIENT_OPTION_SETS, clientOptionSetId, 'clientOptionSet', 'Client option set')
  const n = addNode(ctx.state, consumer, {
    serverId: checkServer(b),
    operatingSystemId,
    typeId,
    domainId,
    ...(clientOptionSetId !== undefined ? { clientOptionSetId } : {}),
    cpuCount: optInt(b, 'cpuCount', 1, 4096) ?? 1,
    contact: optString(b, 'contact') ?? '',
    createdDate: new Date().toISOString(),
    locked: false,
    decommissioned: false,
    filespaceCount: 0,
    filespaces: []
  })
  recordAudit(ctx.state, { type: AUDIT_TYPES.create, message: `Backup node for '${consumer.name}' was created.`, userName: ctx.user.username, bunit: unit, consumer })
  return render(ctx.state, n)
}

function update(ctx: Ctx) {
  const { unit, consumer, node } = requireNode(ctx)
  const b = ctx.body
  const changed: string[] = []
  const osId = optRef(b, 'operatingSystem') ?? node.operatingSystemId
  const typeId = optRef(b, 'type') ?? node.typeId
  checkOsType(osId, typeId)
  const domainId = optRef(b, 'domain')
  checkRef(DOMAINS, domainId, 'domain', 'Domain')
  const cosId = optRef(b, 'clientOptionSet')
  checkRef(CLIENT_OPTION_SETS, cosId, 'clientOptionSet', 'Client option set')
  const cpuCount = optInt(b, 'cpuCount', 1, 4096)
  const contact = optString(b, 'contact')
  const locked = optBool(b, 'locked')
  const rename = optString(b, 'tsmName', 1000)
  let newName: string | undefined
  if (rename !== undefined && rename.toUpperCase() !== node.tsmName) {
    if (!node.activatedDate) throw conflict('The node is not activated; name it when activating.')
    newName = validName(ctx, node, rename)
  }
  if (locked !== undefined && !node.activatedDate) throw conflict('Only an activated node can be locked or unlocked.')
  // Apply only after everything validated, so a 400 leaves the node untouched.
  const apply = <K extends keyof NodeRec>(key: K, value: NodeRec[K] | undefined, label: string = key) => {
    if (value === undefined || value === node[key]) return
    node[key] = value
    changed.push(label)
  }
  apply('operatingSystemId', osId, 'operatingSystem')
  apply('typeId', typeId, 'type')
  apply('domainId', domainId, 'domain')
  apply('clientOptionSetId', cosId, 'clientOptionSet')
  apply('cpuCount', cpuCount)
  apply('contact', contact)
  if (locked !== undefined && locked !== node.locked) {
    // Reports stop the day a node is locked; unlocking lets them run on.
    if (locked) node.lockedAt = new Date().toISOString()
    else delete node.lockedAt
  }
  apply('locked', locked)
  if (newName !== undefined) {
    setTsmName(ctx.state, node, newName)
    changed.push('tsmName')
  }
  if (changed.length > 0) {
    recordAudit(ctx.state, {
      type: AUDIT_TYPES.modify,
      message: `Backup node of '${consumer.name}' was modified (${changed.join(', ')}).`,
      userName: ctx.user.username,
      bunit: unit,
      consumer
    })
  }
  return render(ctx.state, node)
}

/** Upper-cases, checks the IBM SP rules and uniqueness on the node's server. */
function validName(ctx: Ctx, node: NodeRec, raw: string): string {
  const name = raw.trim().toUpperCase()
  const problem = nodeNameProblem(name)
  if (problem) throw badRequest(problem, 'tsmName')
  if (isTsmNameTaken(ctx.state, node.serverId, name) && ctx.state.tsmNames.get(`${node.serverId}/${name}`) !== node.id) {
    throw conflict(`A node named '${name}' already exists on the backup server.`)
  }
  return name
}

function suggestName(ctx: Ctx) {
  const { consumer, node } = requireNode(ctx)
  if (node.tsmName !== undefined) return node.tsmName
  return uniqueNodeName(baseNodeName(consumer.name), (n) => isTsmNameTaken(ctx.state, node.serverId, n))
}

function activate(ctx: Ctx) {
  const { unit, consumer, node } = requireNode(ctx)
  if (node.activatedDate) throw conflict(`The node of '${consumer.name}' is already activated as '${node.tsmName ?? ''}'.`)
  // Safespring's Go client passes the raw body of GET …/spname, a JSON string with its quotes,
  // as tsmName="NAME"; the portal evidently accepts that (its CLI's --activate works), so do we.
  const requested = unquote(getCI(ctx.query, 'tsmName')?.trim())
  // No name: the portal's convention of 12 random alphanumerics.
  const name = requested
    ? validName(ctx, node, requested)
    : uniqueNodeName(randomNodeName(ctx.sim.rng), (n) => isTsmNameTaken(ctx.state, node.serverId, n))
  setTsmName(ctx.state, node, name)
  node.tsmPassword = randomPassword(ctx.sim.rng)
  node.tsmNodeId = String(node.id * 7 + 100_000)
  node.activatedDate = new Date().toISOString()
  node.filespaces = []
  recordAudit(ctx.state, { type: AUDIT_TYPES.modify, message: `Backup node '${name}' was activated.`, userName: ctx.user.username, bunit: unit, consumer })
  return name
}

function unquote(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const m = /^"(.*)"$/.exec(raw)
  return m ? m[1]!.trim() : raw
}

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 64

function setPassword(ctx: Ctx) {
  const { unit, consumer, node } = requireNode(ctx)
  const pw = optString(ctx.body, 'tsmPassword', 10_000)
  if (pw === undefined || pw === '') throw badRequest("'tsmPassword' is required.", 'tsmPassword')
  if (pw.length < PASSWORD_MIN || pw.length > PASSWORD_MAX) {
    throw badRequest(`'tsmPassword' must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters long.`, 'tsmPassword')
  }
  if (/\s/.test(pw)) throw badRequest("'tsmPassword' must not contain whitespace.", 'tsmPassword')
  if (!node.activatedDate) throw conflict('The node is not activated yet; activation sets its first password.')
  node.tsmPassword = pw
  recordAudit(ctx.state, { type: AUDIT_TYPES.modify, message: `Password of backup node '${node.tsmName ?? ''}' was changed.`, userName: ctx.user.username, bunit: unit, consumer })
  return render(ctx.state, node)
}

async function filespaces(ctx: Ctx) {
  const { consumer, node } = requireNode(ctx)
  if (optFlag(ctx.query, 'tsmSync')) {
    // A sync asks the SP server first: slower, and it stamps the node's sync time.
    await sleep(ctx.sim.faults.tsmSyncDelayMs)
    node.lastSync = new Date().toISOString()
  }
  const items = node.activatedDate ? filespacesOf(ctx.state, node).map((f) => filespace(ctx.state, consumer, node, f)) : []
  return listOf(ctx.state, `${consumerPath(consumer)}/node/filespaces`, items, items.length)
}

export const nodeRoutes: RouteDef[] = [
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/node', handler: (ctx) => render(ctx.state, requireNode(ctx).node) },
  { method: 'POST', pattern: 'bunits/:bunitId/consumers/:consumerId/node', handler: create },
  { method: 'PUT', pattern: 'bunits/:bunitId/consumers/:consumerId/node', handler: update },
  {
    method: 'DELETE',
    pattern: 'bunits/:bunitId/consumers/:consumerId/node',
    handler: (ctx) => {
      // Answers with the deleted node (as Safespring's Go library expects), rendered before it goes.
      const { unit, consumer, node } = requireNode(ctx)
      const deleted = render(ctx.state, node)
      deleteConsumer(ctx, unit, consumer)
      return deleted
    }
  },
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/node/spname', handler: suggestName },
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/node/activate', handler: activate },
  { method: 'POST', pattern: 'bunits/:bunitId/consumers/:consumerId/node/password', handler: setPassword },
  { method: 'GET', pattern: 'bunits/:bunitId/consumers/:consumerId/node/filespaces', handler: filespaces }
]
