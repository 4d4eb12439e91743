/** Health rows for renderer tests: every field set, overridable. */
import type { HealthRow } from '../../../src/shared/ipc/health-models'

let next = 1

export function healthRow(over: Partial<HealthRow> = {}): HealthRow {
  const id = next++
  return {
    accountId: 'a',
    accountName: 'Alpha',
    bunitId: 1,
    bunitPath: 'Root / Customer',
    consumerId: id,
    consumerName: `consumer-${id}`,
    tsmName: `NODE${id}`,
    state: 'failed',
    statusName: 'Failed',
    since: '2026-11-30T00:00:00Z',
    lastSuccessAt: '2026-11-29T00:00:00Z',
    reportDate: '2026-11-30T00:00:00Z',
    storedMB: 1024,
    backupMB: 1000,
    archiveMB: 24,
    deltaMB: 10,
    transferredMB: 5,
    limitHighStorage: null,
    warnings: [],
    note: null,
    ...over
  }
}
