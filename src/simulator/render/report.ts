/**
 * NodeReport and NodeWarningType shapes. `status` and `warnings` are only
 * included when asked for (the list's flags); `latest` always carries both.
 */
import { DATA_SOURCE_TYPE, SERVERS } from '../catalog'
import { CATALOG_CREATED, REPORT_STATUSES, WARNING_TYPES, type WarningTypeDef } from '../health/catalog'
import { DAY } from '../health/profile'
import type { Night } from '../health/nights'
import { storedOn } from '../health/nights'
import { memo } from '../health/memo'
import { stateOf } from '../lifecycle'
import type { BusinessUnitRec, ConsumerRec, NodeRec, SimState } from '../model'
import { consumerPath } from './consumer'
import { href, iso } from './hyper'

/** Node id and day in one number (days since the epoch stay below 100,000 until the year 2243). */
export const reportId = (n: NodeRec, day: number): number => n.id * 100_000 + day

const pct = (delta: number, before: number): number => (before > 0 ? Math.round((delta / before) * 10_000) / 100 : 0)
const r2 = (x: number): number => Math.round(x * 100) / 100

export function warningType(t: WarningTypeDef) {
  return { id: t.id, name: t.name, usesLimit: t.usesLimit, createdDate: CATALOG_CREATED }
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

/** Stored MB of a unit's own consumers on a day (a unit can hold thousands: memoised). */
function unitStoredMB(state: SimState, unit: BusinessUnitRec, day: number): number {
  return memo(state, `unit-stored/${unit.id}/${day}`, () => {
    let total = 0
    for (const id of unit.consumerIds) {
      const c = state.consumers.get(id)
      if (!c) continue
      const s = storedOn(state, c, day)
      total += s.backupMB + s.archiveMB
    }
    return total
  })
}
