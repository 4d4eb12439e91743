/**
 * The derived unit columns (path, depth, order, subtree range, counts) on bad trees (orphans,
 * a unit that is its own parent, a parent cycle, names equal but for case) and after updates that
 * change exactly one derived column of a unit: each of them must be written back.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type SnapshotBunit } from '../../../../src/main/cache'
import { reference, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  cache = openEstateCache(path.join(t.dir, 't.sqlite'))
})
afterEach(() => {
  cache.close()
  cleanup()
})

function load(bunits: SnapshotBunit[], consumers: { id: number; bunitId: number }[] = []): void {
  cache.replaceSnapshot({
    rootBunitId: 1,
    bunits,
    consumers: consumers.map((c) => ({ ...c, name: `c${c.id}` })),
    nodes: [],
    reference
  })
}
const shape = () => cache.tree().map((u) => [u.id, u.path, u.depth, u.childCount])
const ids = () => cache.tree().map((u) => u.id)
const u = (id: number, parentId: number | null, name: string): SnapshotBunit => ({ id, parentId, name })

describe('bad trees', () => {
  it('an orphan and a unit that is its own parent are roots, sorted by name with the real root', () => {
    load([u(1, null, 'Zeta'), u(5, 99, 'Alpha'), u(6, 6, 'Beta'), u(7, 1, 'Child')])
    expect(shape()).toEqual([
      [5, 'Alpha', 0, 0],
      [6, 'Beta', 0, 0],
      [1, 'Zeta', 0, 1],
      [7, 'Zeta / Child', 1, 0]
    ])
  })

  it('units in a parent cycle are listed once after the real roots, from the one whose name sorts first', () => {
    load([u(1, null, 'Root'), u(10, 11, 'Zed'), u(11, 10, 'Amy')])
    expect(shape()).toEqual([
      [1, 'Root', 0, 0],
      [11, 'Amy', 0, 1],
      [10, 'Amy / Zed', 1, 0]
    ])
  })

  it('siblings whose names differ only in case are ordered by id', () => {
    load([u(1, null, 'Root'), u(6, 1, 'Lab'), u(7, 1, 'lab'), u(8, 1, 'apple'), u(9, 1, 'Zoo')])
    expect(ids()).toEqual([1, 8, 6, 7, 9])
  })
})

describe('an update that changes one derived column of a unit writes it', () => {
  it('depth alone (a unit named like its old path moves to the top)', () => {
    load([u(1, null, 'A'), u(2, 1, 'B')])
    cache.upsertBunit(u(2, null, 'A / B'))
    expect(shape()).toEqual([
      [1, 'A', 0, 0],
      [2, 'A / B', 0, 0]
    ])
  })

  it('order alone (a grandchild moves up in front of its grandparent)', () => {
    load([u(1, null, 'R'), u(2, 1, 'Bbb'), u(3, 2, 'Ccc'), u(4, 3, 'Aaa')])
    cache.upsertBunit(u(4, 1, 'Aaa'))
    expect(ids()).toEqual([1, 4, 2, 3])
    // Deleting unit 2 removes its subtree range: exactly units 2 and 3.
    cache.deleteBunit(2)
    expect(ids()).toEqual([1, 4])
  })

  it('subtree end alone (a grandchild is added below the last leaf)', () => {
    load([u(1, null, 'R'), u(2, 1, 'X'), u(3, 2, 'C')])
    cache.upsertBunit(u(4, 3, 'G'))
    cache.deleteBunit(2)
    expect(ids()).toEqual([1])
  })

  it('direct consumer count alone (a consumer moves to a child unit)', () => {
    load([u(1, null, 'R'), u(2, 1, 'X'), u(3, 2, 'C')], [{ id: 50, bunitId: 2 }])
    cache.upsertConsumer({ id: 50, bunitId: 3, name: 'c50' })
    expect(cache.tree().map((r) => [r.id, r.consumerCount, r.totalConsumerCount])).toEqual([
      [1, 0, 1],
      [2, 0, 1],
      [3, 1, 1]
    ])
  })

  it('child count alone (a grandchild becomes a child, order unchanged)', () => {
    load([u(1, null, 'R'), u(2, 1, 'X'), u(3, 2, 'C'), u(4, 3, 'G')])
    cache.upsertBunit(u(4, 2, 'G'))
    expect(shape()).toEqual([
      [1, 'R', 0, 1],
      [2, 'R / X', 1, 2],
      [3, 'R / X / C', 2, 0],
      [4, 'R / X / G', 2, 0]
    ])
  })
})
