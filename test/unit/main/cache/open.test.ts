import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, SCHEMA_VERSION } from '../../../../src/main/cache'
import { smallSnapshot, tempDir } from './fixtures'

/** Version 1 of the schema, frozen here as shipped: the migration test must not follow later edits. */
const V1_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE bunits (id INTEGER PRIMARY KEY, parent_id INTEGER, name TEXT NOT NULL, path TEXT NOT NULL DEFAULT '',
  depth INTEGER NOT NULL DEFAULT 0, ord INTEGER NOT NULL DEFAULT 0, subtree_end INTEGER NOT NULL DEFAULT 0,
  registration_number TEXT, group_name TEXT, note TEXT, consumer_count INTEGER NOT NULL DEFAULT 0,
  total_consumer_count INTEGER NOT NULL DEFAULT 0, child_count INTEGER NOT NULL DEFAULT 0, raw TEXT);
CREATE INDEX bunits_parent ON bunits(parent_id);
CREATE INDEX bunits_ord ON bunits(ord);
CREATE TABLE consumers (id INTEGER PRIMARY KEY, bunit_id INTEGER NOT NULL, name TEXT NOT NULL, note TEXT,
  state_id INTEGER, state_name TEXT, created_date TEXT, billing_start_date TEXT, raw TEXT);
CREATE INDEX consumers_bunit_name ON consumers(bunit_id, name COLLATE NOCASE);
CREATE INDEX consumers_name ON consumers(name COLLATE NOCASE);
CREATE INDEX consumers_state ON consumers(state_id);
CREATE INDEX consumers_created ON consumers(created_date);
CREATE TABLE nodes (consumer_id INTEGER PRIMARY KEY, node_id INTEGER, tsm_name TEXT, activated INTEGER NOT NULL DEFAULT 0,
  activated_date TEXT, os_id INTEGER, os_name TEXT, type_id INTEGER, type_name TEXT, domain_id INTEGER, domain_name TEXT,
  option_set_id INTEGER, option_set_name TEXT, cpu_count INTEGER, contact TEXT, last_access_time TEXT, locked INTEGER,
  decommissioned INTEGER, raw TEXT);
CREATE INDEX nodes_node_id ON nodes(node_id);
CREATE INDEX nodes_tsm_name ON nodes(tsm_name COLLATE NOCASE);
CREATE INDEX nodes_activated ON nodes(activated, activated_date);
CREATE INDEX nodes_os ON nodes(os_id);
CREATE INDEX nodes_type ON nodes(type_id);
CREATE INDEX nodes_domain ON nodes(domain_id);
CREATE INDEX nodes_option_set ON nodes(option_set_id);
CREATE INDEX nodes_last_access ON nodes(last_access_time);
CREATE INDEX nodes_contact ON nodes(contact COLLATE NOCASE);
CREATE TABLE proxy_relations (agent_consumer_id INTEGER NOT NULL, target_consumer_id INTEGER NOT NULL,
  PRIMARY KEY (agent_consumer_id, target_consumer_id)) WITHOUT ROWID;
