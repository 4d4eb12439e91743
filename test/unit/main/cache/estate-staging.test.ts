/**
 * Streamed syncs through the cache: a first sync shows the tree before its commit, the commit keeps
 * proxy relations told from either side and holds exactly the staged ones, and a head without a
 * root id is refused.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache } from '../../../../src/main/cache'
import { reference, smallSnapshot, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  cache = openEstateCache(path.join(t.dir, 's.sqlite'))
})
afterEach(() => {
  cache.close()
  cleanup()
})

const head = { rootBunitId: 1, reference, syncedAt: '2024-07-01T00:00:00.000Z' }
const bunits = [
  { id: 1, parentId: null, name: 'Root' },
  { id: 2, parentId: 1, name: 'Team' }
]
const consumers = [1, 2, 3].map((id) => ({ id, bunitId: 2, name: `c${id}` }))

describe('commitStaging', () => {
  it('a first sync shows the tree with paths before the commit', () => {
    const staging = cache.openStaging()
    expect(staging.progressive).toBe(true)
    staging.putTree(bunits)
    expect(cache.tree().map((u) => u.path)).toEqual(['Root', 'Root / Team'])
    staging.close()
  })

  it('a later sync keeps relations told from either side', () => {
    cache.replaceSnapshot(smallSnapshot())
    const staging = cache.openStaging()
    expect(staging.progressive).toBe(false)
    staging.putTree(bunits)
    staging.addConsumers(consumers)
    staging.addNode({ consumerId: 1, activated: true, proxyTargets: [{ consumerId: 2 }] })
    staging.addNode({ consumerId: 2, activated: true, proxyAgents: [], proxyTargets: [] })
    const { counts } = cache.commitStaging(staging, head)
    expect(counts).toEqual({ bunits: 2, consumers: 3, nodes: 2, proxyRelations: 1 })
    expect(cache.consumer(2)?.proxyAgents.map((p) => p.consumerId)).toEqual([1])
  })

  it('a first sync’s commit holds exactly the staged relations', () => {
    const staging = cache.openStaging()
    staging.putTree(bunits)
    staging.addConsumers(consumers)
    staging.addNode({ consumerId: 1, activated: true, proxyTargets: [{ consumerId: 2 }] })
    staging.consumersDone()
    cache.addProxyRelation(3, 1) // written to the live table while the sync runs
    const { counts } = cache.commitStaging(staging, head)
    expect(counts.proxyRelations).toBe(1)
    expect(cache.consumer(1)?.proxyAgents).toEqual([])
  })

  it('refuses a head without a root id and changes nothing', () => {
    cache.replaceSnapshot(smallSnapshot())
    const staging = cache.openStaging()
    staging.putTree(bunits)
    let error: { kind?: string; message?: string } | undefined
    try {
      cache.commitStaging(staging, { ...head, rootBunitId: Number.NaN })
    } catch (e) {
      error = e as { kind?: string; message?: string }
    }
    expect({ kind: error?.kind, message: error?.message }).toEqual({ kind: 'invalid-input', message: 'The snapshot has no root unit id' })
    staging.close()
    expect(cache.meta().rootBunitId).toBe(1)
    expect(cache.tree()).toHaveLength(4)
  })
})
