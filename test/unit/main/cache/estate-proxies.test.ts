/**
 * Proxy relations (how references resolve, which are skipped, what a snapshot keeps and an
 * update replaces), the node fields the diff compares, and re-indexing a node on a consumer update.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type EstateSnapshot, type SnapshotNode } from '../../../../src/main/cache'
import { reference, smallSnapshot, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  cache = openEstateCache(path.join(t.dir, 'p.sqlite'))
})
afterEach(() => {
  cache.close()
  cleanup()
})

/** One unit holding consumers `ids` (named c<id>), each with a node from `nodes` if given. */
function flat(ids: number[], nodes: SnapshotNode[]): EstateSnapshot {
  return {
    rootBunitId: 1,
    bunits: [{ id: 1, parentId: null, name: 'Root' }],
    consumers: ids.map((id) => ({ id, bunitId: 1, name: `c${id}` })),
    nodes,
    reference
  }
}
const agentsOf = (id: number) => cache.consumer(id)?.proxyAgents.map((p) => p.consumerId)
const targetsOf = (id: number) => cache.consumer(id)?.proxyTargets.map((p) => p.consumerId)

describe('proxy references in a snapshot', () => {
  it('resolve by consumer id, node id or node name; unknown, empty and self references are skipped', () => {
    const { counts } = cache.replaceSnapshot(
      flat(
        [1, 2, 3, 4, 5],
        [
          { consumerId: 2, nodeId: 502, tsmName: 'TWO', activated: true },
          { consumerId: 3, nodeId: 503, tsmName: '', activated: true },
          { consumerId: 4, nodeId: 504, tsmName: 'FOUR', activated: true },
          {
            consumerId: 1,
            nodeId: 501,
            tsmName: 'ONE',
            activated: true,
            proxyAgents: [{ nodeId: 502 }, { tsmName: 'four' }, { tsmName: '' }, { consumerId: 999 }, { nodeId: 501 }, {}],
            proxyTargets: [{ consumerId: 5 }, { nodeId: 999 }, { tsmName: 'nobody' }, { consumerId: 1 }]
          }
        ]
      )
    )
    expect(agentsOf(1)).toEqual([2, 4])
    expect(targetsOf(1)).toEqual([5])
    expect(counts.proxyRelations).toBe(3)
  })

  it('keep relations told from either side (one side saying “none” does not erase the other’s)', () => {
    const { counts } = cache.replaceSnapshot(
      flat(
        [1, 2, 3, 4],
        [
          { consumerId: 1, activated: true, proxyTargets: [{ consumerId: 2 }] },
          { consumerId: 2, activated: true, proxyAgents: [], proxyTargets: [] },
          { consumerId: 3, activated: true, proxyAgents: [{ consumerId: 4 }] },
          { consumerId: 4, activated: true, proxyTargets: [], proxyAgents: [] }
        ]
      )
    )
    expect(agentsOf(2)).toEqual([1])
    expect(agentsOf(3)).toEqual([4])
    expect(counts.proxyRelations).toBe(2)
  })

  it('a node update that lists no targets clears its targets and keeps its agents', () => {
    cache.replaceSnapshot(
      flat([1, 2, 3], [{ consumerId: 1, activated: true, proxyAgents: [{ consumerId: 3 }], proxyTargets: [{ consumerId: 2 }] }])
    )
    cache.upsertNode({ consumerId: 1, activated: true, proxyTargets: [] })
    expect(targetsOf(1)).toEqual([])
    expect(agentsOf(1)).toEqual([3])
    cache.upsertNode({ consumerId: 1, activated: true, proxyTargets: [{ consumerId: 3 }, { consumerId: 1 }, { consumerId: 77 }] })
    expect(targetsOf(1)).toEqual([3])
  })
})

describe('the diff compares node flags and proxy lists', () => {
  const node = (consumerId: number, extra: Partial<SnapshotNode>): SnapshotNode => ({ consumerId, tsmName: `N${consumerId}`, activated: true, ...extra })

  it('reports activation, locked and decommissioned changes, including to and from unknown', () => {
    cache.replaceSnapshot(
      flat(
        [1, 2, 3, 4, 5],
        [
          node(1, { locked: false }),
          node(2, { locked: null }),
          node(3, { decommissioned: false }),
          node(4, { decommissioned: null }),
          node(5, { activated: true, locked: true, decommissioned: true })
        ]
      )
    )
    const { diff } = cache.replaceSnapshot(
      flat(
        [1, 2, 3, 4, 5],
        [
          node(1, { locked: true }),
          node(2, { locked: false }),
          node(3, { decommissioned: true }),
          node(4, { decommissioned: false }),
          node(5, { activated: false, locked: true, decommissioned: true })
        ]
      )
    )
    expect(diff.nodes.changed.map((c) => [c.id, c.fields])).toEqual([
      [1, ['locked']],
      [2, ['locked']],
      [3, ['decommissioned']],
      [4, ['decommissioned']],
      [5, ['activated']]
    ])
  })

  it('tells agent lists {12} and {1, 2} apart', () => {
    const ids = [1, 2, 12, 40, 41]
    cache.replaceSnapshot(flat(ids, [node(40, { proxyAgents: [{ consumerId: 12 }] }), node(41, { proxyTargets: [{ consumerId: 12 }] })]))
    const { diff } = cache.replaceSnapshot(
      flat(ids, [node(40, { proxyAgents: [{ consumerId: 1 }, { consumerId: 2 }] }), node(41, { proxyTargets: [{ consumerId: 1 }, { consumerId: 2 }] })])
    )
    expect(diff.nodes.changed.map((c) => [c.id, c.fields])).toEqual([
      [40, ['proxyAgents']],
      [41, ['proxyTargets']]
    ])
  })
})

describe('a consumer update re-indexes its node', () => {
  beforeEach(() => {
    cache.replaceSnapshot(smallSnapshot())
  })
  const nodeHits = (q: string) => cache.search(q).filter((h) => h.kind === 'node').map((h) => [h.id, h.name, h.field])

  it('a named node keeps its own name when the consumer is renamed', () => {
    cache.upsertConsumer({ id: 100, bunitId: 2, name: 'frontend' })
    expect(nodeHits('WEB01')).toEqual([[100, 'WEB01', 'tsmName']])
  })

  it('a node without a name shows under the consumer’s new name', () => {
    cache.upsertConsumer({ id: 103, bunitId: 4, name: 'lab-renamed' })
    expect(nodeHits('lab team')).toEqual([[103, 'lab-renamed', 'contact']])
  })
})
