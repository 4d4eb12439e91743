/**
 * The diff of an account's first snapshot (issue 14): everything is "added". Read straight from
 * the tables (counts, and the first DIFF_LIST_LIMIT names of each list) instead of loading every
 * row into maps, so a first sync's memory does not grow with the estate.
 */
import type Database from 'better-sqlite3'
import { DIFF_LIST_LIMIT } from './diff'
import type { EstateDiff } from './types'

type Entry = { id: number; name: string; bunitId: number }

export function initialDiff(db: Database.Database): EstateDiff {
  const consumers = db
    .prepare('SELECT id, name, bunit_id AS bunitId FROM consumers ORDER BY name, id LIMIT ?')
    .all(DIFF_LIST_LIMIT) as Entry[]
  const nodes = db
    .prepare(
      `SELECT n.consumer_id AS id, coalesce(n.tsm_name, c.name, '') AS name, coalesce(c.bunit_id, 0) AS bunitId
       FROM nodes n LEFT JOIN consumers c ON c.id = n.consumer_id ORDER BY 2, 1 LIMIT ?`
    )
    .all(DIFF_LIST_LIMIT) as Entry[]
  const n = (db
    .prepare('SELECT (SELECT count(*) FROM bunits) AS b, (SELECT count(*) FROM consumers) AS c, (SELECT count(*) FROM nodes) AS n')
    .get() as { b: number; c: number; n: number } | undefined) ?? { b: 0, c: 0, n: 0 }
  const byName = (a: Entry, b: Entry) => a.name.localeCompare(b.name) || a.id - b.id
  const part = (list: Entry[], count: number) => ({
    added: list.sort(byName),
    removed: [],
    changed: [],
    counts: { added: count, removed: 0, changed: 0 }
  })
  return {
    initial: true,
    bunits: { added: n.b, removed: 0, changed: 0 },
    consumers: part(consumers, n.c),
    nodes: part(nodes, n.n),
    truncated: n.c > consumers.length || n.n > nodes.length
  }
}
