/**
 * The Health view's first render in the renderer (happy-dom), with 500 problems out of 10,000
 * consumers: store filled, view mounted (tiles, filters, TanStack sort of the 500 rows). happy-dom
 * lays nothing out, so the virtual list renders no rows here; in Chromium it renders those in sight.
 * Run (JSON result): npx vitest bench --run --project renderer test/unit/renderer/health-view.bench.ts --outputJson bench-health-render.json
 */
import { bench, describe } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { HEALTH_STATES, type HealthOverview, type HealthRow, type HealthState } from '../../../src/shared/ipc/health-models'
import HealthView from '../../../src/renderer/src/views/health/HealthView.vue'
import { useHealthStore } from '../../../src/renderer/src/stores/health'

const PROBLEM_STATES: HealthState[] = ['failed', 'missed', 'warning', 'unknown', 'never-activated']

function overview(problems: number, consumers: number): HealthOverview {
  const rows: HealthRow[] = Array.from({ length: problems }, (_, i) => ({
    accountId: i % 2 ? 'a' : 'b',
    accountName: i % 2 ? 'Alpha' : 'Bravo',
    bunitId: 1 + (i % 40),
    bunitPath: `Root / Customer ${i % 40} / Site ${i % 7}`,
    consumerId: i + 1,
    consumerName: `server-${i}`,
    tsmName: `NODE-${i}`,
    state: PROBLEM_STATES[i % PROBLEM_STATES.length]!,
    statusName: 'Failed',
    since: new Date(Date.now() - i * 3_600_000).toISOString(),
    lastSuccessAt: new Date(Date.now() - i * 7_200_000).toISOString(),
    reportDate: new Date().toISOString(),
    storedMB: i * 1000,
    backupMB: i * 900,
    archiveMB: i * 100,
    deltaMB: i,
    transferredMB: i * 3,
    limitHighStorage: null,
    warnings: i % 3 ? [] : [{ typeName: 'Storage', text: 'Storage limit exceeded', days: null, limit: 1000 }],
    note: null
  }))
  const counts = Object.fromEntries(HEALTH_STATES.map((s) => [s, rows.filter((r) => r.state === s).length])) as HealthOverview['counts']
  counts.ok = consumers - problems
  const summary = (id: string, name: string): HealthOverview['accounts'][number] => ({
    accountId: id, accountName: name, color: '#1e88e5', refreshedAt: new Date().toISOString(), refreshing: false, lastError: null, online: true, counts, intervalMinutes: 60
  })
  return { accounts: [summary('a', 'Alpha'), summary('b', 'Bravo')], counts, problems: rows, changes: { newlyFailing: [], recovered: [] } }
}

const data = overview(500, 10_000)
describe('Health view first render, 500 problems of 10,000 consumers', () => {
  bench(
    'mount HealthView',
    () => {
      setActivePinia(createPinia())
      useHealthStore().overview = data
      mount(HealthView).unmount()
    },
    { iterations: 20 }
  )
})
