/**
 * The estate cache's plumbing: exact error messages (closed cache, failing SQL), the sync-interval
 * setting, metadata read back from the meta table (also when a value there is not JSON), unit
 * details kept from a live read, and releaseMemory handing the WAL back.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache } from '../../../../src/main/cache'
import { smallSnapshot, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void
let file: string
const NOW = '2024-06-01T00:00:00.000Z'

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  file = path.join(t.dir, 'acct.sqlite')
  cache = openEstateCache(file, { now: () => new Date(NOW) })
})
afterEach(() => {
  cache.close()
  cleanup()
})

/** Writes a raw meta value through a second connection (what a damaged or older file may hold). */
function putRawMeta(key: string, value: string): void {
  const db = new Database(file)
  try {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  } finally {
    db.close()
  }
}

function thrown(fn: () => unknown): { kind?: string; message?: string; details?: unknown } {
  try {
    fn()
  } catch (error) {
    return error as { kind?: string; message?: string; details?: unknown }
  }
  throw new Error('expected a throw')
}

describe('a closed cache', () => {
  it('reports isOpen and names the refused action in each error', () => {
    cache.replaceSnapshot(smallSnapshot())
    expect(cache.isOpen).toBe(true)
    const staging = cache.openStaging()
    staging.close()
    cache.close()
    cache.close() // a second close is a no-op
    expect(cache.isOpen).toBe(false)
    const snapshot = smallSnapshot()
    const calls: [string, () => unknown][] = [
      ['Reading the cache metadata', () => cache.meta()],
      ['Reading the sync settings', () => cache.syncIntervalMinutes(15)],
      ['Saving the sync settings', () => cache.setSyncIntervalMinutes(5)],
      ['Reading the cache metadata', () => cache.hasSnapshot()],
      ['Reading the unit tree', () => cache.tree()],
      ['Reading a unit', () => cache.unit(1)],
      ['Listing consumers', () => cache.consumers()],
      ['Counting consumers', () => cache.countConsumers()],
      ['Reading a consumer', () => cache.consumer(100)],
      ['Reading the reference lists', () => cache.reference()],
      ['Searching the cache', () => cache.search('web')],
      ['Saving the estate snapshot', () => cache.replaceSnapshot(snapshot)],
      ['Preparing the sync', () => cache.openStaging()],
      ['Updating a unit in the cache', () => cache.upsertBunit({ id: 9, parentId: 1, name: 'X' })],
      [
        'Keeping a unit’s details in the cache',
        () => cache.rememberUnitDetails(1, { registrationNumber: null, note: null, timeZoneId: null, timeZoneName: null })
      ],
      ['Removing a unit from the cache', () => cache.deleteBunit(2)],
      ['Updating a consumer in the cache', () => cache.upsertConsumer({ id: 1, bunitId: 1, name: 'x' })],
      ['Removing a consumer from the cache', () => cache.deleteConsumer(100)],
      ['Updating a node in the cache', () => cache.upsertNode({ consumerId: 100, activated: true })],
      ['Removing a node from the cache', () => cache.deleteNode(100)],
      ['Adding a proxy relation to the cache', () => cache.addProxyRelation(100, 101)],
      ['Removing a proxy relation from the cache', () => cache.removeProxyRelation(101, 100)]
    ]
    for (const [action, call] of calls) {
      const error = thrown(call)
      expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'storage', message: `${action} failed: the cache is closed` })
    }
    cache.releaseMemory() // closed: nothing to do, and no throw
  })

  it('a staged sync cannot be committed once the cache is closed', () => {
    cache.replaceSnapshot(smallSnapshot())
    const staging = cache.openStaging()
    cache.close()
    const error = thrown(() => cache.commitStaging(staging, { rootBunitId: 1, reference: smallSnapshot().reference }))
    expect({ kind: error.kind, message: error.message }).toEqual({
      kind: 'storage',
      message: 'Saving the estate snapshot failed: the cache is closed'
    })
  })
})

describe('errors of a failing write', () => {
  it('carry the action and SQLite’s own message', () => {
    cache.replaceSnapshot(smallSnapshot())
    const error = thrown(() => cache.upsertConsumer({ id: 100, bunitId: 2, name: null as unknown as string }))
    expect({ kind: error.kind, message: error.message }).toEqual({
      kind: 'storage',
      message: 'Updating a consumer in the cache failed: NOT NULL constraint failed: consumers.name'
    })
  })

  it('a node for an unknown consumer names it, with the id in the details', () => {
    cache.replaceSnapshot(smallSnapshot())
    const error = thrown(() => cache.upsertNode({ consumerId: 999, activated: false }))
    expect(error).toMatchObject({
      kind: 'storage',
      message: 'Cannot store a node for consumer 999: the consumer is not in the cache',
      details: { consumerId: 999 }
    })
  })

  it('a snapshot without a root id is refused with a clear message', () => {
    const error = thrown(() => cache.replaceSnapshot({ ...smallSnapshot(), rootBunitId: 1.5 }))
    expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'invalid-input', message: 'The snapshot has no root unit id' })
    expect(cache.hasSnapshot()).toBe(false)
  })
})

