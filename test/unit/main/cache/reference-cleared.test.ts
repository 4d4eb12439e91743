import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache } from '../../../../src/main/cache'
import { smallSnapshot, tempDir } from './fixtures'

describe('a sync replaces the reference data whole', () => {
  let dir: ReturnType<typeof tempDir>
  let cache: EstateCache
  beforeEach(() => {
    dir = tempDir()
    cache = openEstateCache(path.join(dir.dir, 'ref.sqlite'))
  })
  afterEach(() => {
    cache.close()
    dir.cleanup()
  })

  it('a domain, option set or node type the portal removed no longer shows in the wizards', () => {
    cache.replaceSnapshot(smallSnapshot())
    expect(cache.reference().domains.map((d) => d.name)).toEqual(['LONGTERM', 'STANDARD'].sort())
    const next = smallSnapshot()
    next.reference = {
      ...next.reference,
      domains: next.reference.domains.filter((d) => d.name === 'STANDARD'),
      optionSets: [],
      nodeTypes: next.reference.nodeTypes.filter((t) => t.id === 1),
      operatingSystems: next.reference.operatingSystems.map((o) => ({ ...o, supportedNodeTypeIds: [1] }))
    }
    cache.replaceSnapshot(next)
    const ref = cache.reference()
    expect(ref.domains.map((d) => d.name)).toEqual(['STANDARD'])
    expect(ref.optionSets).toEqual([])
    expect(ref.nodeTypes.map((t) => t.id)).toEqual([1])
    expect(ref.operatingSystems.every((o) => o.supportedNodeTypeIds.join() === '1')).toBe(true)
  })
})
