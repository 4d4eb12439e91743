/**
 * Issue 11: a sync keeps every unit's time zone and note (its page shows them offline), and a
 * unit renamed on the portal is named in "what changed". Real simulator, real SQLite file.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { openEstateCache, SCHEMA_VERSION, type EstateCache } from '../../../../src/main/cache'
import { CloutilityClient } from '../../../../src/main/cloutility'
import { syncAccount } from '../../../../src/main/sync'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { tempDir } from '../cache/fixtures'

let sim: RunningSimulator
let cache: EstateCache
let cleanup: () => void
let cacheFile: string

function client(s: RunningSimulator): CloutilityClient {
  const d = s.defaults
  return new CloutilityClient({ apiUrl: s.apiUrl, clientId: d.clientId, origin: d.origin, username: d.username, getPassword: async () => d.password })
}

beforeEach(async () => {
  const t = tempDir('desk-unit-details-')
  cleanup = t.cleanup
  cacheFile = path.join(t.dir, 'acct.sqlite')
  cache = openEstateCache(cacheFile)
  sim = await startSimulator({ port: 0, seed: 11, bunits: 8, consumers: 40 })
})
afterEach(async () => {
  cache.close()
  await sim.close()
  cleanup()
})

describe('unit details in the cache (schema v4)', () => {
  it('is at version 4 with the time zone columns', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4)
    cache.close()
    const db = new Database(cacheFile, { readonly: true })
    const columns = (db.prepare('PRAGMA table_info(bunits)').all() as { name: string }[]).map((c) => c.name)
    db.close()
    expect(columns).toEqual(expect.arrayContaining(['time_zone_id', 'time_zone_name', 'note']))
    cache = openEstateCache(cacheFile)
  })

  it('keeps every unit’s time zone and note from the sync, and names a unit renamed on the portal', async () => {
    const api = client(sim)
    const unit = [...sim.state.bunits.values()].find((u) => u.parentId !== null)!
    await api.bunits.update(unit.id, { note: 'Server room B', timeZoneId: 4 })
    await syncAccount({ client: api, cache })

    for (const rec of sim.state.bunits.values()) {
      const row = cache.unit(rec.id)!
      expect(row.timeZoneId, rec.name).toBe(rec.timeZoneId)
      expect(row.timeZoneName, rec.name).toBeTruthy()
    }
    expect(cache.unit(unit.id)!.note).toBe('Server room B')

    await api.bunits.update(unit.id, { name: 'Renamed on the portal' })
    await syncAccount({ client: api, cache })
    const diff = cache.meta().lastDiff!
    expect(diff.units?.changed.map((e) => e.name)).toEqual(['Renamed on the portal'])
    expect(diff.units?.changed[0]?.fields).toEqual(['name'])
    expect(diff.bunits.changed).toBe(1)
  })
})
