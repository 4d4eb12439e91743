import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type StoredHealth } from '../../../../src/main/cache'
import { smallSnapshot, tempDir } from '../cache/fixtures'

const row = (consumerId: number, state: StoredHealth['state'], extra: Partial<StoredHealth> = {}): StoredHealth => ({
  consumerId,
  state,
  statusName: null,
  reportDate: '2026-11-30T00:00:00.000Z',
  since: '2026-11-30T00:00:00.000Z',
  lastSuccessAt: null,
  storedMB: 1000,
  backupMB: 900,
  archiveMB: 100,
  deltaMB: 5,
  transferredMB: 10,
  warnings: [],
  note: null,
  ...extra
})

const info = { refreshedAt: '2026-11-30T06:00:00.000Z', changes: { newlyFailing: [], recovered: [] }, warningTypes: [] }

describe('the health part of the cache', () => {
  let dir: ReturnType<typeof tempDir>
  let cache: EstateCache

  beforeEach(() => {
    dir = tempDir()
    cache = openEstateCache(path.join(dir.dir, 'a.sqlite'))
    cache.replaceSnapshot(smallSnapshot())
  })
  afterEach(() => {
    cache.close()
    dir.cleanup()
  })

  it('lists the consumers to check: nodes only, activated or not', () => {
    const targets = cache.health.targets().map((t) => [t.consumerId, t.activated])
    expect(targets.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [100, true],
      [101, true],
      [103, false],
      [104, true]
    ])
  })

  it('lists problems worst first with names from the estate, counts every state', () => {
    cache.health.replace(
      [row(100, 'ok'), row(101, 'warning', { since: '2026-11-20T00:00:00.000Z' }), row(103, 'never-activated'), row(104, 'failed', { warnings: [{ typeName: 'X', text: 'X', days: null, limit: null }] })],
      info
    )
    const problems = cache.health.problems()
    expect(problems.map((p) => [p.consumerName, p.state])).toEqual([
      ['Åsa laptop', 'failed'],
      ['db01', 'warning'],
      ['lab-box', 'never-activated']
    ])
    expect(problems[0]).toMatchObject({ bunitPath: 'Acme / Göteborg', tsmName: 'ASA-LAPTOP', warnings: [{ text: 'X' }] })
    expect(cache.health.counts()).toMatchObject({ ok: 1, warning: 1, failed: 1, 'never-activated': 1, missed: 0 })
    expect(cache.health.refreshedAt()).toBe(info.refreshedAt)
  })

  it('rolls badges up the tree and leaves never-activated out of the problem count', () => {
    cache.health.replace([row(100, 'missed'), row(103, 'never-activated'), row(104, 'warning')], info)
    const badges = new Map(cache.health.unitBadges().map((b) => [b.bunitId, b]))
    expect(badges.get(1)).toEqual({ bunitId: 1, worst: 'missed', problems: 2 })
    expect(badges.get(2)).toEqual({ bunitId: 2, worst: 'missed', problems: 1 })
    expect(badges.get(4)).toEqual({ bunitId: 4, worst: 'never-activated', problems: 0 })
    expect(badges.get(3)).toEqual({ bunitId: 3, worst: 'warning', problems: 1 })
  })

  it('a failed save keeps the previous health whole', () => {
    cache.health.replace([row(100, 'failed')], info)
    expect(() => cache.health.replace([row(101, 'ok'), { ...row(104, 'ok'), state: null as never }], { ...info, refreshedAt: 'later' })).toThrow(/Saving the backup health failed/)
    expect(cache.health.problems().map((p) => p.consumerId)).toEqual([100])
    expect(cache.health.refreshedAt()).toBe(info.refreshedAt)
  })

  it('a consumer removed by a sync leaves the health views at once', () => {
    cache.health.replace([row(100, 'failed'), row(104, 'failed')], info)
    const next = smallSnapshot()
    next.consumers = next.consumers.filter((c) => c.id !== 104)
    next.nodes = next.nodes.filter((n) => n.consumerId !== 104)
    cache.replaceSnapshot(next)
    expect(cache.health.problems().map((p) => p.consumerId)).toEqual([100])
    expect(cache.health.counts().failed).toBe(1)
  })

  it('keeps fetched jobs, history, billing and the interval setting', () => {
    cache.health.saveJobs(100, { days: 7, fetchedAt: 'now', firstJobAt: null, jobs: [{ id: 1 } as never] })
    cache.health.saveHistory(100, { days: 30, fetchedAt: 'now', points: [{ date: 'd' } as never] })
    cache.health.saveBilling(1, { fetchedAt: 'now', items: [], invoices: [], message: 'none' })
    cache.health.setIntervalMinutes(15)
    expect(cache.health.jobs(100)).toMatchObject({ days: 7, jobs: [{ id: 1 }] })
    expect(cache.health.history(100)?.points).toHaveLength(1)
    expect(cache.health.billing(1)?.message).toBe('none')
    expect(cache.health.intervalMinutes()).toBe(15)
    expect(cache.health.jobs(101)).toBeNull()
  })
})
