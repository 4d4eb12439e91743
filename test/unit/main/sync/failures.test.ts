/**
 * How a sync fails: the SyncError's kind, phase, message and details for a failure in each
 * phase, how the cause's text is made into a sentence, a second sync refused while one runs,
 * and units deleted on the portal while the sync runs (a warning, not a failure).
 * Faults are planted in the simulator, or thrown by the call wrapper for causes the portal
 * cannot produce (an error that is no DeskError, with chosen text).
 */
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import { syncAccount, SyncError, type SyncOptions } from '../../../../src/main/sync'
import { openHarness, syncClient, type Harness } from './harness'

let h: Harness

beforeEach(async () => {
  // Seed 5: units 22 (root) > 23 > {24, 25}; 23 has one consumer, 24 one, 25 five. Busy timeout
  // 0: a cache file locked by another connection fails at once.
  h = await openHarness({ seed: 5, bunits: 4, consumers: 7 }, { busyTimeoutMs: 0 })
})
afterEach(async () => {
  await h.close()
})

const PORTAL_500 = 'The portal failed with HTTP 500: An error has occurred.'

async function failure(options: Partial<SyncOptions>): Promise<SyncError> {
  const error: unknown = await syncAccount({ client: h.client, cache: h.cache, concurrency: 1, ...options }).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(SyncError)
  expect(error).toBeInstanceOf(DeskError)
  expect((error as SyncError).name).toBe('SyncError')
  return error as SyncError
}

/** The shape a DeskError cause takes in the details. */
function shapeOf(error: unknown): unknown {
  return (error as DeskError).toShape()
}

