/**
 * As-you-type search over one account's cache: unit names (and registration numbers, notes),
 * consumer names and notes, node names and contacts. Exact and prefix matches come from a plain
 * index on the lower-cased text; substring matches from the FTS5 trigram index (queries of three
 * characters or more) or a bounded scan (one or two characters).
 *
 * Ranking: a match on the entity's own name beats a match on a secondary field (note, contact,
 * registration number) of the same class; exact > prefix > substring; then shorter text first.
 * One-character queries match prefixes only; two-character ones also match inside names (not
 * inside notes or contacts), first found first.
 */
import type Database from 'better-sqlite3'
import { normalize, type SearchField, type SearchKind } from './search-index'

export type { SearchField, SearchKind }
export type MatchClass = 'exact' | 'prefix' | 'substring'

export interface SearchHit {
  kind: SearchKind
  /** Unit id for 'bunit'; consumer id for 'consumer' and 'node' (a node is addressed by its consumer). */
  id: number
  /** The unit the entity lives in (the unit itself for 'bunit'). */
  bunitId: number | null
  /** The entity's display name (unit name, consumer name, node tsmName). */
  name: string
  /** The unit path for display, e.g. "Acme / Stockholm". */
  path: string
  /** Which field matched, and its text (e.g. the note that contains the query). */
  field: SearchField
  matchedText: string
  match: MatchClass
  /** Lower is better; hits are returned sorted by it. */
  rank: number
}

export interface SearchOptions {
  limit?: number
  kinds?: SearchKind[]
}

interface Row {
  kind: SearchKind
  refId: number
  bunitId: number | null
  field: SearchField
  weight: number
  name: string
  text: string
  norm: string
  path: string | null
}

const COLUMNS = `s.kind, s.ref_id AS refId, s.bunit_id AS bunitId, s.field, s.weight, s.name, s.text, s.norm,
  b.path AS path`

/** Highest code point: every string starting with q sorts below q + MAX_CHAR. */
const MAX_CHAR = String.fromCodePoint(0x10ffff)
const SHORT_SCAN_LIMIT = 400

interface Prepared {
  prefix: Database.Statement<{ w: number; q: string; hi: string; n: number }, Row>
  fts: Database.Statement<{ m: string; q: string; hi: string; n: number }, Row>
  scan: Database.Statement<{ q: string; hi: string; n: number }, Row>
}

const prepared = new WeakMap<Database.Database, Prepared>()

function statements(db: Database.Database): Prepared {
  let p = prepared.get(db)
  if (!p) {
    p = {
      // Walks the (weight, norm) index in order: the exact match, if any, comes first.
      prefix: db.prepare(`SELECT ${COLUMNS} FROM search_items s LEFT JOIN bunits b ON b.id = s.bunit_id
        WHERE s.weight = :w AND s.norm >= :q AND s.norm < :hi
        ORDER BY s.weight, s.norm LIMIT :n`),
      fts: db.prepare(`SELECT ${COLUMNS} FROM search_fts f JOIN search_items s ON s.id = f.rowid
        LEFT JOIN bunits b ON b.id = s.bunit_id
        WHERE search_fts MATCH :m AND NOT (s.norm >= :q AND s.norm < :hi)
        ORDER BY s.weight, length(s.norm), s.norm LIMIT :n`),
      // Two characters: names only, first matches found (no sort over the whole table).
      scan: db.prepare(`SELECT ${COLUMNS} FROM search_items s LEFT JOIN bunits b ON b.id = s.bunit_id
        WHERE s.weight = 0 AND instr(s.norm, :q) > 1 LIMIT :n`)
    }
    prepared.set(db, p)
  }
  return p
}

function classify(norm: string, q: string): MatchClass {
  if (norm === q) return 'exact'
  if (norm.startsWith(q)) return 'prefix'
  return 'substring'
}

const CLASS_ORDER: Record<MatchClass, number> = { exact: 0, prefix: 1, substring: 2 }
const KIND_ORDER: Record<SearchKind, number> = { bunit: 0, consumer: 1, node: 2 }

function rankOf(match: MatchClass, weight: number): number {
  return CLASS_ORDER[match] * 2 + weight
}

/** Quotes a query for FTS5 as one phrase (the trigram tokenizer then matches it as a substring). */
function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`
}

export function searchCache(db: Database.Database, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = Math.max(1, Math.min(options.limit ?? 50, 500))
  const q = normalize(query.trim())
  if (q === '') return []
  const kinds = options.kinds ? new Set(options.kinds) : null
  const p = statements(db)
  const hi = q + MAX_CHAR
  // Over-fetch: several rows may belong to one entity, and kinds may be filtered out.
  const n = limit * 3 + 10
  const best = new Map<string, SearchHit>()
  const take = (rows: Row[]) => {
    for (const row of rows) {
      if (kinds && !kinds.has(row.kind)) continue
      const match = classify(row.norm, q)
      const rank = rankOf(match, row.weight)
      const key = `${row.kind}:${row.refId}`
      const existing = best.get(key)
      if (existing && existing.rank <= rank) continue
      best.set(key, {
        kind: row.kind,
        id: row.refId,
        bunitId: row.bunitId,
        name: row.name,
        path: row.path ?? '',
        field: row.field,
        matchedText: row.text,
        match,
        rank
      })
    }
  }
  take(p.prefix.all({ w: 0, q, hi, n }))
  take(p.prefix.all({ w: 1, q, hi, n }))
  // Any exact or prefix hit outranks every substring hit: with enough of them, stop here.
  // A single character is only matched as a prefix (as a substring it matches nearly everything).
  const length = [...q].length
  if (best.size < limit && length >= 2) {
    if (length >= 3) take(p.fts.all({ m: ftsPhrase(q), q, hi, n }))
    else take(p.scan.all({ q, hi, n: Math.min(n, SHORT_SCAN_LIMIT) }))
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.matchedText.length - b.matchedText.length ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.name.localeCompare(b.name) ||
        a.id - b.id
    )
    .slice(0, limit)
}
