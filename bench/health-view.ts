/**
 * The Health view's read, timed: a cache with exactly `problems` problem consumers (the rest ok)
 * is written, closed, then opened fresh and read the way `getHealth` reads it (counts, problem
 * rows with their unit paths, changes, refresh time).
 */
import { HEALTH_STATES } from '../src/shared/ipc/health-models'
import { openEstateCache, type StoredHealth } from '../src/main/cache'

export function measureHealthView(file: string, problems: number): { ms: number; problems: number; consumers: number } {
  const setup = openEstateCache(file)
  const targets = setup.health.targets()
  const bad = HEALTH_STATES.filter((s) => s !== 'ok')
  const rows: StoredHealth[] = targets.map((t, i) => ({
    consumerId: t.consumerId,
    state: i % Math.max(1, Math.floor(targets.length / problems)) === 0 && i / Math.floor(targets.length / problems) < problems ? bad[i % bad.length]! : 'ok',
    statusName: 'Successful',
    reportDate: '2026-11-30T00:00:00.000Z',
    since: '2026-11-29T00:00:00.000Z',
    lastSuccessAt: '2026-11-28T00:00:00.000Z',
    storedMB: 1000 + i,
    backupMB: 900,
    archiveMB: 100,
    deltaMB: 3,
    transferredMB: 40,
    warnings: [],
    note: null
  }))
  setup.health.replace(rows, { refreshedAt: new Date().toISOString(), changes: { newlyFailing: [], recovered: [] }, warningTypes: [] })
  setup.close()

  const t0 = performance.now()
  const cache = openEstateCache(file)
  const counts = cache.health.counts()
  const list = cache.health.problems().map((r) => ({ ...r, accountId: 'bench', accountName: 'Bench' }))
  cache.health.changes()
  cache.health.refreshedAt()
  const ms = performance.now() - t0
  cache.close()
  return { ms, problems: list.length, consumers: Object.values(counts).reduce((a, b) => a + b, 0) }
}