describe('a failure in each phase', () => {
  it('tree: the cause, phase and progress in the message and details', async () => {
    h.sim.faults.failNext(1, 500, /^GET \/v1\/bunits$/)
    const error = await failure({})
    expect(error.kind).toBe('server')
    expect(error.phase).toBe('tree')
    expect(error.message).toBe(`The sync failed while reading the business unit tree (0/1): ${PORTAL_500} The cached estate is unchanged.`)
    expect(error.details).toStrictEqual({ phase: 'tree', done: 0, total: 1, cause: shapeOf(error.cause) })
    expect((error.cause as DeskError).message).toBe(PORTAL_500)
  })

  it('reference lists', async () => {
    h.sim.faults.failNext(1, 500, /^GET \/v1\/nodetypes$/)
    const error = await failure({})
    expect([error.kind, error.phase]).toEqual(['server', 'reference'])
    expect(error.message).toBe(`The sync failed while reading the reference lists (2/7): ${PORTAL_500} The cached estate is unchanged.`)
    expect(error.details).toStrictEqual({ phase: 'reference', done: 2, total: 7, cause: shapeOf(error.cause) })
  })

  it('consumers: listing the second unit’s consumers', async () => {
    h.sim.faults.failNext(1, 500, /^GET \/v1\/bunits\/23\/consumers$/)
    const error = await failure({})
    expect([error.kind, error.phase]).toEqual(['server', 'consumers'])
    expect(error.message).toBe(`The sync failed while listing consumers (1/4): ${PORTAL_500} The cached estate is unchanged.`)
    expect(error.details).toStrictEqual({ phase: 'consumers', done: 1, total: 4, cause: shapeOf(error.cause) })
  })

  it('nodes: a unit’s detail failing is not taken for a deleted unit', async () => {
    // Unit details come first in the node phase, last unit first: 25, then 24.
    h.sim.faults.failNext(1, 500, /^GET \/v1\/bunits\/24$/)
    const error = await failure({})
    expect([error.kind, error.phase]).toEqual(['server', 'nodes'])
    expect(error.message).toBe(`The sync failed while reading nodes (1/11): ${PORTAL_500} The cached estate is unchanged.`)
    expect(error.details).toStrictEqual({ phase: 'nodes', done: 1, total: 11, cause: shapeOf(error.cause) })
  })

  it('nodes: a node read failing', async () => {
    h.sim.faults.failNext(1, 500, /^GET \/v1\/bunits\/25\/consumers\/403\/node$/)
    const error = await failure({})
    expect([error.kind, error.phase]).toEqual(['server', 'nodes'])
    // 4 unit details and the nodes of 400, 401 and 402 are done.
    expect(error.details).toStrictEqual({ phase: 'nodes', done: 7, total: 11, cause: shapeOf(error.cause) })
  })

  it('saving: the cache file locked by another connection', async () => {
    const other = new Database(h.cacheFile)
    try {
      const error = await failure({
        onProgress: (p) => {
          if (p.phase === 'saving' && p.done === 0) other.exec('BEGIN IMMEDIATE')
        }
      })
      expect([error.kind, error.phase]).toEqual(['internal', 'saving'])
      expect(error.message).toBe('The sync failed while saving the snapshot (0/1): database is locked. The cached estate is unchanged.')
      expect(error.details).toStrictEqual({ phase: 'saving', done: 0, total: 1 })
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
  })
})

describe('the cause’s text as a sentence', () => {
  it('ends it with a full stop unless it ends with one, a ! or a ?, trimmed; an error that is no DeskError is internal', async () => {
    const cases: [thrown: unknown, text: string][] = [
      [new Error('socket hang up'), 'socket hang up.'],
      [new Error('  Disk full!  \n'), 'Disk full!'],
      [new Error('Is the portal down?'), 'Is the portal down?'],
      [new Error('Version 1.2 refused'), 'Version 1.2 refused.'],
      [new Error('Refused.'), 'Refused.'],
      ['a bare string', 'a bare string.']
    ]
    for (const [thrown, text] of cases) {
      const client = syncClient(h.client, {
        before: (call) => {
          if (call.name === 'tree') throw thrown
        }
      })
      const error = await failure({ client })
      expect(error.kind).toBe('internal')
      expect(error.message).toBe(`The sync failed while reading the business unit tree (0/1): ${text} The cached estate is unchanged.`)
      expect(error.cause).toBe(thrown)
      expect(error.details).toStrictEqual({ phase: 'tree', done: 0, total: 1 })
    }
    expect(h.sim.stats.requests).toBe(0)
  })
})

describe('one sync at a time per cache', () => {
  it('refuses a second sync while one runs, with a conflict', async () => {
    const first = syncAccount({ client: h.client, cache: h.cache })
    const second = await syncAccount({ client: h.client, cache: h.cache }).catch((e: unknown) => e)
    expect(second).toBeInstanceOf(DeskError)
    expect(second).not.toBeInstanceOf(SyncError)
    expect((second as DeskError).toShape()).toStrictEqual({ kind: 'conflict', message: 'A sync of this account is already running.' })
    await first
    // Once it is done, the next one may run.
    await expect(syncAccount({ client: h.client, cache: h.cache })).resolves.toMatchObject({ counts: { bunits: 4, consumers: 7 } })
  })
})

describe('a unit deleted on the portal while the sync runs', () => {
  it('its consumers answer 404: a warning, and the unit has no consumers', async () => {
    h.sim.faults.failNext(1, 404, /^GET \/v1\/bunits\/25\/consumers$/)
    const result = await syncAccount({ client: h.client, cache: h.cache, concurrency: 1 })
    expect(result.warnings).toEqual(['Business unit 25 (Malmö Office (Acme)) disappeared during the sync.'])
    expect(result.counts).toEqual({ bunits: 4, consumers: 2, nodes: 2, proxyRelations: 0 })
    expect(h.cache.unit(25)).toMatchObject({ consumerCount: 0, registrationNumber: 'SE553282202801' })
  })

  it('its detail answers 404: a warning, and the unit keeps what its consumers told (no time zone)', async () => {
    h.sim.faults.failNext(1, 404, /^GET \/v1\/bunits\/24$/)
    const result = await syncAccount({ client: h.client, cache: h.cache, concurrency: 1 })
    expect(result.warnings).toEqual(['Business unit 24 (Production (Acme)) disappeared during the sync.'])
    expect(result.counts).toEqual({ bunits: 4, consumers: 7, nodes: 5, proxyRelations: 0 })
    expect(h.cache.unit(24)).toMatchObject({ registrationNumber: 'SE557665515301', note: 'Replaced disk, monitor closely.', timeZoneId: null, timeZoneName: null })
    expect(h.cache.unit(25)).toMatchObject({ timeZoneId: 4, timeZoneName: expect.any(String) })
  })
})
