/**
 * NodeReport and NodeWarningType shapes. `status` and `warnings` are only
 * included when asked for (the list's flags); `latest` always carries both.
 */
import { DATA_SOURCE_TYPE, SERVERS } from '../catalog'
import { CATALOG_CREATED, REPORT_STATUSES, WARNING_TYPES, type WarningTypeDef } from '../health/catalog'
import { DAY } from '../health/profile'
import type { Night } from '../health/nights'
import { storedOn } from '../health/nights'
import { stateOf } from '../lifecycle'
import type { BusinessUnitRec, ConsumerRec, NodeRec, SimState } from '../model'
import { consumerPath } from './consumer'
import { href, iso } from './hyper'

export const reportId = (n: NodeRec, day: number): number => n.id * 100_000 + (day % 100_000)

const pct = (delta: number, before: number): number => (before > 0 ? Math.round((delta / before) * 10_000) / 100 : 0)
const r2 = (x: number): number => Math.round(x * 100) / 100

export function warningType(state: SimState, t: WarningTypeDef) {
  return { href: href(state, `nodewarningtypes/${t.id}`), id: t.id, name: t.name, usesLimit: t.usesLimit, createdDate: CATALOG_CREATED }
}

export function nodeReport(
  state: SimState,
  unit: BusinessUnitRec,
  c: ConsumerRec,
  n: NodeRec,
  night: Night,
  include: { status: boolean; warnings: boolean }
) {
  const id = reportId(n, night.day)
  const date = iso(night.day * DAY)
  const mb = r2(night.backupMB + night.archiveMB)
  const prevMB = r2(night.prevBackupMB + night.prevArchiveMB)
  const s = stateOf(n)
  const unitTotal = unitStoredMB(state, unit, night.day)
  const warnings = night.warnings.map((w, i) => {
    const t = WARNING_TYPES[w.kind]
    return {
      id: id * 10 + i,
      nodeReportId: id,
      createdDate: date,
      type: { id: t.id, name: t.name, usesLimit: t.usesLimit },
      status: { ...REPORT_STATUSES[w.status] },
      ...(w.days !== undefined ? { days: w.days } : {}),
      ...(w.limit !== undefined ? { limit: w.limit } : {})
    }
  })
  return {
    href: href(state, `${consumerPath(c)}/reports/${id}`),
    id,
    createdDate: date,
    name: c.name,
    consumerId: c.id,
    nodeId: n.id,
    businessUnitId: unit.id,
    businessUnitName: unit.name,
    ...(n.tsmName !== undefined ? { tsmName: n.tsmName, dataSource: n.tsmName } : {}),
    tsmServerName: SERVERS.find((x) => x.id === n.serverId)?.name ?? '',
    deviceName: c.name,
    pending: false,
    errorsDeactivated: n.locked || n.decommissioned,
    errorsDeactivatedNoActivity: c.allowNoActivity,
    reportDate: date,
    ...(include.status && !night.noStatus ? { status: { ...REPORT_STATUSES[night.status] } } : {}),
    ...(include.warnings ? { warnings } : {}),
    megaBytes: mb,
    backupMegaBytes: night.backupMB,
    archiveMegaBytes: night.archiveMB,
    megaBytesDelta: r2(mb - prevMB),
    backupMegaBytesDelta: r2(night.backupMB - night.prevBackupMB),
    archiveMegaBytesDelta: r2(night.archiveMB - night.prevArchiveMB),
    megaBytesDeltaPercentage: pct(mb - prevMB, prevMB),
    backupMegaBytesDeltaPercentage: pct(night.backupMB - night.prevBackupMB, night.prevBackupMB),
    archiveMegaBytesDeltaPercentage: pct(night.archiveMB - night.prevArchiveMB, night.prevArchiveMB),
    megaBytesForCurrentBusinessUnit: mb,
    transferredMegaBytes: r2(night.transferredBackupMB + night.transferredArchiveMB + night.transferredRestoreMB),
    transferredBackupMegaBytes: r2(night.transferredBackupMB + night.transferredArchiveMB),
    transferredRestoreMegaBytes: night.transferredRestoreMB,
    percentOfTotalStorageOfBusinessUnit: unitTotal > 0 ? Math.round((mb / unitTotal) * 10_000) / 100 : 0,
    proxyNodeReports: [],
    comments: [],
    dataSourceType: { ...DATA_SOURCE_TYPE },
    dataSourceState: { id: s.id, name: s.name }
  }
}

/**
 * Stored MB of a unit's own consumers on a day. Cached per unit and day (a unit can
 * hold thousands of consumers); the key includes the consumer count so adds and
 * deletes show up.
 */
const unitTotals = new WeakMap<SimState, Map<string, number>>()
function unitStoredMB(state: SimState, unit: BusinessUnitRec, day: number): number {
  let cache = unitTotals.get(state)
  if (!cache) unitTotals.set(state, (cache = new Map()))
  const key = `${unit.id}/${day}/${unit.consumerIds.length}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  let total = 0
  for (const id of unit.consumerIds) {
    const c = state.consumers.get(id)
    if (!c) continue
    const s = storedOn(state, c, day)
    total += s.backupMB + s.archiveMB
  }
  if (cache.size > 50_000) cache.clear()
  cache.set(key, total)
  return total
}