CREATE INDEX proxy_by_target ON proxy_relations(target_consumer_id, agent_consumer_id);
CREATE TABLE ref_items (kind TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, short_name TEXT, description TEXT,
  raw TEXT, PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE TABLE os_node_types (os_id INTEGER NOT NULL, type_id INTEGER NOT NULL, PRIMARY KEY (os_id, type_id)) WITHOUT ROWID;
`

function writeV1File(file: string, extraSql = ''): void {
  const db = new Database(file)
  db.exec(V1_SQL)
  db.exec(`
    INSERT INTO bunits (id, parent_id, name, path, ord, subtree_end, consumer_count, total_consumer_count)
      VALUES (1, NULL, 'Old Root', 'Old Root', 0, 0, 1, 1);
    INSERT INTO consumers (id, bunit_id, name, note) VALUES (7, 1, 'legacy-host', 'kept across upgrades');
    INSERT INTO nodes (consumer_id, node_id, tsm_name, activated, contact) VALUES (7, 70, 'LEGACY-HOST', 1, 'Kim');
    INSERT INTO meta (key, value) VALUES ('lastSyncedAt', '"2023-01-01T00:00:00.000Z"');
  `)
  db.exec(extraSql)
  db.pragma('user_version = 1')
  db.close()
}

const fixedNow = () => new Date('2024-06-01T12:00:00.000Z')

describe('opening a cache file', () => {
  let dir: string
  let cleanup: () => void
  let file: string
  beforeEach(() => {
    ;({ dir, cleanup } = tempDir())
    file = path.join(dir, 'cache', 'acct-1.sqlite')
  })
  afterEach(() => cleanup())

  it('creates a fresh cache in WAL mode at the latest schema version, creating the folder', () => {
    const cache = openEstateCache(file)
    expect(cache.recovered).toBeNull()
    expect(cache.hasSnapshot()).toBe(false)
    expect(cache.tree()).toEqual([])
    cache.close()
    const db = new Database(file, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    db.close()
  })

  it('reopens its own file with the data intact', () => {
    const cache = openEstateCache(file)
    cache.replaceSnapshot(smallSnapshot())
    cache.close()
    const again = openEstateCache(file)
    expect(again.recovered).toBeNull()
    expect(again.meta().counts).toEqual({ bunits: 4, consumers: 5, nodes: 4 })
    again.close()
  })

  it('migrates a version-1 file (made with raw SQL), keeping its data and indexing it for search', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    writeV1File(file)
    const cache = openEstateCache(file)
    expect(cache.recovered).toBeNull()
    expect(cache.consumer(7)?.consumer).toMatchObject({ name: 'legacy-host', tsmName: 'LEGACY-HOST', contact: 'Kim' })
    expect(cache.meta().lastSyncedAt).toBe('2023-01-01T00:00:00.000Z')
    // The search tables arrived with version 2 and were filled from the existing rows.
    expect(cache.search('legacy').map((h) => `${h.kind}:${h.id}`)).toEqual(['consumer:7', 'node:7'])
    expect(cache.search('upgrades')[0]).toMatchObject({ kind: 'consumer', id: 7, field: 'note' })
    cache.close()
    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    db.close()
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.corrupt-'))).toEqual([])
  })

  it('sets a file aside when a migration fails, and starts fresh', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    // A table in the way of migration 2 makes it fail half-way.
    writeV1File(file, 'CREATE TABLE search_items (x INTEGER);')
    const cache = openEstateCache(file, { now: fixedNow })
    expect(cache.recovered).toMatchObject({ reason: 'migration-failed' })
    expect(cache.recovered?.message).toMatch(/schema 1/)
    const moved = cache.recovered?.movedTo as string
    expect(moved).toBe(`${file}.corrupt-20240601T120000Z`)
    expect(cache.meta().counts.consumers).toBe(0)
    cache.replaceSnapshot(smallSnapshot())
    expect(cache.meta().counts.consumers).toBe(5)
    cache.close()
    // The set-aside file is the untouched version-1 file: the failed migration was rolled back.
    const old = new Database(moved, { readonly: true })
    expect(old.pragma('user_version', { simple: true })).toBe(1)
    expect(old.prepare('SELECT name FROM consumers').all()).toEqual([{ name: 'legacy-host' }])
    old.close()
  })

  it('sets aside a file from a newer version without changing it', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const db = new Database(file)
    db.exec('CREATE TABLE future (x TEXT); INSERT INTO future VALUES (\'from the future\');')
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`)
    db.close()
    const cache = openEstateCache(file, { now: fixedNow })
    expect(cache.recovered).toMatchObject({ reason: 'newer-version', movedTo: `${file}.newer-20240601T120000Z` })
    expect(cache.recovered?.message).toMatch(/newer version/)
    expect(cache.tree()).toEqual([])
    cache.close()
    const old = new Database(`${file}.newer-20240601T120000Z`, { readonly: true })
    expect(old.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5)
    expect(old.prepare('SELECT x FROM future').get()).toEqual({ x: 'from the future' })
    old.close()
  })

  it('sets aside a file of garbage bytes and rebuilds a working cache', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))
    fs.writeFileSync(file, garbage)
    const cache = openEstateCache(file, { now: fixedNow })
    expect(cache.recovered?.reason).toBe('corrupt')
    expect(fs.readFileSync(cache.recovered?.movedTo as string).equals(garbage)).toBe(true)
    cache.replaceSnapshot(smallSnapshot())
    expect(cache.search('web01')[0]?.id).toBe(100)
    cache.close()
    expect(openEstateCache(file).recovered).toBeNull()
  })

  it('sets aside a database whose pages are damaged (failing quick_check)', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const cache = openEstateCache(file)
    cache.replaceSnapshot(smallSnapshot())
    cache.close()
    // Checkpointed and closed: everything is in the main file. Scribble over the later pages.
    const bytes = fs.readFileSync(file)
    const pageSize = bytes.readUInt16BE(16)
    for (let i = pageSize * 2; i < bytes.length; i += 97) bytes[i] = 0xa5
    fs.writeFileSync(file, bytes)
    const reopened = openEstateCache(file, { now: fixedNow })
    expect(['integrity', 'corrupt']).toContain(reopened.recovered?.reason)
    expect(reopened.recovered?.movedTo).toBe(`${file}.corrupt-20240601T120000Z`)
    expect(reopened.tree()).toEqual([])
    reopened.close()
  })

  it('sets aside a database that is not a cache (no schema version, other tables)', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const db = new Database(file)
    db.exec('CREATE TABLE something_else (x)')
    db.close()
    const cache = openEstateCache(file)
    expect(cache.recovered?.reason).toBe('unknown-schema')
    cache.close()
  })

  it('treats an empty (zero-byte) file as a new cache', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, '')
    const cache = openEstateCache(file)
    expect(cache.recovered).toBeNull()
    cache.replaceSnapshot(smallSnapshot())
    expect(cache.meta().counts.bunits).toBe(4)
    cache.close()
  })

  it('leaves a file that another process holds locked alone: a storage error, nothing set aside', () => {
    const cache = openEstateCache(file)
    cache.replaceSnapshot(smallSnapshot())
    cache.close()
    const holder = new Database(file)
    holder.pragma('locking_mode = EXCLUSIVE')
    holder.exec('BEGIN EXCLUSIVE')
    try {
      expect(() => openEstateCache(file, { busyTimeoutMs: 20 })).toThrow(expect.objectContaining({ kind: 'storage' }))
    } finally {
      holder.exec('COMMIT')
      holder.close()
    }
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.corrupt-'))).toEqual([])
    const again = openEstateCache(file)
    expect(again.meta().counts.consumers).toBe(5)
    again.close()
  })

  it('reports a closed cache as a storage error instead of crashing', () => {
    const cache = openEstateCache(file)
    cache.close()
    expect(() => cache.tree()).toThrow(expect.objectContaining({ kind: 'storage' }))
  })
})
