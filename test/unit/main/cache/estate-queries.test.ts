/**
 * Consumer listing edges the main estate test does not pin: every filter column, sorting by
 * contact and last access (nulls last both ways), an unknown unit with descendants, and which
 * unit and how many rows the first screen picks.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type EstateSnapshot } from '../../../../src/main/cache'
import { smallSnapshot, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void

/** smallSnapshot with a second node type and distinct last-access times (lab-box never seen). */
function snapshot(): EstateSnapshot {
  const s = smallSnapshot()
  const times: Record<number, string | null> = { 100: '2024-03-05', 101: '2024-03-01', 103: null, 104: '2024-03-09' }
  s.nodes = s.nodes.map((n) => ({ ...n, lastAccessTime: times[n.consumerId], ...(n.consumerId === 104 ? { typeId: 2, typeName: 'SQL Server' } : {}) }))
  return s
}

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  cache = openEstateCache(path.join(t.dir, 'q.sqlite'))
  cache.replaceSnapshot(snapshot())
})
afterEach(() => {
  cache.close()
  cleanup()
})

const names = (rows: { name: string }[]) => rows.map((r) => r.name)

describe('consumer filters', () => {
  it('filter on state, operating system, node type, activation and having a node', () => {
    expect(names(cache.consumers({ filter: { stateId: 1 } }))).toEqual(['empty'])
    expect(names(cache.consumers({ filter: { stateId: 3 } }))).toEqual(['db01', 'lab-box', 'web01', 'Åsa laptop'])
    expect(names(cache.consumers({ filter: { osId: 2 } }))).toEqual(['db01'])
    expect(names(cache.consumers({ filter: { typeId: 2 } }))).toEqual(['Åsa laptop'])
    expect(names(cache.consumers({ filter: { optionSetId: 10, typeId: 1 } }))).toEqual(['db01', 'lab-box', 'web01'])
    expect(names(cache.consumers({ filter: { activated: true } }))).toEqual(['db01', 'web01', 'Åsa laptop'])
    expect(names(cache.consumers({ filter: { hasNode: true } }))).toEqual(['db01', 'lab-box', 'web01', 'Åsa laptop'])
    expect(names(cache.consumers({ bunitId: 2, filter: { hasNode: true, activated: true } }))).toEqual(['db01', 'web01'])
    expect(cache.countConsumers({ filter: { activated: true } })).toBe(3)
    expect(cache.countConsumers({})).toBe(5)
  })

  it('a unit that is not in the cache has no consumers, with or without its descendants', () => {
    expect(cache.consumers({ bunitId: 999, includeDescendants: true })).toEqual([])
    expect(cache.countConsumers({ bunitId: 999, includeDescendants: true })).toBe(0)
    expect(cache.consumers({ bunitId: 999 })).toEqual([])
  })
})

describe('consumer sorting', () => {
  it('by contact, case-insensitive, ties by name, consumers without a node last either way', () => {
    expect(names(cache.consumers({ sort: 'contact' }))).toEqual(['web01', 'lab-box', 'db01', 'Åsa laptop', 'empty'])
    expect(names(cache.consumers({ sort: 'contact', descending: true }))).toEqual(['db01', 'Åsa laptop', 'lab-box', 'web01', 'empty'])
  })

  it('by last access time, never-seen nodes and consumers without a node last either way', () => {
    expect(names(cache.consumers({ sort: 'lastAccessTime' }))).toEqual(['db01', 'web01', 'Åsa laptop', 'empty', 'lab-box'])
    expect(names(cache.consumers({ sort: 'lastAccessTime', descending: true }))).toEqual([
      'Åsa laptop',
      'web01',
      'db01',
      'empty',
      'lab-box'
    ])
  })
})

describe('firstScreen', () => {
  it('falls back to the first unit with consumers when the requested unit is unknown', () => {
    const first = cache.firstScreen({ bunitId: 999 })
    expect(first.bunitId).toBe(3)
    expect(names(first.consumers)).toEqual(['Åsa laptop'])
  })

  it('honours the row limit, and lists 500 rows by default', () => {
    expect(names(cache.firstScreen({ bunitId: 2, limit: 1 }).consumers)).toEqual(['db01'])
    expect(names(cache.firstScreen({ bunitId: 2 }).consumers)).toEqual(['db01', 'empty', 'web01'])
  })

  it('an empty cache has no unit and no consumers', () => {
    cache.replaceSnapshot({ ...smallSnapshot(), bunits: [], consumers: [], nodes: [] })
    expect(cache.firstScreen({ bunitId: 2 })).toMatchObject({ bunitId: null, consumers: [], tree: [] })
  })
})
