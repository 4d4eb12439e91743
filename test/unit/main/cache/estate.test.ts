import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type EstateSnapshot } from '../../../../src/main/cache'
import { bigSnapshot, smallSnapshot, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void
let file: string

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  file = path.join(t.dir, 'acct.sqlite')
  cache = openEstateCache(file, { now: () => new Date('2024-06-01T00:00:00.000Z') })
})
afterEach(() => {
  cache.close()
  cleanup()
})

const names = (rows: { name: string }[]) => rows.map((r) => r.name)

describe('reads', () => {
  beforeEach(() => {
    cache.replaceSnapshot(smallSnapshot())
  })

  it('returns the tree depth-first with paths, child counts and direct/subtree consumer counts', () => {
    expect(cache.tree().map((u) => [u.path, u.depth, u.childCount, u.consumerCount, u.totalConsumerCount])).toEqual([
      ['Acme', 0, 2, 0, 5],
      ['Acme / Göteborg', 1, 0, 1, 1],
      ['Acme / Stockholm', 1, 1, 3, 4],
      ['Acme / Stockholm / Lab', 2, 0, 1, 1]
    ])
    const [root] = cache.treeNested()
    expect(root?.children.map((c) => c.name)).toEqual(['Göteborg', 'Stockholm'])
    expect(root?.children[1]?.children.map((c) => c.name)).toEqual(['Lab'])
  })

  it('lists a unit’s consumers with node columns, sorted and filtered', () => {
    const rows = cache.consumers({ bunitId: 2 })
    expect(names(rows)).toEqual(['db01', 'empty', 'web01'])
    expect(rows[1]).toMatchObject({ hasNode: false, tsmName: null, activated: null })
    expect(rows[2]).toMatchObject({ hasNode: true, tsmName: 'WEB01', osName: 'Windows', domainName: 'STANDARD', activated: true })
    expect(names(cache.consumers({ bunitId: 2, sort: 'os' }))).toEqual(['db01', 'web01', 'empty']) // nulls last
    expect(names(cache.consumers({ bunitId: 2, sort: 'os', descending: true }))).toEqual(['web01', 'db01', 'empty'])
    expect(names(cache.consumers({ bunitId: 2, includeDescendants: true }))).toEqual(['db01', 'empty', 'lab-box', 'web01'])
    expect(names(cache.consumers({ filter: { domainId: 2 } }))).toEqual(['Åsa laptop'])
    expect(names(cache.consumers({ filter: { activated: false } }))).toEqual(['empty', 'lab-box'])
    expect(names(cache.consumers({ filter: { hasNode: false } }))).toEqual(['empty'])
    const all = names(cache.consumers({ sort: 'name' }))
    expect(all).toHaveLength(5)
    expect(names(cache.consumers({ sort: 'name', limit: 2, offset: 1 }))).toEqual(all.slice(1, 3))
    expect(cache.countConsumers({ bunitId: 2, includeDescendants: true })).toBe(4)
  })

  it('reads one consumer with its node and both ends of its proxy relations', () => {
    const web = cache.consumer(100)
    expect(web?.proxyAgents).toEqual([{ consumerId: 101, bunitId: 2, consumerName: 'db01', tsmName: 'DB01' }])
    expect(web?.consumer.proxyAgentCount).toBe(1)
    const db = cache.consumer(101)
    expect(db?.proxyTargets.map((p) => p.consumerId)).toEqual([100])
    expect(db?.consumer.proxyTargetCount).toBe(1)
    expect(cache.consumer(999)).toBeNull()
  })

  it('returns the reference lists and the sync metadata', () => {
    const ref = cache.reference()
    expect(ref.domains.map((d) => d.name)).toEqual(['LONGTERM', 'STANDARD'])
    expect(ref.operatingSystems.find((o) => o.id === 1)?.supportedNodeTypeIds).toEqual([1, 2])
    expect(ref.defaultServer).toMatchObject({ id: 1, name: 'SP01' })
    expect(ref.timeZones).toHaveLength(1)
    const meta = cache.meta()
    expect(meta).toMatchObject({
      rootBunitId: 1,
      lastSyncedAt: '2024-05-01T10:00:00.000Z',
      portalVersion: '1.0.4480.0',
      counts: { bunits: 4, consumers: 5, nodes: 4 }
    })
    expect(meta.lastDiff?.initial).toBe(true)
  })

  it('reads the first screen: the tree plus the first unit that has consumers', () => {
    const first = cache.firstScreen()
    expect(first.bunitId).toBe(3)
    expect(names(first.consumers)).toEqual(['Åsa laptop'])
    expect(first.tree).toHaveLength(4)
    expect(cache.firstScreen({ bunitId: 2 }).consumers).toHaveLength(3)
  })
})

