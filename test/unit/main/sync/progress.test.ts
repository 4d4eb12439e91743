/**
 * What a sync reports while it runs and what it records: progress events (phase, done/total,
 * ETA, request count, throttling), the crawl statistics kept with the snapshot, the order of its
 * calls, and the unit facts a first sync shows as soon as the consumers are listed.
 * The sync reads time from performance.now(), replaced here by a clock the test moves: each
 * portal call "takes" a fixed time, so every ETA and duration is exact.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Consumer } from '../../../../src/main/cloutility'
import { syncAccount, type SyncProgress } from '../../../../src/main/sync'
import { openHarness, REFERENCE_CALLS, syncClient, unitsInTreeOrder, type Call, type Harness } from './harness'

let h: Harness
let clock: number

beforeEach(async () => {
  // Seed 5: units 22 (root) > 23 > {24, 25}; 23 has one consumer, 24 one, 25 five (ids 400-406).
  h = await openHarness({ seed: 5, bunits: 4, consumers: 7 })
  clock = 1_000_000
  vi.spyOn(performance, 'now').mockImplementation(() => clock)
})
afterEach(async () => {
  vi.restoreAllMocks()
  await h.close()
})

/** Every call takes `ms` of the fake clock, except the consumer listings (which take none). */
function timed(ms: number) {
  return syncClient(h.client, { after: (call: Call) => void (call.name === 'consumers' ? undefined : (clock += ms)) })
}

/** The events of one phase: its start (ETA unknown), then one per step with the given ETAs. */
function phase(name: SyncProgress['phase'], total: number, requestsAtStart: number, steps: [done: number, eta: number][]): SyncProgress[] {
  return [
    { phase: name, done: 0, total, etaSeconds: null, requests: requestsAtStart },
    ...steps.map(([done, eta]) => ({ phase: name, done, total, etaSeconds: eta, requests: requestsAtStart + done }))
  ]
}

describe('progress events', () => {
  it('with no throttle: every step of every phase, the ETA from the rate so far, the requests so far', async () => {
    const events: SyncProgress[] = []
    const result = await syncAccount({ client: timed(250), cache: h.cache, concurrency: 1, progressIntervalMs: 0, onProgress: (p) => events.push(p) })
    // 4 units, 7 consumers: 1 tree + 7 reference + 4 listings + 4 unit details + 7 nodes = 23 calls.
    expect(events).toEqual([
      ...phase('tree', 1, 0, [[1, 0]]),
      // 250 ms per call: ETA = 0.25 s × calls left, rounded to 0.1 s.
      ...phase('reference', 7, 1, [[1, 1.5], [2, 1.3], [3, 1], [4, 0.8], [5, 0.5], [6, 0.3], [7, 0]]),
      // The listings take no time: the rate is 0 s per unit, and steps at the same instant are all reported.
      ...phase('consumers', 4, 8, [[1, 0], [2, 0], [3, 0], [4, 0]]),
      ...phase('nodes', 11, 12, [[1, 2.5], [2, 2.3], [3, 2], [4, 1.8], [5, 1.5], [6, 1.3], [7, 1], [8, 0.8], [9, 0.5], [10, 0.3], [11, 0]]),
      { phase: 'saving', done: 0, total: 1, etaSeconds: null, requests: 23 },
      { phase: 'saving', done: 1, total: 1, etaSeconds: 0, requests: 23 }
    ])
    // 4.75 s of fake time: tree, 7 reference calls and 11 node-phase calls at 250 ms each.
    expect(result.requests).toBe(23)
    expect(result.seconds).toBe(4.75)
    expect(h.cache.meta().lastSyncStats).toStrictEqual({ requests: 23, crawlSeconds: 4.75, concurrency: 1 })
  })

  it('throttled: a phase’s start and end always, steps in between at most once per interval', async () => {
    const events: SyncProgress[] = []
    await syncAccount({ client: timed(250), cache: h.cache, concurrency: 1, progressIntervalMs: 600, onProgress: (p) => events.push(p) })
    expect(events.map((e) => `${e.phase} ${e.done}/${e.total}`)).toEqual([
      'tree 0/1',
      'tree 1/1',
      // Steps every 250 ms: the one 750 ms after the last event is the first to go out.
      'reference 0/7',
      'reference 3/7',
      'reference 6/7',
      'reference 7/7',
      'consumers 0/4',
      'consumers 4/4',
      'nodes 0/11',
      'nodes 3/11',
      'nodes 6/11',
      'nodes 9/11',
      'nodes 11/11',
      'saving 0/1',
      'saving 1/1'
    ])
  })

  it('throttles to one event per 100 ms by default', async () => {
    const events: SyncProgress[] = []
    await syncAccount({ client: timed(40), cache: h.cache, concurrency: 1, onProgress: (p) => events.push(p) })
    expect(events.filter((e) => e.phase === 'reference').map((e) => e.done)).toEqual([0, 3, 6, 7])
  })

  it('a progress listener that throws does not stop the sync', async () => {
    let calls = 0
    const result = await syncAccount({
      client: timed(1),
      cache: h.cache,
      progressIntervalMs: 0,
      onProgress: () => {
        calls++
        throw new Error('listener bug')
      }
    })
    expect(calls).toBe(29) // every event was offered, each one threw
    expect(result.counts).toEqual({ bunits: 4, consumers: 7, nodes: 5, proxyRelations: 0 })
  })
})

