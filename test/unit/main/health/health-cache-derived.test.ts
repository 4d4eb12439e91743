/**
 * Health part of the cache (health-t.cache.ts): the storage limit read from the consumer's raw
 * record, what the refresh stores, the interval setting's bounds, and the error each method gives
 * on a closed t.cache.
 */
import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { type StoredHealth } from '../../../../src/main/cache'
import { DeskError } from '../../../../src/shared/errors'
import { cachePerTest, reference } from '../cache/fixtures'

const health = (consumerId: number, extra: Partial<StoredHealth> = {}): StoredHealth => ({
  consumerId,
  state: 'failed',
  statusName: null,
  reportDate: null,
  since: null,
  lastSuccessAt: null,
  storedMB: 10,
  backupMB: null,
  archiveMB: null,
  deltaMB: null,
  transferredMB: null,
  warnings: [],
  note: null,
  ...extra
})
const info = { refreshedAt: '2026-11-30T06:00:00.000Z', changes: { newlyFailing: [], recovered: [] }, warningTypes: [{ id: 7, name: 'Quota' }] }

const t = cachePerTest()

function raw<T>(sql: string): T[] {
  const db = new Database(t.file, { readonly: true })
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}

describe('the storage limit', () => {
  // Only a positive number counts as a limit.
  const limits: [number, unknown][] = [
    [1, 500],
    [2, 0],
    [3, -1],
    [4, '500'],
    [5, undefined]
  ]
  beforeEach(() => {
    t.cache.replaceSnapshot({
      rootBunitId: 1,
      bunits: [{ id: 1, parentId: null, name: 'Root' }],
      consumers: limits.map(([id, limit]) => ({ id, bunitId: 1, name: `c${id}`, raw: limit === undefined ? {} : { limitHighStorage: limit } })),
      nodes: limits.map(([id]) => ({ consumerId: id, tsmName: `N${id}`, activated: true })),
      reference
    })
    t.cache.health.replace(limits.map(([id]) => health(id, { storedMB: 100 - id })), info)
  })
  const expected = [
    [1, 500],
    [2, null],
    [3, null],
    [4, null],
    [5, null]
  ]

  it('is read for the consumers to check', () => {
    expect(t.cache.health.targets().map((t) => [t.consumerId, t.limitHighStorage])).toEqual(expected)
  })

  it('is read for a consumer’s health row and the problem list', () => {
    expect(limits.map(([id]) => [id, t.cache.health.consumer(id)?.limitHighStorage])).toEqual(expected)
    expect(t.cache.health.problems().map((p) => [p.consumerId, p.limitHighStorage]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(expected)
  })

  it('is read for the storage of a unit’s consumers, largest first', () => {
    expect(t.cache.health.consumerUsage(1).map((u) => [u.consumerId, u.limitHighStorage])).toEqual(expected)
  })
})

describe('what a refresh stores', () => {
  it('stores no warnings as NULL, warnings as JSON, and the warning types in meta', () => {
    t.cache.replaceSnapshot({
      rootBunitId: 1,
      bunits: [{ id: 1, parentId: null, name: 'Root' }],
      consumers: [{ id: 1, bunitId: 1, name: 'a' }, { id: 2, bunitId: 1, name: 'b' }],
      nodes: [],
      reference
    })
    const warning = { typeName: 'Quota', text: 'Over quota', days: null, limit: 5 }
    t.cache.health.replace([health(1), health(2, { warnings: [warning] })], info)
    expect(raw('SELECT consumer_id AS id, warnings FROM health ORDER BY consumer_id')).toEqual([
      { id: 1, warnings: null },
      { id: 2, warnings: JSON.stringify([warning]) }
    ])
    expect(raw("SELECT value FROM meta WHERE key = 'healthWarningTypes'")).toEqual([{ value: '[{"id":7,"name":"Quota"}]' }])
    expect(t.cache.health.consumer(1)?.warnings).toEqual([])
    expect(t.cache.health.consumer(2)?.warnings).toEqual([warning])
  })
})

describe('the refresh interval', () => {
  it('keeps whole non-negative minutes and falls back to 60 for anything else', () => {
    expect(t.cache.health.intervalMinutes()).toBe(60)
    t.cache.health.setIntervalMinutes(0)
    expect(t.cache.health.intervalMinutes()).toBe(0)
    t.cache.health.setIntervalMinutes(15)
    expect(t.cache.health.intervalMinutes()).toBe(15)
    t.cache.health.setIntervalMinutes(-5)
    expect(t.cache.health.intervalMinutes()).toBe(60)
    t.cache.health.setIntervalMinutes(2.5)
    expect(t.cache.health.intervalMinutes()).toBe(60)
  })
})

describe('a closed cache', () => {
  it('makes every method fail with a storage error naming what it was doing', () => {
    const h = t.cache.health
    t.cache.close()
    const calls: [string, () => unknown][] = [
      ['Reading the consumers to check', () => h.targets()],
      ['Reading the previous health', () => h.previous()],
      ['Saving the backup health', () => h.replace([], info)],
      ['Reading the health metadata', () => h.refreshedAt()],
      ['Reading the health changes', () => h.changes()],
      ['Reading the health settings', () => h.intervalMinutes()],
      ['Saving the health settings', () => h.setIntervalMinutes(5)],
      ['Counting the backup health', () => h.counts()],
      ['Reading the backup problems', () => h.problems()],
      ["Reading a consumer's health", () => h.consumer(1)],
      ['Reading the tree badges', () => h.unitBadges()],
      ['Reading the storage usage', () => h.usageByUnit()],
      ['Reading the storage of consumers', () => h.consumerUsage(1)],
      ['Reading cached jobs', () => h.jobs(1)],
      ['Saving jobs', () => h.saveJobs(1, { days: 1, fetchedAt: 'x', firstJobAt: null, jobs: [] })],
      ['Reading cached report history', () => h.history(1)],
      ['Saving report history', () => h.saveHistory(1, { days: 1, fetchedAt: 'x', points: [] })],
      ['Reading cached billing', () => h.billing(1)],
      ['Saving billing', () => h.saveBilling(1, { fetchedAt: 'x', items: [], invoices: [], message: null })]
    ]
    for (const [action, call] of calls) {
      let caught: unknown = null
      try {
        call()
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(DeskError)
      expect([(caught as DeskError).kind, (caught as DeskError).message]).toEqual(['storage', `${action} failed: the cache is closed`])
    }
  })
})