describe('sync interval setting', () => {
  it('is the fallback until set, then what was set (0 = never), kept in the file', () => {
    expect(cache.syncIntervalMinutes(15)).toBe(15)
    cache.setSyncIntervalMinutes(0)
    expect(cache.syncIntervalMinutes(15)).toBe(0)
    cache.setSyncIntervalMinutes(5)
    expect(cache.syncIntervalMinutes(15)).toBe(5)
    cache.close()
    cache = openEstateCache(file)
    expect(cache.syncIntervalMinutes(15)).toBe(5)
  })

  it('refuses negative and fractional minutes and keeps the previous value', () => {
    cache.setSyncIntervalMinutes(30)
    for (const bad of [-1, 1.5, Number.NaN]) {
      const error = thrown(() => cache.setSyncIntervalMinutes(bad))
      expect({ kind: error.kind, message: error.message }).toEqual({
        kind: 'invalid-input',
        message: 'The sync interval must be a whole number of minutes (0 = never)'
      })
    }
    expect(cache.syncIntervalMinutes(15)).toBe(30)
  })

  it('ignores a stored value that is not a whole, non-negative number', () => {
    for (const raw of ['-1', '2.5', '"10"', 'null']) {
      putRawMeta('syncIntervalMinutes', raw)
      expect(cache.syncIntervalMinutes(15)).toBe(15)
    }
  })
})

describe('metadata', () => {
  it('keeps the sync stats of the last snapshot', () => {
    expect(cache.meta().lastSyncStats).toBeNull()
    cache.replaceSnapshot({ ...smallSnapshot(), stats: { requests: 12, seconds: 3 } })
    expect(cache.meta().lastSyncStats).toEqual({ requests: 12, seconds: 3 })
    cache.replaceSnapshot(smallSnapshot())
    expect(cache.meta().lastSyncStats).toBeNull()
  })

  it('says what a first streamed sync is still loading, and nothing once it is committed', () => {
    const staging = cache.openStaging()
    expect(cache.meta().partialSync).toBe('tree')
    staging.putTree(smallSnapshot().bunits)
    expect(cache.meta().partialSync).toBe('consumers')
    staging.consumersDone()
    expect(cache.meta().partialSync).toBe('nodes')
    cache.commitStaging(staging, { rootBunitId: 1, reference: smallSnapshot().reference })
    expect(cache.meta().partialSync).toBeNull()
    putRawMeta('partialSync', '"everything"')
    expect(cache.meta().partialSync).toBeNull()
  })

  it('reads a value that is not JSON as absent', () => {
    putRawMeta('lastSyncedAt', 'not json {')
    expect(cache.hasSnapshot()).toBe(false)
    expect(cache.meta().lastSyncedAt).toBeNull()
  })
})

describe('unit details from a live read', () => {
  it('are stored on the unit without counting as a local change', () => {
    cache.replaceSnapshot(smallSnapshot())
    cache.rememberUnitDetails(2, { registrationNumber: 'SE1', note: 'HQ', timeZoneId: 4, timeZoneName: 'Stockholm' })
    expect(cache.unit(2)).toMatchObject({ registrationNumber: 'SE1', note: 'HQ', timeZoneId: 4, timeZoneName: 'Stockholm' })
    expect(cache.unit(3)).toMatchObject({ registrationNumber: null, note: null, timeZoneId: null, timeZoneName: null })
    expect(cache.meta().lastLocalChangeAt).toBeNull()
  })
})

describe('releaseMemory', () => {
  it('checkpoints and truncates the write-ahead log', () => {
    cache.replaceSnapshot(smallSnapshot())
    cache.upsertConsumer({ id: 700, bunitId: 2, name: 'after' })
    const wal = `${file}-wal`
    expect(fs.statSync(wal).size).toBeGreaterThan(0)
    cache.releaseMemory()
    expect(fs.statSync(wal).size).toBe(0)
    expect(cache.consumer(700)?.consumer.name).toBe('after')
  })
})