describe('replaceSnapshot', () => {
  it('leaves the previous snapshot intact when the new one fails half-way', () => {
    cache.replaceSnapshot(smallSnapshot())
    const before = { tree: cache.tree(), rows: cache.consumers(), meta: cache.meta(), hits: cache.search('web') }
    const bad = smallSnapshot()
    bad.syncedAt = '2024-05-02T00:00:00.000Z'
    bad.consumers = [
      { id: 500, bunitId: 1, name: 'new-one' },
      ...bad.consumers.slice(1),
      { id: 500, bunitId: 1, name: 'duplicate id' } // the PRIMARY KEY refuses this after many inserts
    ]
    expect(() => cache.replaceSnapshot(bad)).toThrow(expect.objectContaining({ kind: 'storage' }))
    expect(cache.tree()).toEqual(before.tree)
    expect(cache.consumers()).toEqual(before.rows)
    expect(cache.meta()).toEqual(before.meta)
    expect(cache.search('web')).toEqual(before.hits)
    expect(cache.search('new-one')).toEqual([])
    // And the file itself holds the old snapshot (nothing half-committed).
    cache.close()
    cache = openEstateCache(file)
    expect(cache.consumers()).toEqual(before.rows)
  })

  it('computes the diff against the previous snapshot, with names and changed fields', () => {
    const first = cache.replaceSnapshot(smallSnapshot())
    expect(first.diff.initial).toBe(true)
    expect(first.diff.consumers.counts).toEqual({ added: 5, removed: 0, changed: 0 })

    const next: EstateSnapshot = smallSnapshot()
    next.bunits.push({ id: 5, parentId: 1, name: 'Malmö' })
    next.consumers = next.consumers
      .filter((c) => c.id !== 102) // removed
      .map((c) => (c.id === 100 ? { ...c, note: 'Public web server (prod)' } : c)) // note changed
      .map((c) => (c.id === 104 ? { ...c, bunitId: 5 } : c)) // moved to a new unit
    next.consumers.push({ id: 105, bunitId: 5, name: 'new-box' }) // added
    next.nodes = next.nodes
      .filter((n) => n.consumerId !== 103) // node removed (consumer stays)
      .map((n) => (n.consumerId === 100 ? { ...n, domainId: 2, domainName: 'LONGTERM', lastAccessTime: '2030-01-01' } : n))
      .map((n) => (n.consumerId === 101 ? { ...n, proxyTargets: [] } : n)) // proxy relation dropped
    next.nodes.push({ consumerId: 105, nodeId: 1105, tsmName: 'NEW-BOX', activated: false })

    const { diff } = cache.replaceSnapshot(next)
    expect(diff.initial).toBe(false)
    expect(diff.bunits).toEqual({ added: 1, removed: 0, changed: 0 })
    expect(diff.consumers.added).toEqual([{ id: 105, name: 'new-box', bunitId: 5 }])
    expect(diff.consumers.removed).toEqual([{ id: 102, name: 'empty', bunitId: 2 }])
    // Sorted by name in the locale's collation (Å sorts with A).
    expect(diff.consumers.changed).toEqual([
      { id: 104, name: 'Åsa laptop', bunitId: 5, fields: ['bunitId'] },
      { id: 100, name: 'web01', bunitId: 2, fields: ['note'] }
    ])
    expect(diff.nodes.added).toEqual([{ id: 105, name: 'NEW-BOX', bunitId: 5 }])
    expect(diff.nodes.removed).toEqual([{ id: 103, name: 'lab-box', bunitId: 4 }])
    // lastAccessTime is not a change worth reporting; the domain and the proxy relation are.
    expect(diff.nodes.changed).toEqual([
      { id: 101, name: 'DB01', bunitId: 2, fields: ['proxyTargets'] },
      { id: 100, name: 'WEB01', bunitId: 2, fields: ['domainId', 'proxyAgents'] }
    ])
    expect(diff.truncated).toBe(false)
    expect(cache.meta().lastDiff).toEqual(diff)

    const again = cache.replaceSnapshot(next)
    expect(again.diff.consumers.counts).toEqual({ added: 0, removed: 0, changed: 0 })
    expect(again.diff.nodes.counts).toEqual({ added: 0, removed: 0, changed: 0 })
  })

  it('caps the stored diff lists but keeps exact counts', () => {
    const { diff } = cache.replaceSnapshot(bigSnapshot(30, 100))
    expect(diff.consumers.counts.added).toBe(3000)
    expect(diff.consumers.added).toHaveLength(2000)
    expect(diff.truncated).toBe(true)
  })

  it('refuses a snapshot without a root id before touching anything', () => {
    cache.replaceSnapshot(smallSnapshot())
    expect(() => cache.replaceSnapshot({ ...smallSnapshot(), rootBunitId: Number.NaN })).toThrow(
      expect.objectContaining({ kind: 'invalid-input' })
    )
    expect(cache.meta().counts.consumers).toBe(5)
  })
})

