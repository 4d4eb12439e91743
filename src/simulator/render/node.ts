/**
 * Node (backup node) shape. Nested objects are deliberately incomplete, as in
 * the real API (a domain carries only id/name/href); fields never set
 * (activatedDate, tsmName before activation…) are left out.
 */
import {
  byId,
  CLIENT_OPTION_SETS,
  DATA_SOURCE_TYPE,
  DOMAINS,
  NODE_TYPES,
  OPERATING_SYSTEMS,
  SERVERS,
  SESSION_SECURITY,
  SYNC_STATES
} from '../catalog'
import { stateOf } from '../lifecycle'
import type { ConsumerRec, FilespaceRec, NodeRec, SimState } from '../model'
import { consumerPath, consumerRef } from './consumer'
import { href } from './hyper'

const ref = (state: SimState, path: string, item: { id: number; name: string } | undefined) =>
  item ? { href: href(state, path), id: item.id, name: item.name } : undefined

/** What the SP client reports once it has connected (platform, OS level, client version, network). */
const CLIENT_INFO: Record<number, { platform: string; osLevels: string[]; hypervisor: string }> = {
  1: { platform: 'WinNT', osLevels: ['10.00', '6.03'], hypervisor: 'VMware' },
  2: { platform: 'Mac', osLevels: ['14.5', '13.6'], hypervisor: '' },
  3: { platform: 'Linux x86-64', osLevels: ['5.14.0', '6.1.0'], hypervisor: 'KVM' },
  4: { platform: 'TDP MSSQL Win64', osLevels: ['10.00'], hypervisor: 'Hyper-V' },
  5: { platform: 'AIX', osLevels: ['7.3'], hypervisor: '' }
}
const CLIENT_VERSIONS = ['8.1.21.0', '8.1.23.0', '8.1.19.0']

