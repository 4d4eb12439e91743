/**
 * SyncStaging on a real cache file: which tables `begin` prepares, when the buffers are written
 * (batch size and age, on a fake clock), the staged proxy references, how often a first sync
 * recomputes the unit counts, and that a closed staging writes nothing more.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCacheDb } from '../../../../src/main/cache/open'
import { bunitFields, indexEntity } from '../../../../src/main/cache/search-index'
import { STAGE_BATCH, STAGE_FLUSH_MS, SyncStaging } from '../../../../src/main/cache/staging'
import { StatementCache } from '../../../../src/main/cache/statements'
import type { SnapshotConsumer, SnapshotNode } from '../../../../src/main/cache/types'

const consumer = (id: number, bunitId = 1): SnapshotConsumer => ({ id, bunitId, name: `host-${id}` })
const node = (consumerId: number, extra: Partial<SnapshotNode> = {}): SnapshotNode => ({ consumerId, activated: true, ...extra })

describe('SyncStaging', () => {
  let root: string
  let db: Database.Database
  let t: number
  let recomputes: number
  const clock = (): number => t
  const hooks = { recomputeUnits: (): void => void recomputes++ }
  const staging = (progressive: boolean): SyncStaging => {
    const s = new SyncStaging(db, progressive, hooks, clock)
    s.begin()
    return s
  }
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  const stagedCounts = (): [number, number] => [count('stage_consumers'), count('stage_nodes')]
  const stageObjects = (): string[] =>
    (db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'stage%' ORDER BY name").all() as { name: string }[]).map((r) => r.name)

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-staging-'))
    db = openCacheDb(path.join(root, 'acct.sqlite')).db
    t = 1000
    recomputes = 0
  })
  afterEach(() => {
    db.close()
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('a later sync stages into fresh tables (with the unit id index) and leaves the live ones', () => {
    db.exec("INSERT INTO consumers (id, bunit_id, name) VALUES (9, 1, 'live')")
    staging(false)
    expect(stageObjects()).toEqual(['stage_bunits', 'stage_bunits_id', 'stage_consumers', 'stage_nodes', 'stage_proxies'])
    expect(count('consumers')).toBe(1)
    expect(db.prepare("SELECT value FROM meta WHERE key = 'partialSync'").get()).toBeUndefined()
  })

  it('a first sync clears the left-overs of an interrupted one and marks the tree as loading', () => {
    db.exec(`INSERT INTO bunits (id, parent_id, name) VALUES (1, NULL, 'Acme');
      INSERT INTO consumers (id, bunit_id, name) VALUES (9, 1, 'half');
      INSERT INTO nodes (consumer_id, activated) VALUES (9, 1);
      INSERT INTO proxy_relations (agent_consumer_id, target_consumer_id) VALUES (9, 10);`)
    indexEntity(db, 'bunit', 1, 1, 'Acme', bunitFields({ name: 'Acme' }))
    staging(true)
    for (const table of ['bunits', 'consumers', 'nodes', 'proxy_relations', 'search_items']) expect(count(table), table).toBe(0)
    expect(stageObjects()).toEqual(['stage_proxies'])
    expect(db.prepare("SELECT value FROM meta WHERE key = 'partialSync'").get()).toEqual({ value: '"tree"' })
  })

  it('indexes learnt unit facts for search on a first sync only', () => {
    const first = staging(true)
    first.putTree([{ id: 1, parentId: null, name: 'Acme' }])
    first.setUnitFacts(1, { registrationNumber: 'SE5566', note: null })
    expect(db.prepare("SELECT text FROM search_items WHERE kind = 'bunit' AND field = 'registrationNumber'").all()).toEqual([{ text: 'SE5566' }])
    first.close()

    db.exec("DELETE FROM search_items; INSERT INTO meta (key, value) VALUES ('lastSyncedAt', '\"2024-01-01\"')")
    const later = staging(false)
    later.putTree([{ id: 1, parentId: null, name: 'Acme' }])
    later.setUnitFacts(1, { registrationNumber: 'SE7788', note: 'n' })
    expect(db.prepare('SELECT registration_number AS r FROM stage_bunits').all()).toEqual([{ r: 'SE7788' }])
    expect(count('search_items')).toBe(0)
  })

  it('holds items until the oldest is STAGE_FLUSH_MS old, then writes them in one go', () => {
    const s = staging(false)
    s.addConsumers([consumer(1)])
    expect(stagedCounts()).toEqual([0, 0])
    t += STAGE_FLUSH_MS - 1
    s.addConsumers([consumer(2)])
    expect(stagedCounts()).toEqual([0, 0])
    t += 1
    s.addNode(node(1))
    expect(stagedCounts()).toEqual([2, 1])
  })

  it('ages the buffer from its first item, whichever kind comes first', () => {
    const s = staging(false)
    s.addNode(node(1))
    t += 200
    s.addConsumers([consumer(1)])
    s.addNode(node(2))
    expect(stagedCounts()).toEqual([0, 0])
    t += 50
    s.addConsumers([consumer(2)])
    expect(stagedCounts()).toEqual([2, 2])
    // Empty again: the next first item starts a new age.
    t += 1000
    s.addConsumers([consumer(3)])
    t += 200
    s.addNode(node(3))
    s.addConsumers([consumer(4)])
    expect(stagedCounts()).toEqual([2, 2])
    t += 50
    s.addNode(node(4))
    expect(stagedCounts()).toEqual([4, 4])
  })

  it('ages a buffer of one kind only from its first item as well', () => {
    const s = staging(false)
    s.addNode(node(1))
    t += 200
    s.addNode(node(2))
    t += 50
    s.addNode(node(3))
    expect(stagedCounts()).toEqual([0, 3])
    s.addConsumers([consumer(1)])
    t += 200
    s.addConsumers([consumer(2)])
    t += 50
    s.addConsumers([consumer(3)])
    expect(stagedCounts()).toEqual([3, 3])
  })

  it('an empty consumer list neither writes an old buffer nor counts as an item', () => {
    const s = staging(false)
    s.addNode(node(1))
    t += 300
    s.addConsumers([])
    expect(stagedCounts()).toEqual([0, 0])
    s.flush()
    expect(stagedCounts()).toEqual([0, 1])
  })

  it('writes as soon as STAGE_BATCH items are buffered, counting consumers and nodes together', () => {
    const s = staging(false)
    s.addConsumers(Array.from({ length: STAGE_BATCH - 1 }, (_, i) => consumer(i + 1)))
    expect(stagedCounts()).toEqual([0, 0])
    s.addNode(node(1))
    expect(stagedCounts()).toEqual([STAGE_BATCH - 1, 1])
  })

  it('stages proxy references only for nodes that tell some, keeping "not told" apart from "none"', () => {
    const s = staging(false)
    const ref = { nodeId: 50, tsmName: 'AGENT' }
    s.addNode(node(1, { proxyAgents: [ref] }))
    s.addNode(node(2, { proxyTargets: [ref] }))
    s.addNode(node(3))
    s.addNode(node(4, { proxyAgents: [], proxyTargets: [] }))
    s.flush()
    expect(s.proxyPage(0, 10)).toEqual([
      { seq: 1, consumerId: 1, agents: [ref], targets: undefined },
      { seq: 2, consumerId: 2, agents: undefined, targets: [ref] },
      { seq: 3, consumerId: 4, agents: [], targets: [] }
    ])
  })

  it('recomputes unit counts of a first sync at most once a second, and only for new consumers', () => {
    const s = staging(true)
    s.addConsumers([consumer(1)])
    s.flush()
    expect(recomputes).toBe(1)
    t += 500
    s.addConsumers([consumer(2)])
    s.flush()
    expect(recomputes).toBe(1)
    t += 500
    s.addNode(node(1))
    s.flush()
    expect(recomputes).toBe(1)
    s.addConsumers([consumer(3)])
    s.flush()
    expect(recomputes).toBe(2)
    expect(count('consumers')).toBe(3)
  })

  it('never recomputes unit counts while staging a later sync', () => {
    const s = staging(false)
    t = 5000
    s.addConsumers([consumer(1)])
    s.flush()
    expect(stagedCounts()).toEqual([1, 0])
    expect(recomputes).toBe(0)
  })

  it('writes nothing once closed, even on a first sync that writes the live tables', () => {
    const s = staging(true)
    s.close()
    s.addConsumers([consumer(1)])
    s.flush()
    expect(count('consumers')).toBe(0)
  })

  it('closing twice leaves the tables of the next sync alone', () => {
    const first = staging(false)
    first.close()
    const next = staging(false)
    first.close()
    next.addConsumers([consumer(1)])
    next.flush()
    expect(stagedCounts()).toEqual([1, 0])
  })
})

describe('StatementCache', () => {
  it('prepares each SQL text once, and afresh after clear', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-statements-'))
    const { db } = openCacheDb(path.join(root, 'acct.sqlite'))
    try {
      const cache = new StatementCache(db)
      const sql = 'SELECT count(*) AS n FROM meta'
      const first = cache.get(sql)
      expect(cache.get(sql)).toBe(first)
      expect(cache.get('SELECT 1 AS one')).not.toBe(first)
      cache.clear()
      const again = cache.get(sql)
      expect(again).not.toBe(first)
      expect(again.get()).toEqual({ n: 0 })
    } finally {
      db.close()
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
