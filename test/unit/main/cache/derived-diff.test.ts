/**
 * The estate diff (diff.ts) as a pure function, the first-snapshot diff read from the tables
 * (initial-diff.ts) and the row helpers (rows.ts): list cut-offs, exact counts, ordering and the
 * "truncated" flag of each part.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type EstateDiff, type EstateSnapshot } from '../../../../src/main/cache'
import { diffEstates, isEmptyDiff, type ComparableConsumer, type ComparableNode } from '../../../../src/main/cache/diff'
import { bool, json } from '../../../../src/main/cache/rows'
import { reference, tempDir } from './fixtures'

const consumer = (id: number, name: string, extra: Partial<ComparableConsumer> = {}): [number, ComparableConsumer] => [
  id,
  { id, bunitId: 1, name, note: null, stateId: null, stateName: null, ...extra }
]
const node = (consumerId: number, name: string, extra: Partial<ComparableNode> = {}): [number, ComparableNode] => [
  consumerId,
  {
    consumerId, bunitId: 1, name, tsmName: name, activated: true, activatedDate: null, osId: null, typeId: null, domainId: null,
    optionSetId: null, cpuCount: null, contact: null, locked: null, decommissioned: null, proxyAgents: '', proxyTargets: '', ...extra
  }
]
type Unit = { name: string; parentId: number | null }
const none = () => new Map()

function diff(input: {
  consumersBefore?: [number, ComparableConsumer][]
  consumersAfter?: [number, ComparableConsumer][]
  nodesBefore?: [number, ComparableNode][]
  nodesAfter?: [number, ComparableNode][]
  unitsBefore?: [number, Unit][]
  unitsAfter?: [number, Unit][]
  limit?: number
}): EstateDiff {
  return diffEstates({
    initial: false,
    unitsBefore: new Map(input.unitsBefore ?? []),
    unitsAfter: new Map(input.unitsAfter ?? []),
    consumersBefore: new Map(input.consumersBefore ?? []),
    consumersAfter: new Map(input.consumersAfter ?? []),
    nodesBefore: input.nodesBefore ? new Map(input.nodesBefore) : none(),
    nodesAfter: input.nodesAfter ? new Map(input.nodesAfter) : none(),
    limit: input.limit
  })
}
const ids = (entries: { id: number }[]) => entries.map((e) => e.id)

describe('diffEstates', () => {
  it('cuts each list at the limit, keeps exact counts, sorts by name then id', () => {
    const d = diff({
      limit: 2,
      consumersBefore: [consumer(1, 'keep'), consumer(2, 'old-z'), consumer(3, 'old-a'), consumer(4, 'old-m'), consumer(5, 'x'), consumer(6, 'y'), consumer(7, 'w')],
      consumersAfter: [
        consumer(1, 'keep'),
        consumer(5, 'x', { note: 'n' }), consumer(6, 'y', { stateId: 2 }), consumer(7, 'w', { bunitId: 9 }),
        consumer(20, 'new-c'), consumer(21, 'new-a'), consumer(22, 'new-b')
      ]
    })
    expect(d.consumers.counts).toEqual({ added: 3, removed: 3, changed: 3 })
    // The first two found (in map order), then sorted by name.
    expect(d.consumers.added).toEqual([
      { id: 21, name: 'new-a', bunitId: 1 },
      { id: 20, name: 'new-c', bunitId: 1 }
    ])
    expect(ids(d.consumers.removed)).toEqual([3, 2])
    expect(d.consumers.changed).toEqual([
      { id: 5, name: 'x', bunitId: 1, fields: ['note'] },
      { id: 6, name: 'y', bunitId: 1, fields: ['stateId'] }
    ])
    expect(d.truncated).toBe(true)
  })

  it('breaks name ties by id, whatever order the entries were found in', () => {
    const d = diff({
      consumersBefore: [consumer(9, 'same'), consumer(8, 'same'), consumer(7, 'b')],
      consumersAfter: [consumer(6, 'same'), consumer(5, 'same'), consumer(4, 'a')]
    })
    expect(ids(d.consumers.added)).toEqual([4, 5, 6])
    expect(ids(d.consumers.removed)).toEqual([7, 8, 9])
  })

  it('is truncated as soon as any one list of any one part was cut, and not otherwise', () => {
    const at = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => consumer(100 + i, `${prefix}${i}`))
    const changedTo = (n: number) => Array.from({ length: n }, (_, i) => consumer(100 + i, `c${i}`, { note: 'changed' }))
    expect(diff({ limit: 2, consumersAfter: at(3, 'a') }).truncated).toBe(true)
    expect(diff({ limit: 2, consumersBefore: at(3, 'r') }).truncated).toBe(true)
    expect(diff({ limit: 2, consumersBefore: at(3, 'c'), consumersAfter: changedTo(3) }).truncated).toBe(true)
    // Exactly at the limit: nothing was cut.
    const full = diff({ limit: 2, consumersBefore: [...at(2, 'r'), ...at(4, 'c').slice(2)], consumersAfter: [...at(4, 'c').slice(2).map(([id, c]) => consumer(id, c.name, { note: 'x' })), consumer(1, 'a'), consumer(2, 'b')] })
    expect(full.consumers.counts).toEqual({ added: 2, removed: 2, changed: 2 })
    expect(full.truncated).toBe(false)

    const units = (n: number): [number, Unit][] => Array.from({ length: n }, (_, i) => [i + 1, { name: `u${i}`, parentId: null }])
    const nodes = (n: number) => Array.from({ length: n }, (_, i) => node(i + 1, `N${i}`))
    expect(diff({ limit: 2, unitsAfter: units(3) })).toMatchObject({ truncated: true, bunits: { added: 3 } })
    expect(diff({ limit: 2, consumersAfter: at(3, 'a') }).truncated).toBe(true)
    expect(diff({ limit: 2, nodesAfter: nodes(3) })).toMatchObject({ truncated: true, nodes: { counts: { added: 3 } } })
    expect(diff({ limit: 2, unitsAfter: units(2), consumersAfter: at(2, 'a'), nodesAfter: nodes(2) }).truncated).toBe(false)
  })
})

describe('isEmptyDiff', () => {
  const keys = ['c.added', 'c.removed', 'c.changed', 'n.added', 'n.removed', 'n.changed', 'b.added', 'b.removed', 'b.changed']
  const withCounts = (values: number[]): EstateDiff => {
    const part = (o: number) => ({ added: [], removed: [], changed: [], counts: { added: values[o] ?? 0, removed: values[o + 1] ?? 0, changed: values[o + 2] ?? 0 } })
    return { initial: false, consumers: part(0), nodes: part(3), bunits: part(6).counts, truncated: false }
  }

  it('is true only when every count is zero', () => {
    expect(isEmptyDiff(withCounts([0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe(true)
    for (let k = 0; k < keys.length; k++) {
      const one = keys.map((_, i) => (i === k ? 1 : 0))
      expect([keys[k], isEmptyDiff(withCounts(one))]).toEqual([keys[k], false])
      // Two neighbours set: a sum that subtracted one of them would come out at zero.
      if (k > 0) {
        const two = keys.map((_, i) => (i === k || i === k - 1 ? 1 : 0))
        expect([keys[k], isEmptyDiff(withCounts(two))]).toEqual([keys[k], false])
      }
    }
  })
})

describe('rows helpers', () => {
  it('stores null for missing JSON and booleans, the value otherwise', () => {
    expect(json(undefined)).toBeNull()
    expect(json(null)).toBeNull()
    expect(json({ a: 1 })).toBe('{"a":1}')
    expect(json(0)).toBe('0')
    expect(bool(null)).toBeNull()
    expect(bool(undefined)).toBeNull()
    expect(bool(true)).toBe(1)
    expect(bool(false)).toBe(0)
  })
})

describe('the first snapshot’s diff', () => {
  let cache: EstateCache
  let cleanup: () => void
  beforeEach(() => {
    const t = tempDir()
    cleanup = t.cleanup
    cache = openEstateCache(path.join(t.dir, 'a.sqlite'))
  })
  afterEach(() => {
    cache.close()
    cleanup()
  })

  const snapshot = (parts: Partial<EstateSnapshot>): EstateSnapshot => ({
    rootBunitId: 1,
    bunits: [{ id: 1, parentId: null, name: 'Root' }],
    consumers: [],
    nodes: [],
    reference,
    ...parts
  })

  it('lists everything as added, in locale order with id ties, and is not truncated', () => {
    const nfc = '\u00e9cole'
    const nfd = 'e\u0301cole'
    const { diff: d } = cache.replaceSnapshot(
      snapshot({
        bunits: [{ id: 1, parentId: null, name: 'Root' }, { id: 2, parentId: 1, name: 'Sub' }],
        consumers: [
          { id: 5, bunitId: 2, name: 'Beta' },
          { id: 6, bunitId: 1, name: 'alpha' },
          // Canonically equal names: SQLite sorts the decomposed one first, the locale ties them.
          { id: 1, bunitId: 1, name: nfc },
          { id: 2, bunitId: 1, name: nfd }
        ],
        nodes: [
          { consumerId: 5, tsmName: 'BETA', activated: true },
          { consumerId: 6, tsmName: 'alpha', activated: true }
        ]
      })
    )
    expect(d.initial).toBe(true)
    expect(d.bunits).toEqual({ added: 2, removed: 0, changed: 0 })
    expect(d.consumers.added).toEqual([
      { id: 6, name: 'alpha', bunitId: 1 },
      { id: 5, name: 'Beta', bunitId: 2 },
      { id: 1, name: nfc, bunitId: 1 },
      { id: 2, name: nfd, bunitId: 1 }
    ])
    expect(d.consumers.counts).toEqual({ added: 4, removed: 0, changed: 0 })
    expect(d.nodes.added).toEqual([
      { id: 6, name: 'alpha', bunitId: 1 },
      { id: 5, name: 'BETA', bunitId: 2 }
    ])
    expect(d.truncated).toBe(false)
  })

  it('is truncated past 2000 consumers or 2000 nodes, with exact counts', () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({ id: i + 1, bunitId: 1, name: `c${String(i).padStart(4, '0')}` }))
    const { diff: d } = cache.replaceSnapshot(snapshot({ consumers: many }))
    expect([d.consumers.counts.added, d.consumers.added.length, d.nodes.counts.added, d.truncated]).toEqual([2001, 2000, 0, true])
  })

  it('is truncated past 2000 nodes even when the consumers fit', () => {
    // Nodes whose consumers are missing (the cache does not enforce the link).
    const many = Array.from({ length: 2001 }, (_, i) => ({ consumerId: i + 1, tsmName: `N${String(i).padStart(4, '0')}`, activated: true }))
    const { diff: d } = cache.replaceSnapshot(snapshot({ nodes: many }))
    expect([d.consumers.counts.added, d.nodes.counts.added, d.nodes.added.length, d.truncated]).toEqual([0, 2001, 2000, true])
    expect(d.nodes.added[0]).toEqual({ id: 1, name: 'N0000', bunitId: 0 })
  })
})