/** Derived from the node id (no extra random draws, so seeded estates stay as they were). */
function clientInfo(n: NodeRec, c: ConsumerRec | undefined) {
  if (n.lastAccessTime === undefined) return {}
  const info = CLIENT_INFO[n.operatingSystemId] ?? CLIENT_INFO[3]!
  const k = n.id
  const host = (n.tsmName ?? c?.name ?? `node${k}`).toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40)
  const created = n.activatedDate ?? n.createdDate
  return {
    platform: { name: info.platform, id: n.operatingSystemId, createdDate: created },
    osLevel: { name: info.osLevels[k % info.osLevels.length]!, id: 1 + (k % info.osLevels.length), createdDate: created },
    tsmClientVersion: { name: CLIENT_VERSIONS[k % CLIENT_VERSIONS.length]!, id: 1 + (k % CLIENT_VERSIONS.length), createdDate: created },
    tcpName: host,
    // Documentation-range addresses: what the node reported, never something we connect to.
    tcpAddress: `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
    macAddress: ['02', (k >> 24) & 255, (k >> 16) & 255, (k >> 8) & 255, k & 255, 'a1'].map((v) => (typeof v === 'number' ? v.toString(16).padStart(2, '0') : v)).join(':'),
    hypervisor: info.hypervisor
  }
}

export function node(state: SimState, n: NodeRec) {
  const c = state.consumers.get(n.consumerId)
  const unitId = c?.businessUnitId ?? 0
  const s = stateOf(n)
  const os = byId(OPERATING_SYSTEMS, n.operatingSystemId)
  const type = byId(NODE_TYPES, n.typeId)
  const cos = n.clientOptionSetId !== undefined ? byId(CLIENT_OPTION_SETS, n.clientOptionSetId) : undefined
  return {
    href: href(state, c ? `${consumerPath(c)}/node` : `nodes/${n.id}`),
    cpuCount: n.cpuCount,
    ...(n.activatedDate !== undefined ? { activatedDate: n.activatedDate } : {}),
    locked: n.locked,
    operatingSystem: ref(state, `nodeoperatingsystems/${n.operatingSystemId}`, os),
    type: ref(state, `nodetypes/${n.typeId}`, type),
    syncState: { ...(n.activatedDate ? SYNC_STATES.synced : SYNC_STATES.pending) },
    // As in production: the server hangs under the domain; there is no top-level `server`.
    domain: domainRef(state, unitId, n),
    ...(cos ? { clientOptionSet: ref(state, `bunits/${unitId}/defaultserver/clientoptionsets/${cos.id}`, cos) } : {}),
    schedules: [],
    nodeSchedules: [],
    filespaces: [],
    events: [],
    unscheduledActivities: [],
    retentionSets: [],
    activityLogs: [],
    proxyAgents: relations(state, n.proxyAgents),
    proxyTargets: relations(state, n.proxyTargets),
    nodeGroups: [],
    ...(n.tsmName !== undefined ? { tsmName: n.tsmName } : {}),
    ...(n.tsmNodeId !== undefined ? { tsmNodeId: n.tsmNodeId } : {}),
    ...(n.tsmPassword !== undefined ? { tsmPassword: n.tsmPassword } : {}),
    contact: n.contact,
    sessionSecurity: { ...(n.lastAccessTime ? SESSION_SECURITY.strict : SESSION_SECURITY.transitional) },
    containsVmFilespaces: false,
    ...(n.lastAccessTime !== undefined ? { lastAccessTime: n.lastAccessTime } : {}),
    ...clientInfo(n, c),
    ...(n.activatedDate !== undefined ? { registeredTime: n.activatedDate } : {}),
    decommissioned: n.decommissioned,
    replicationState: false,
    replicationMode: 0,
    activityLogFilters: [],
    remoteActivities: [],
    name: n.tsmName ?? c?.name ?? '',
    dataSourceState: { id: s.id, name: s.name },
    dataSourceType: { ...DATA_SOURCE_TYPE },
    ...(c ? { consumer: consumerRef(state, c) } : {}),
    id: n.id,
    createdDate: n.createdDate
  }
}

function domainRef(state: SimState, unitId: number, n: NodeRec) {
  const d = ref(state, `bunits/${unitId}/defaultserver/domains/${n.domainId}`, byId(DOMAINS, n.domainId))
  const server = byId(SERVERS, n.serverId)
  if (!d) return undefined
  return server ? { ...d, server: { href: href(state, `bunits/${unitId}/defaultserver`), id: server.id, name: server.name } } : d
}

/** A node as listed in proxy relations and possibleproxynodes: enough to identify and link it. */
export function nodeBrief(state: SimState, n: NodeRec, c: ConsumerRec) {
  const s = stateOf(n)
  return {
    href: href(state, `${consumerPath(c)}/node`),
    ...(n.tsmName !== undefined ? { tsmName: n.tsmName } : {}),
    name: n.tsmName ?? c.name,
    dataSourceState: { id: s.id, name: s.name },
    consumer: consumerRef(state, c),
    id: n.id,
    createdDate: n.createdDate
  }
}

function relations(state: SimState, ids: Set<number> | undefined) {
  if (!ids) return []
  const out: ReturnType<typeof nodeBrief>[] = []
  for (const cid of ids) {
    const c = state.consumers.get(cid)
    const other = c?.nodeId !== undefined ? state.nodes.get(c.nodeId) : undefined
    if (c && other) out.push(nodeBrief(state, other, c))
  }
  return out
}

export function filespace(state: SimState, c: ConsumerRec, n: NodeRec, f: FilespaceRec) {
  const s = stateOf(n)
  return {
    href: href(state, `${consumerPath(c)}/node/filespaces/${f.id}`),
    tsmFilespaceId: f.tsmFilespaceId,
    type: f.type,
    capacityMegaBytes: f.capacityMegaBytes,
    frontEndCapacityMegaBytes: Math.round(f.capacityMegaBytes * f.percentageUtilized / 100),
    percentageUtilized: f.percentageUtilized,
    ...(f.lastBackupStart !== undefined ? { lastBackupStart: f.lastBackupStart } : {}),
    ...(f.lastBackupEnd !== undefined ? { lastBackupEnd: f.lastBackupEnd } : {}),
    occupancies: [],
    dedupStats: [],
    activities: [],
    events: [],
    retentionSets: [],
    name: f.name,
    dataSourceState: { id: s.id, name: s.name },
    id: f.id,
    createdDate: f.createdDate
  }
}
