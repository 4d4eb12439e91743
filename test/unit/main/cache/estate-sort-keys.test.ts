/**
 * Every consumer sort key, both ways: each column gets its own order of values, so a key that
 * sorted by the wrong column (or by nothing) gives a different list. Empty values go last either
 * way; ties fall back to the name, then the id.
 */
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type EstateSnapshot } from '../../../../src/main/cache'
import type { ConsumerRow } from '../../../../src/shared/ipc/estate-models'
import type { ConsumerSortKey } from '../../../../src/main/cache/types'
import { smallSnapshot, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void

/** Consumers with a node, in a different order for each column (0 = first ascending). */
const RANKS: Record<string, Record<number, number>> = {
  tsmName: { 100: 2, 101: 0, 103: 3, 104: 1 },
  activatedDate: { 100: 1, 101: 3, 103: 0, 104: 2 },
  osName: { 100: 3, 101: 1, 103: 2, 104: 0 },
  typeName: { 100: 0, 101: 2, 103: 1, 104: 3 },
  domainName: { 100: 1, 101: 0, 103: 2, 104: 3 },
  optionSetName: { 100: 3, 101: 2, 103: 0, 104: 1 },
  cpuCount: { 100: 2, 101: 3, 103: 1, 104: 0 },
  contact: { 100: 0, 101: 3, 103: 2, 104: 1 },
  lastAccessTime: { 100: 3, 101: 0, 103: 1, 104: 2 }
}
// Mixed case, so a sort that is not case-insensitive gives another order ('b' < 'C' only without case).
const text = (rank: number) => ['a', 'B', 'c', 'D'][rank]!
const day = (rank: number) => `2024-0${rank + 1}-01T00:00:00Z`

function snapshot(): EstateSnapshot {
  const s = smallSnapshot()
  s.consumers = s.consumers.map((c, i) => ({ ...c, stateName: ['b', 'A', null, 'C', 'a'][i]!, createdDate: [null, day(2), day(0), day(3), day(1)][i]! }))
  s.nodes = s.nodes.map((n) => {
    const r = (col: string) => RANKS[col]![n.consumerId]!
    return {
      ...n,
      tsmName: text(r('tsmName')),
      activated: n.consumerId !== 103,
      activatedDate: day(r('activatedDate')),
      osName: text(r('osName')),
      typeName: text(r('typeName')),
      domainName: text(r('domainName')),
      optionSetName: text(r('optionSetName')),
      cpuCount: [2, 4, 8, 16][r('cpuCount')]!,
      contact: text(r('contact')),
      lastAccessTime: day(r('lastAccessTime'))
    }
  })
  return s
}

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  cache = openEstateCache(path.join(t.dir, 'sort.sqlite'))
  cache.replaceSnapshot(snapshot())
})
afterEach(() => {
  cache.close()
  cleanup()
})

const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
const byName = (a: ConsumerRow, b: ConsumerRow) => (nocase(a.name) < nocase(b.name) ? -1 : nocase(a.name) > nocase(b.name) ? 1 : a.id - b.id)

/** The order the list must have: empty values last, the value (case-insensitive), then name and id. */
function expected(rows: ConsumerRow[], value: (r: ConsumerRow) => string | number | boolean | null, descending: boolean): number[] {
  const key = (r: ConsumerRow) => {
    const v = value(r)
    return typeof v === 'string' ? nocase(v) : typeof v === 'boolean' ? Number(v) : v
  }
  return [...rows]
    .sort((a, b) => {
      const va = key(a)
      const vb = key(b)
      if ((va === null) !== (vb === null)) return va === null ? 1 : -1
      if (va !== null && vb !== null && va !== vb) return (va < vb ? -1 : 1) * (descending ? -1 : 1)
      return byName(a, b)
    })
    .map((r) => r.id)
}

const COLUMNS: [ConsumerSortKey, (r: ConsumerRow) => string | number | boolean | null][] = [
  ['tsmName', (r) => r.tsmName],
  ['state', (r) => r.stateName],
  ['createdDate', (r) => r.createdDate],
  ['activated', (r) => r.activated],
  ['activatedDate', (r) => r.activatedDate],
  ['os', (r) => r.osName],
  ['type', (r) => r.typeName],
  ['domain', (r) => r.domainName],
  ['optionSet', (r) => r.optionSetName],
  ['cpuCount', (r) => r.cpuCount],
  ['contact', (r) => r.contact],
  ['lastAccessTime', (r) => r.lastAccessTime]
]

it.each(COLUMNS)('sorts by %s both ways, empty values last', (sort, value) => {
  const rows = cache.consumers({})
  const ascending = expected(rows, value, false)
  expect(ascending).not.toEqual(expected(rows, (r) => r.name, false)) // the column really reorders
  expect(cache.consumers({ sort }).map((r) => r.id)).toEqual(ascending)
  expect(cache.consumers({ sort, descending: true }).map((r) => r.id)).toEqual(expected(rows, value, true))
})

it('sorts by unit in tree order, consumers of one unit by name', () => {
  const order = cache.tree().map((u) => u.id)
  const rows = cache.consumers({})
  const ids = expected(rows, (r) => order.indexOf(r.bunitId), false)
  expect(cache.consumers({ sort: 'unit' }).map((r) => r.id)).toEqual(ids)
  expect(cache.consumers({ sort: 'unit', descending: true }).map((r) => r.id)).toEqual(expected(rows, (r) => order.indexOf(r.bunitId), true))
})
