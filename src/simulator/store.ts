/**
 * Mutations of the estate, shared by the generator and the route handlers, so
 * indexes (children, consumerIds, tsmNames, proxy sets) always stay consistent.
 */
import { AuditStore, type AuditType } from './audit'
import { FILESPACES_LINUX, FILESPACES_MAC, FILESPACES_WINDOWS } from './names'
import type { BusinessUnitRec, ConsumerRec, FilespaceRec, NodeRec, SimState, UserRec } from './model'
import { tsmKey } from './nodename'
import { createPrng } from './prng'

export function createEmptyState(opts: {
  version: string
  seed: number
  groupName: string
  rootName: string
  referenceTime: number
}): SimState {
  const state: SimState = {
    baseUrl: 'http://127.0.0.1/v1/',
    version: opts.version,
    seed: opts.seed,
    rootId: 22,
    groupName: opts.groupName,
    referenceTime: opts.referenceTime,
    bunits: new Map(),
    consumers: new Map(),
    nodes: new Map(),
    users: new Map(),
    usersByName: new Map(),
    tsmNames: new Map(),
    audit: new AuditStore(),
    healthOverrides: new Map(),
    nextId: { bunit: 22, consumer: 400, node: 1000, user: 1, filespace: 1, audit: 1 }
  }
  const root = addBunit(state, {
    parentId: null,
    name: opts.rootName,
    registrationNumber: 'SE556000000001',
    timeZoneId: 4,
    createdDate: new Date(opts.referenceTime - 1500 * 86_400_000).toISOString()
  })
  state.rootId = root.id
  return state
}

export function addBunit(
  state: SimState,
  init: Omit<BusinessUnitRec, 'id' | 'children' | 'consumerIds'> & { id?: number }
): BusinessUnitRec {
  const rec: BusinessUnitRec = { ...init, id: init.id ?? state.nextId.bunit++, children: [], consumerIds: [] }
  state.bunits.set(rec.id, rec)
  if (rec.parentId !== null) state.bunits.get(rec.parentId)?.children.push(rec.id)
  return rec
}

export function removeBunit(state: SimState, rec: BusinessUnitRec): void {
  state.bunits.delete(rec.id)
  if (rec.parentId !== null) removeFrom(state.bunits.get(rec.parentId)?.children, rec.id)
}

export function addConsumer(state: SimState, init: Omit<ConsumerRec, 'id'>): ConsumerRec {
  // Adopt the caller's fresh object instead of copying it (the generator makes 20,000 of these).
  const rec = init as ConsumerRec
  rec.id = state.nextId.consumer++
  state.consumers.set(rec.id, rec)
  state.bunits.get(rec.businessUnitId)?.consumerIds.push(rec.id)
  return rec
}

/** Removes the consumer and its node (the API deletes both together). */
export function removeConsumer(state: SimState, c: ConsumerRec): void {
  if (c.nodeId !== undefined) {
    const n = state.nodes.get(c.nodeId)
    if (n) removeNode(state, n)
  }
  state.consumers.delete(c.id)
  removeFrom(state.bunits.get(c.businessUnitId)?.consumerIds, c.id)
}

export function addNode(state: SimState, c: ConsumerRec, init: Omit<NodeRec, 'id' | 'consumerId'>): NodeRec {
  const rec = init as NodeRec
  rec.id = state.nextId.node++
  rec.consumerId = c.id
  state.nodes.set(rec.id, rec)
  c.nodeId = rec.id
  if (rec.tsmName !== undefined) state.tsmNames.set(tsmKey(rec.serverId, rec.tsmName), rec.id)
  return rec
}

function removeNode(state: SimState, n: NodeRec): void {
  for (const agent of n.proxyAgents ?? []) unlinkProxy(state, agent, n.consumerId)
  for (const target of n.proxyTargets ?? []) unlinkProxy(state, n.consumerId, target)
  if (n.tsmName !== undefined) state.tsmNames.delete(tsmKey(n.serverId, n.tsmName))
  state.nodes.delete(n.id)
  const c = state.consumers.get(n.consumerId)
  if (c) delete c.nodeId
}

export function isTsmNameTaken(state: SimState, serverId: number, name: string): boolean {
  return state.tsmNames.has(tsmKey(serverId, name))
}