describe('the order of the calls', () => {
  it('tree, reference lists, each unit’s consumers, each unit’s detail, then the nodes in the order the consumers were stored', async () => {
    const units = unitsInTreeOrder(h.sim)
    expect(units.map((u) => u.id)).toEqual([22, 23, 24, 25])
    const first: string[] = []
    await syncAccount({ client: syncClient(h.client, {}, first), cache: h.cache, concurrency: 1 })
    expect(first).toEqual([
      'tree',
      ...REFERENCE_CALLS,
      ...units.map((u) => `consumers ${u.id}`),
      ...[...units].reverse().map((u) => `unit ${u.id}`),
      // A first sync stores straight into the live table, keyed by consumer id.
      ...[400, 401, 402, 403, 404, 405, 406].map((id) => `node ${id}`)
    ])

    // A later sync stages in listing order: a consumer added to unit 23 comes right after 400.
    const added = await h.client.consumers.create(23, { name: 'late-addition' })
    const second: string[] = []
    await syncAccount({ client: syncClient(h.client, {}, second), cache: h.cache, concurrency: 1 })
    expect(second.filter((c) => c.startsWith('node '))).toEqual([400, added.id, 401, 402, 403, 404, 405, 406].map((id) => `node ${id}`))
  })
})

describe('unit facts from the consumer listings', () => {
  it('a first sync shows each unit’s registration number as soon as its consumers are listed, from the first consumer that carries it', async () => {
    // The portal's answers edited: the first consumer of each unit embeds no unit, the second a
    // foreign unit; only from the third on is the unit's own record embedded.
    const client = syncClient(h.client, {
      after: (call, answer) => {
        if (call.name !== 'consumers') return undefined
        return (answer as Consumer[]).map((c, i) => {
          if (i === 0) return { ...c, businessUnit: undefined }
          if (i === 1) return { ...c, businessUnit: { id: 999, name: 'Elsewhere', registrationNumber: 'FOREIGN', note: 'foreign' } }
          return c
        })
      }
    })
    let atListed: Record<string, unknown> = {}
    const facts = () =>
      Object.fromEntries(
        [22, 23, 24, 25].map((id) => {
          const unit = h.cache.unit(id)
          return [id, unit ? [unit.registrationNumber, unit.note] : 'missing']
        })
      )
    await syncAccount({
      client,
      cache: h.cache,
      concurrency: 1,
      onConsumersListed: () => {
        atListed = facts()
      }
    })
    // Only unit 25 has a third consumer; the tree alone carries no registration numbers.
    expect(atListed).toEqual({ 22: [null, null], 23: [null, null], 24: [null, null], 25: ['SE553282202801', null] })
    // The units' own details fill in the rest.
    expect(facts()).toEqual({
      22: ['SE556000000001', null],
      23: ['SE556608609301', null],
      24: ['SE557665515301', 'Replaced disk, monitor closely.'],
      25: ['SE553282202801', null]
    })
  })

  it('takes them from the first consumer when every consumer carries its unit', async () => {
    let atListed: (string | null | undefined)[] = []
    await syncAccount({
      client: h.client,
      cache: h.cache,
      onConsumersListed: () => {
        atListed = [22, 23, 24, 25].map((id) => h.cache.unit(id)?.registrationNumber)
      }
    })
    expect(atListed).toEqual([null, 'SE556608609301', 'SE557665515301', 'SE553282202801'])
  })
})