describe('incremental updates', () => {
  beforeEach(() => {
    cache.replaceSnapshot(smallSnapshot())
  })
  const unit = (id: number) => cache.tree().find((u) => u.id === id)

  it('adds, renames, moves and deletes a consumer, keeping counts and search in step', () => {
    cache.upsertConsumer({ id: 200, bunitId: 4, name: 'fresh-vm', note: 'created from the app' })
    expect(names(cache.consumers({ bunitId: 4 }))).toEqual(['fresh-vm', 'lab-box'])
    expect(unit(4)?.consumerCount).toBe(2)
    expect(unit(2)?.totalConsumerCount).toBe(5)
    expect(unit(1)?.totalConsumerCount).toBe(6)
    expect(cache.search('fresh')[0]).toMatchObject({ kind: 'consumer', id: 200, path: 'Acme / Stockholm / Lab' })
    expect(cache.meta().lastLocalChangeAt).toBe('2024-06-01T00:00:00.000Z')

    cache.upsertConsumer({ id: 200, bunitId: 3, name: 'renamed-vm' })
    expect(cache.search('fresh')).toEqual([])
    expect(cache.search('renamed')[0]).toMatchObject({ id: 200, path: 'Acme / Göteborg' })
    expect(unit(4)?.consumerCount).toBe(1)
    expect(unit(3)?.consumerCount).toBe(2)

    cache.deleteConsumer(200)
    expect(cache.consumer(200)).toBeNull()
    expect(cache.search('renamed')).toEqual([])
    expect(unit(1)?.totalConsumerCount).toBe(5)
  })

  it('a consumer moving takes its node’s search entry along', () => {
    cache.upsertConsumer({ id: 100, bunitId: 3, name: 'web01' })
    expect(cache.search('WEB01').find((h) => h.kind === 'node')).toMatchObject({ id: 100, bunitId: 3, path: 'Acme / Göteborg' })
  })

  it('creates, updates and deletes a node, with proxy relations from the answer', () => {
    cache.upsertNode({
      consumerId: 102,
      nodeId: 1102,
      tsmName: 'EMPTY-NODE',
      activated: false,
      osId: 2,
      osName: 'Linux',
      contact: 'Sam',
      proxyAgents: [{ consumerId: 104 }],
      proxyTargets: [{ tsmName: 'web01' }]
    })
    const detail = cache.consumer(102)
    expect(detail?.consumer).toMatchObject({ hasNode: true, tsmName: 'EMPTY-NODE', osName: 'Linux', contact: 'Sam' })
    expect(detail?.proxyAgents.map((p) => p.consumerId)).toEqual([104])
    expect(detail?.proxyTargets.map((p) => p.consumerId)).toEqual([100])
    expect(cache.search('empty-node')[0]).toMatchObject({ kind: 'node', id: 102, match: 'exact' })

    // An answer that does not mention proxies keeps them; one that lists none clears them.
    cache.upsertNode({ consumerId: 102, nodeId: 1102, tsmName: 'EMPTY-NODE', activated: true })
    expect(cache.consumer(102)?.proxyAgents).toHaveLength(1)
    cache.upsertNode({ consumerId: 102, nodeId: 1102, tsmName: 'EMPTY-NODE', activated: true, proxyAgents: [] })
    expect(cache.consumer(102)?.proxyAgents).toHaveLength(0)
    expect(cache.consumer(102)?.proxyTargets).toHaveLength(1)

    cache.deleteNode(102)
    expect(cache.consumer(102)?.consumer.hasNode).toBe(false)
    expect(cache.consumer(100)?.proxyAgents.map((p) => p.consumerId)).toEqual([101])
    expect(cache.search('empty-node')).toEqual([])
  })

  it('refuses a node for a consumer it does not know', () => {
    expect(() => cache.upsertNode({ consumerId: 999, activated: false })).toThrow(expect.objectContaining({ kind: 'storage' }))
  })

  it('adds and removes a proxy relation', () => {
    cache.addProxyRelation(104, 101)
    expect(cache.consumer(101)?.proxyAgents.map((p) => p.consumerName)).toEqual(['Åsa laptop'])
    cache.removeProxyRelation(104, 101)
    expect(cache.consumer(101)?.proxyAgents).toEqual([])
  })

  it('renames and moves units (paths below follow) and deletes a subtree', () => {
    cache.upsertBunit({ id: 2, parentId: 1, name: 'Sthlm' })
    expect(unit(4)?.path).toBe('Acme / Sthlm / Lab')
    expect(cache.consumer(103)?.consumer.bunitPath).toBe('Acme / Sthlm / Lab')
    expect(cache.search('sthlm')[0]).toMatchObject({ kind: 'bunit', id: 2 })

    cache.upsertBunit({ id: 4, parentId: 3, name: 'Lab' })
    expect(unit(4)?.path).toBe('Acme / Göteborg / Lab')
    expect(unit(3)?.totalConsumerCount).toBe(2)
    expect(unit(2)?.totalConsumerCount).toBe(3)

    cache.upsertBunit({ id: 6, parentId: 4, name: 'Deep' })
    cache.upsertConsumer({ id: 300, bunitId: 6, name: 'deep-host' })
    cache.deleteBunit(4)
    expect(cache.tree().map((u) => u.id)).toEqual([1, 3, 2])
    expect(cache.consumer(103)).toBeNull()
    expect(cache.consumer(300)).toBeNull()
    expect(cache.search('deep')).toEqual([])
    expect(unit(1)?.totalConsumerCount).toBe(4)
  })

  it('an incremental update that fails leaves the cache unchanged', () => {
    const before = cache.consumers()
    // name is NOT NULL: the row insert fails inside the transaction.
    expect(() => cache.upsertConsumer({ id: 100, bunitId: 2, name: null as unknown as string })).toThrow(
      expect.objectContaining({ kind: 'storage' })
    )
    expect(cache.consumers()).toEqual(before)
  })
})
