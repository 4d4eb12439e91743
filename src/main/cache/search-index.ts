/**
 * Maintenance of the search index: `search_items` (one row per searchable field of a unit,
 * consumer or node) and its external-content FTS5 trigram table `search_fts`.
 *
 * Row ids encode (kind, entity id, field) so all rows of one entity form a contiguous id range,
 * which makes replacing one entity's rows an indexed range operation.
 */
import type Database from 'better-sqlite3'

export type SearchKind = 'bunit' | 'consumer' | 'node'
export type SearchField = 'name' | 'registrationNumber' | 'note' | 'tsmName' | 'contact'

const KIND_CODE: Record<SearchKind, number> = { bunit: 1, consumer: 2, node: 3 }
const FIELD_CODE: Record<SearchField, number> = { name: 0, tsmName: 0, registrationNumber: 1, note: 2, contact: 3 }
const ID_SPAN = 2 ** 40

/** Lower-casing used for both the index and the query (Unicode-aware, unlike SQLite's lower()). */
export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase()
}

function baseId(kind: SearchKind, refId: number): number {
  return (KIND_CODE[kind] * ID_SPAN + refId) * 8
}

export interface IndexedField {
  field: SearchField
  /** 0 = the entity's own name, 1 = secondary text (note, contact...). */
  weight: 0 | 1
  text: string | null | undefined
}

interface Statements {
  selectRange: Database.Statement<[number, number], { id: number; norm: string }>
  deleteRange: Database.Statement<[number, number]>
  ftsDelete: Database.Statement<[number, string]>
  insert: Database.Statement<[number, string, number, number | null, string, number, string, string, string]>
  ftsInsert: Database.Statement<[number, string]>
  setBunit: Database.Statement<[number | null, number, number]>
}

const cache = new WeakMap<Database.Database, Statements>()

function statements(db: Database.Database): Statements {
  let s = cache.get(db)
  if (!s) {
    s = {
      selectRange: db.prepare('SELECT id, norm FROM search_items WHERE id BETWEEN ? AND ?'),
      deleteRange: db.prepare('DELETE FROM search_items WHERE id BETWEEN ? AND ?'),
      ftsDelete: db.prepare("INSERT INTO search_fts(search_fts, rowid, norm) VALUES('delete', ?, ?)"),
      insert: db.prepare(
        'INSERT INTO search_items (id, kind, ref_id, bunit_id, field, weight, name, text, norm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
      ),
      ftsInsert: db.prepare('INSERT INTO search_fts(rowid, norm) VALUES (?, ?)'),
      setBunit: db.prepare('UPDATE search_items SET bunit_id = ? WHERE id BETWEEN ? AND ?')
    }
    cache.set(db, s)
  }
  return s
}

function insertRows(
  s: Statements,
  kind: SearchKind,
  refId: number,
  bunitId: number | null,
  name: string,
  fields: IndexedField[],
  withFts: boolean
): void {
  const base = baseId(kind, refId)
  for (const f of fields) {
    if (f.text === null || f.text === undefined) continue
    const text = f.text.trim()
    if (text === '') continue
    const id = base + FIELD_CODE[f.field]
    const norm = normalize(text)
    s.insert.run(id, kind, refId, bunitId, f.field, f.weight, name, text, norm)
    if (withFts) s.ftsInsert.run(id, norm)
  }
}

/** Removes an entity's rows from both the table and the FTS index. */
export function unindexEntity(db: Database.Database, kind: SearchKind, refId: number): void {
  const s = statements(db)
  const base = baseId(kind, refId)
  for (const row of s.selectRange.all(base, base + 7)) s.ftsDelete.run(row.id, row.norm)
  s.deleteRange.run(base, base + 7)
}

/** Replaces an entity's rows (incremental updates). Call inside a transaction. */
export function indexEntity(
  db: Database.Database,
  kind: SearchKind,
  refId: number,
  bunitId: number | null,
  name: string,
  fields: IndexedField[]
): void {
  unindexEntity(db, kind, refId)
  insertRows(statements(db), kind, refId, bunitId, name, fields, true)
}

/** Points an entity's rows at another unit (a consumer moved; its node moves with it). */
export function moveEntity(db: Database.Database, kind: SearchKind, refId: number, bunitId: number | null): void {
  const base = baseId(kind, refId)
  statements(db).setBunit.run(bunitId, base, base + 7)
}

export function bunitFields(u: {
  name: string
  registrationNumber?: string | null
  note?: string | null
}): IndexedField[] {
  return [
    { field: 'name', weight: 0, text: u.name },
    { field: 'registrationNumber', weight: 1, text: u.registrationNumber },
    { field: 'note', weight: 1, text: u.note }
  ]
}

export function consumerFields(c: { name: string; note?: string | null }): IndexedField[] {
  return [
    { field: 'name', weight: 0, text: c.name },
    { field: 'note', weight: 1, text: c.note }
  ]
}

export function nodeFields(n: { tsmName?: string | null; contact?: string | null }): IndexedField[] {
  return [
    { field: 'tsmName', weight: 0, text: n.tsmName },
    { field: 'contact', weight: 1, text: n.contact }
  ]
}

/**
 * Rebuilds the whole index from the estate tables (after a snapshot swap, or by a migration).
 * Call inside a transaction.
 */
export function rebuildSearchIndex(db: Database.Database): void {
  const s = statements(db)
  db.prepare('DELETE FROM search_items').run()
  const units = db
    .prepare('SELECT id, name, registration_number AS registrationNumber, note FROM bunits')
    .all() as { id: number; name: string; registrationNumber: string | null; note: string | null }[]
  for (const u of units) insertRows(s, 'bunit', u.id, u.id, u.name, bunitFields(u), false)
  const consumers = db.prepare('SELECT id, bunit_id AS bunitId, name, note FROM consumers').all() as {
    id: number
    bunitId: number
    name: string
    note: string | null
  }[]
  for (const c of consumers) insertRows(s, 'consumer', c.id, c.bunitId, c.name, consumerFields(c), false)
  const nodes = db
    .prepare(
      'SELECT n.consumer_id AS consumerId, c.bunit_id AS bunitId, n.tsm_name AS tsmName, n.contact, c.name AS consumerName FROM nodes n LEFT JOIN consumers c ON c.id = n.consumer_id'
    )
    .all() as {
    consumerId: number
    bunitId: number | null
    tsmName: string | null
    contact: string | null
    consumerName: string | null
  }[]
  for (const n of nodes) {
    insertRows(s, 'node', n.consumerId, n.bunitId, n.tsmName ?? n.consumerName ?? '', nodeFields(n), false)
  }
  db.prepare("INSERT INTO search_fts(search_fts) VALUES('rebuild')").run()
}
