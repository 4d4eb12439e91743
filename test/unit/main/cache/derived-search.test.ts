/**
 * Search ranking and index details (search.ts, search-index.ts): one hit per entity keeps its best
 * field, exact sort order with every tie-break, the over-fetch and scan bounds, which index
 * answers queries of one, two and three characters, and what the index stores.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { type SnapshotBunit, type SnapshotConsumer, type SnapshotNode } from '../../../../src/main/cache'
import { cachePerTest, reference } from './fixtures'

const t = cachePerTest()

const ROOT: SnapshotBunit = { id: 1, parentId: null, name: 'Root' }

function load(consumers: SnapshotConsumer[], nodes: SnapshotNode[] = [], bunits: SnapshotBunit[] = [ROOT]): void {
  t.cache.replaceSnapshot({ rootBunitId: 1, bunits, consumers, nodes, reference })
}
const c = (id: number, name: string, note: string | null = null, bunitId = 1): SnapshotConsumer => ({ id, bunitId, name, note })
const keys = (hits: { kind: string; id: number }[]) => hits.map((h) => `${h.kind}:${h.id}`)

describe('one hit per entity, from its best field', () => {
  it('keeps the name when a note ranks lower, takes the note when it ranks higher, keeps the first of equals', () => {
    load([c(10, 'alpha-1', 'alpha notes'), c(11, 'beta-server', 'beta')], [], [
      { ...ROOT, registrationNumber: 'gamma-1', note: 'gamma-2' }
    ])
    expect(t.cache.search('alpha')).toEqual([
      { kind: 'consumer', id: 10, bunitId: 1, name: 'alpha-1', path: 'Root', field: 'name', matchedText: 'alpha-1', match: 'prefix', rank: 2 }
    ])
    expect(t.cache.search('beta')).toEqual([
      { kind: 'consumer', id: 11, bunitId: 1, name: 'beta-server', path: 'Root', field: 'note', matchedText: 'beta', match: 'exact', rank: 1 }
    ])
    expect(t.cache.search('gamma')).toEqual([
      { kind: 'bunit', id: 1, bunitId: 1, name: 'Root', path: 'Root', field: 'registrationNumber', matchedText: 'gamma-1', match: 'prefix', rank: 3 }
    ])
  })
})

describe('sort order', () => {
  it('orders by rank, then shorter text, then kind, then name, then id', () => {
    load(
      [
        c(1, 'other'),
        c(2, 'host-b'),
        c(3, 'hostxxxxxxxxxxx'),
        c(4, 'a-host'),
        c(5, 'dup', 'host-bbbbbbbbb'),
        c(6, 'dup', 'host-aaaaaaaaa')
      ],
      [{ consumerId: 1, tsmName: 'HOST-A', activated: true }]
    )
    expect(keys(t.cache.search('host'))).toEqual([
      'consumer:2', // prefix on a name, 6 characters, a consumer before a node
      'node:1',
      'consumer:3', // prefix on a longer name
      'consumer:5', // prefix on notes of equal length and equal names: lower id first
      'consumer:6',
      'consumer:4' // substring, though shortest
    ])
  })

  it('puts shorter names first among equal matches, whatever order the index found them in', () => {
    load([c(1, 'host-aaaa'), c(2, 'host-z')])
    expect(keys(t.cache.search('host'))).toEqual(['consumer:2', 'consumer:1'])
  })

  it('over-fetches enough prefix rows to find the shortest one beyond the first few in index order', () => {
    const long = Array.from({ length: 8 }, (_, i) => c(i + 1, `hostaaaaaaaaa${i}`))
    load([...long, c(9, 'hostz')])
    const hits = t.cache.search('host', { limit: 5 })
    expect(keys(hits)).toEqual(['consumer:9', 'consumer:1', 'consumer:2', 'consumer:3', 'consumer:4'])
  })

  it('answers equal names with the lowest ids even when the fetch is cut', () => {
    load(Array.from({ length: 20 }, (_, i) => c(i + 1, 'dup')))
    expect(keys(t.cache.search('dup', { limit: 1 }))).toEqual(['consumer:1'])
    expect(keys(t.cache.search('dup', { limit: 2 }))).toEqual(['consumer:1', 'consumer:2'])
  })
})

describe('queries by length', () => {
  it('trims the query', () => {
    load([c(1, 'alpha')])
    expect(t.cache.search('  alpha  ')).toMatchObject([{ id: 1, match: 'exact' }])
  })

  it('matches one character as a prefix only', () => {
    load([c(1, 'xa'), c(2, 'ax'), c(3, 'bb', 'x marks')])
    expect(keys(t.cache.search('x'))).toEqual(['consumer:1', 'consumer:3'])
  })

  it('matches three characters inside notes (the trigram index), two only inside names', () => {
    load([c(1, 'one', 'nightly job'), c(2, 'gh-two')])
    expect(t.cache.search('ght')).toMatchObject([{ id: 1, field: 'note', match: 'substring', matchedText: 'nightly job' }])
    expect(keys(t.cache.search('gh'))).toEqual(['consumer:2'])
    expect(keys(t.cache.search('ht'))).toEqual([])
  })

  it('bounds the two-character scan to the rows it needs, first found first', () => {
    const long = Array.from({ length: 20 }, (_, i) => c(i + 1, `a-zz-long-${String(i).padStart(2, '0')}`))
    load([...long, c(21, 'b-zz')])
    // limit 1 scans 13 rows: b-zz, last in every order, is not among them.
    expect(keys(t.cache.search('zz', { limit: 1 }))).toEqual(['consumer:1'])
    expect(keys(t.cache.search('zz', { limit: 50 }))[0]).toBe('consumer:21')
  })

  it('matches a double quote inside the query literally', () => {
    load([c(1, 'disk', 'size 5"25 drive'), c(2, 'other', 'size 525 drive')])
    expect(t.cache.search('5"25')).toMatchObject([{ id: 1, field: 'note', match: 'substring' }])
  })
})

describe('the index', () => {
  it('lower-cases (not upper-cases) the text: ß is not ss', () => {
    load([c(1, 'Straße')])
    expect(keys(t.cache.search('STRASSE'))).toEqual([])
    expect(t.cache.search('STRAßE')).toMatchObject([{ id: 1, match: 'exact', matchedText: 'Straße' }])
  })

  it('stores trimmed text and skips blank fields', () => {
    load([c(1, 'alpha', '  hello world  '), c(2, 'beta', '   ')])
    expect(t.cache.search('hello')).toMatchObject([{ id: 1, field: 'note', match: 'prefix', matchedText: 'hello world' }])
    const db = new Database(t.file, { readonly: true })
    try {
      const rows = db.prepare('SELECT ref_id AS id, field, text FROM search_items WHERE kind = ? ORDER BY id').all('consumer')
      expect(rows).toEqual([
        { id: 1, field: 'name', text: 'alpha' },
        { id: 1, field: 'note', text: 'hello world' },
        { id: 2, field: 'name', text: 'beta' }
      ])
    } finally {
      db.close()
    }
  })

  it('names a node with neither tsmName nor consumer with an empty name and path', () => {
    load([c(1, 'lost', null, 99)], [{ consumerId: 7, tsmName: null, activated: true, contact: 'zeta team' }])
    expect(t.cache.search('zeta')).toEqual([
      { kind: 'node', id: 7, bunitId: null, name: '', path: '', field: 'contact', matchedText: 'zeta team', match: 'prefix', rank: 3 }
    ])
    // A consumer whose unit is missing has no path either.
    expect(t.cache.search('lost')).toMatchObject([{ id: 1, bunitId: 99, path: '' }])
  })
})
