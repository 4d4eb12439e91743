import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache, type EstateCache, type EstateSnapshot } from '../../../../src/main/cache'
import { reference, tempDir } from './fixtures'

let cache: EstateCache
let cleanup: () => void

function estate(): EstateSnapshot {
  return {
    rootBunitId: 1,
    bunits: [
      { id: 1, parentId: null, name: 'Backup Customers' },
      { id: 2, parentId: 1, name: 'Nordic Backup AB', registrationNumber: 'SE5566-1234' },
      { id: 3, parentId: 1, name: 'Öresund Logistik' }
    ],
    consumers: [
      { id: 10, bunitId: 2, name: 'backup', note: null },
      { id: 11, bunitId: 2, name: 'backup-srv-01', note: null },
      { id: 12, bunitId: 2, name: 'old-backup-host', note: null },
      { id: 13, bunitId: 3, name: 'file01', note: 'Backup of the shared drive' },
      { id: 14, bunitId: 3, name: 'ÖREBRO-DC', note: 'domain controller "primary"' },
      { id: 15, bunitId: 3, name: 'x1', note: 'nightly backup job' }
    ],
    nodes: [
      { consumerId: 11, tsmName: 'BACKUP-SRV-01', activated: true, contact: 'Per Persson' },
      { consumerId: 13, tsmName: 'FILE01', activated: true, contact: 'backup team' }
    ],
    reference
  }
}

beforeEach(() => {
  const t = tempDir()
  cleanup = t.cleanup
  cache = openEstateCache(path.join(t.dir, 'a.sqlite'))
  cache.replaceSnapshot(estate())
})
afterEach(() => {
  cache.close()
  cleanup()
})

const keys = (hits: { kind: string; id: number }[]) => hits.map((h) => `${h.kind}:${h.id}`)

describe('search', () => {
  it('ranks exact above prefix above substring, and names above secondary fields', () => {
    const hits = cache.search('backup')
    expect(hits[0]).toMatchObject({ kind: 'consumer', id: 10, match: 'exact', field: 'name', path: 'Backup Customers / Nordic Backup AB' })
    const classes = hits.map((h) => h.rank)
    expect(classes).toEqual([...classes].sort((a, b) => a - b))
    // prefix on names: the root unit, the consumer and its node
    expect(keys(hits.filter((h) => h.match === 'prefix' && h.field !== 'contact'))).toEqual(
      expect.arrayContaining(['bunit:1', 'consumer:11', 'node:11'])
    )
    // a note starting with the query < a name containing it < a note containing it
    const at = (key: string) => keys(hits).indexOf(key)
    expect(hits[at('consumer:13')]).toMatchObject({ field: 'note', match: 'prefix', matchedText: 'Backup of the shared drive' })
    expect(hits[at('consumer:12')]).toMatchObject({ field: 'name', match: 'substring' })
    expect(hits[at('consumer:15')]).toMatchObject({ field: 'note', match: 'substring' })
    expect(at('consumer:13')).toBeLessThan(at('consumer:12'))
    expect(at('consumer:12')).toBeLessThan(at('consumer:15'))
    expect(keys(hits).slice(-1)).toEqual(['consumer:15'])
    // one hit per entity, even when several of its fields match
    expect(new Set(keys(hits)).size).toBe(hits.length)
  })

  it('finds contacts, registration numbers and substrings in the middle', () => {
    expect(keys(cache.search('persson'))).toEqual(['node:11'])
    expect(cache.search('5566')[0]).toMatchObject({ kind: 'bunit', id: 2, field: 'registrationNumber', match: 'substring' })
    expect(keys(cache.search('srv-0'))).toEqual(['consumer:11', 'node:11'])
  })

  it('is case-insensitive beyond ASCII', () => {
    expect(keys(cache.search('örebro'))).toEqual(['consumer:14'])
    expect(keys(cache.search('ÖRESUND'))).toEqual(['bunit:3'])
  })

  it('handles one- and two-character queries (prefix and substring)', () => {
    expect(cache.search('x')[0]).toMatchObject({ kind: 'consumer', id: 15, match: 'prefix' })
    expect(keys(cache.search('01'))).toEqual(expect.arrayContaining(['consumer:11', 'consumer:13', 'node:13']))
    expect(cache.search('01').every((h) => h.match === 'substring')).toBe(true)
  })

  it('treats FTS syntax in the query as text', () => {
    expect(keys(cache.search('"primary"'))).toEqual(['consumer:14'])
    expect(cache.search('AND OR NOT *')).toEqual([])
    expect(cache.search('   ')).toEqual([])
  })

  it('filters by kind and honours the limit', () => {
    expect(cache.search('backup', { kinds: ['node'] }).every((h) => h.kind === 'node')).toBe(true)
    expect(cache.search('backup', { limit: 2 })).toHaveLength(2)
  })
})