export function setTsmName(state: SimState, n: NodeRec, name: string): void {
  if (n.tsmName !== undefined) state.tsmNames.delete(tsmKey(n.serverId, n.tsmName))
  n.tsmName = name
  state.tsmNames.set(tsmKey(n.serverId, name), n.id)
}

export function nodeOfConsumer(state: SimState, consumerId: number): NodeRec | undefined {
  const c = state.consumers.get(consumerId)
  return c?.nodeId !== undefined ? state.nodes.get(c.nodeId) : undefined
}

/** agent may act as target. Kept symmetric: target.proxyAgents ∋ agent ⇔ agent.proxyTargets ∋ target. */
export function linkProxy(state: SimState, agentConsumerId: number, targetConsumerId: number): void {
  const agent = nodeOfConsumer(state, agentConsumerId)
  const target = nodeOfConsumer(state, targetConsumerId)
  if (!agent || !target) return
  ;(target.proxyAgents ??= new Set()).add(agentConsumerId)
  ;(agent.proxyTargets ??= new Set()).add(targetConsumerId)
}

export function unlinkProxy(state: SimState, agentConsumerId: number, targetConsumerId: number): void {
  nodeOfConsumer(state, targetConsumerId)?.proxyAgents?.delete(agentConsumerId)
  nodeOfConsumer(state, agentConsumerId)?.proxyTargets?.delete(targetConsumerId)
}

export function hasProxyRelations(n: NodeRec): boolean {
  return (n.proxyAgents?.size ?? 0) + (n.proxyTargets?.size ?? 0) > 0
}

export function addUser(state: SimState, init: Omit<UserRec, 'id'>): UserRec {
  const rec: UserRec = { ...init, id: state.nextId.user++ }
  state.users.set(rec.id, rec)
  state.usersByName.set(rec.username.toLowerCase(), rec)
  return rec
}

export function recordAudit(
  state: SimState,
  e: { type: AuditType; message: string; userName: string; bunit: BusinessUnitRec; consumer?: ConsumerRec; time?: number }
): void {
  state.audit.add({
    id: 0,
    time: e.time ?? Date.now(),
    type: e.type,
    message: e.message,
    userName: e.userName,
    businessUnitId: e.bunit.id,
    businessUnitName: e.bunit.name,
    consumerId: e.consumer?.id,
    consumerName: e.consumer?.name
  })
}

/**
 * Filespaces are derived from the seed and node id on first use, so a 20k-node
 * estate does not hold ~60k filespace objects nobody asked for.
 */
export function filespacesOf(state: SimState, n: NodeRec): FilespaceRec[] {
  if (n.filespaces) return n.filespaces
  const c = state.consumers.get(n.consumerId)
  const rng = createPrng((state.seed * 31 + n.id) | 0)
  const host = (c?.name ?? 'host').toLowerCase()
  const names: readonly string[] =
    n.operatingSystemId === 3 || n.operatingSystemId === 5
      ? FILESPACES_LINUX
      : n.operatingSystemId === 2
        ? FILESPACES_MAC
        : FILESPACES_WINDOWS
  const fsType = n.operatingSystemId === 3 ? 'EXT4' : n.operatingSystemId === 5 ? 'JFS2' : n.operatingSystemId === 2 ? 'APFS' : 'NTFS'
  const list: FilespaceRec[] = []
  const anchor = n.lastAccessTime ? Date.parse(n.lastAccessTime) : state.referenceTime
  const created = n.activatedDate ?? n.createdDate
  for (let i = 0; i < Math.min(n.filespaceCount, names.length); i++) {
    const name = (names[i] ?? '/').replace('{h}', host)
    const start = anchor - rng.int(1, 6) * 3_600_000
    list.push({
      id: state.nextId.filespace++,
      name,
      type: name === 'SYSTEM STATE' || name === 'ASR' ? 'VSS' : fsType,
      tsmFilespaceId: String(i + 1),
      capacityMegaBytes: rng.int(20, 4000) * 1024,
      percentageUtilized: Math.round(rng.next() * 9500) / 100,
      lastBackupStart: new Date(start).toISOString(),
      lastBackupEnd: new Date(start + rng.int(2, 90) * 60_000).toISOString(),
      createdDate: created
    })
  }
  n.filespaces = list
  return list
}

function removeFrom(list: number[] | undefined, id: number): void {
  if (!list) return
  const i = list.indexOf(id)
  if (i >= 0) list.splice(i, 1)
}
