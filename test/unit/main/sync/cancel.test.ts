/**
 * Cancelling a sync: the error it rejects with in each phase, no portal request after the
 * cancel (every call gets the sync's signal), and a crawl signal that hundreds of waiting tasks
 * listen on without Node's listener-leak warning.
 */
import { getEventListeners } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import { syncAccount, SyncError, type SyncOptions } from '../../../../src/main/sync'
import { openHarness, syncClient, type CallName, type Harness } from './harness'

let h: Harness

beforeEach(async () => {
  // Seed 5: units 22 (root) > 23 > {24, 25}; 23 has one consumer, 24 one, 25 five.
  h = await openHarness({ seed: 5, bunits: 4, consumers: 7 })
})
afterEach(async () => {
  await h.close()
})

async function cancelled(options: Partial<SyncOptions>): Promise<SyncError> {
  const error: unknown = await syncAccount({ client: syncClient(h.client), cache: h.cache, concurrency: 1, ...options }).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(SyncError)
  expect((error as SyncError).kind).toBe('cancelled')
  return error as SyncError
}

/** Runs `fn` after `hops` turns of the microtask queue. */
function afterMicrotasks(hops: number, fn: () => void): void {
  if (hops === 0) fn()
  else queueMicrotask(() => afterMicrotasks(hops - 1, fn))
}

const unchanged = (words: string) => `The sync was cancelled while ${words}; the cached estate is unchanged.`
/** The sync's own reason for stopping its crawl when the caller cancels. */
const OWN_REASON = { kind: 'cancelled', message: 'The sync was cancelled.' }
/** The client's error for a call cancelled before it was sent. */
const clientCancelled = (method: string, path: string) => ({ kind: 'cancelled', message: 'The request was cancelled.', details: { method, path } })

describe('a cancelled sync', () => {
  it('before it starts: nothing is asked of the portal', async () => {
    const signal = AbortSignal.abort()
    const error = await cancelled({ signal })
    expect(error.phase).toBe('tree')
    expect(error.message).toBe('The sync was cancelled before it started.')
    expect(error.details).toStrictEqual({ phase: 'tree' })
    expect(error.cause).toBe(signal.reason)
    expect(h.sim.stats.requests).toBe(0)
    // It did not hold the cache: a sync may start right after.
    await expect(syncAccount({ client: h.client, cache: h.cache })).resolves.toMatchObject({ counts: { consumers: 7 } })
  })

  it('while reading the tree', async () => {
    const controller = new AbortController()
    const client = syncClient(h.client, { before: (call) => void (call.name === 'tree' && controller.abort()) })
    const error = await cancelled({ client, signal: controller.signal })
    expect(error.phase).toBe('tree')
    expect(error.message).toBe(unchanged('reading the business unit tree'))
    expect(error.details).toStrictEqual({ phase: 'tree', done: 0, total: 1, cause: clientCancelled('POST', 'oauth') }) // the first call signs in
  })

  it('while reading the reference lists', async () => {
    const controller = new AbortController()
    const client = syncClient(h.client, { before: (call) => void (call.name === 'nodeTypes' && controller.abort()) })
    const error = await cancelled({ client, signal: controller.signal })
    expect(error.message).toBe(unchanged('reading the reference lists'))
    // The cause is the call's own error (it failed first), not the sync's reason for stopping.
    expect(error.details).toStrictEqual({ phase: 'reference', done: 2, total: 7, cause: clientCancelled('GET', 'nodetypes') })
  })

  it('while listing consumers: the sync stops its crawl with its own reason', async () => {
    const controller = new AbortController()
    const error = await cancelled({
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => void (p.phase === 'consumers' && p.done === 1 && controller.abort())
    })
    expect(error.message).toBe(unchanged('listing consumers'))
    expect(error.details).toStrictEqual({ phase: 'consumers', done: 1, total: 4, cause: OWN_REASON })
    expect(error.cause).toBeInstanceOf(DeskError)
  })

  it('after the last node: the snapshot is not saved', async () => {
    const controller = new AbortController()
    const error = await cancelled({
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => void (p.phase === 'nodes' && p.done === p.total && controller.abort())
    })
    expect(error.message).toBe(unchanged('reading nodes'))
    expect(error.details).toStrictEqual({ phase: 'nodes', done: 11, total: 11, cause: OWN_REASON })
    expect(h.cache.meta().lastSyncedAt).toBeNull()
  })
})

describe('the caller’s signal', () => {
  it('has the sync’s listener only while the sync runs, whether it succeeds or fails', async () => {
    const controller = new AbortController()
    const during: number[] = []
    const onProgress = () => void during.push(getEventListeners(controller.signal, 'abort').length)
    await syncAccount({ client: h.client, cache: h.cache, signal: controller.signal, onProgress })
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    h.sim.faults.failNext(1, 500, /^GET \/v1\/bunits$/)
    await expect(syncAccount({ client: h.client, cache: h.cache, signal: controller.signal, onProgress })).rejects.toBeInstanceOf(SyncError)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    expect(new Set(during)).toEqual(new Set([1]))
  })

  it('cancelled as the node phase ends, before the save begins: nothing is saved', async () => {
    // The cancel lands a growing number of microtasks after the last node: one of them falls
    // between the end of the node pool and the save, which must not begin once cancelled.
    const outcomes: string[] = []
    for (let hops = 0; hops < 12; hops++) {
      const controller = new AbortController()
      let savedWhileCancelled = false
      const outcome = await syncAccount({
        client: syncClient(h.client),
        cache: h.cache,
        concurrency: 1,
        signal: controller.signal,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.phase === 'nodes' && p.done === p.total) afterMicrotasks(hops, () => controller.abort())
          if (p.phase === 'saving' && controller.signal.aborted) savedWhileCancelled = true
        }
      }).then(
        () => 'saved',
        (e: SyncError) => `${e.kind} ${e.phase} ${e.details?.done}/${e.details?.total}`
      )
      expect(savedWhileCancelled).toBe(false)
      outcomes.push(outcome)
    }
    // Early cancels stop the sync after its last node, late ones come after the save: both were tried.
    const cancelledRuns = outcomes.indexOf('saved')
    expect(cancelledRuns).toBeGreaterThan(0)
    expect(outcomes).toEqual([...Array<string>(cancelledRuns).fill('cancelled nodes 11/11'), ...Array<string>(12 - cancelledRuns).fill('saved')])
  })
})

describe('every call gets the sync’s signal', () => {
  const calls: CallName[] = ['tree', 'timeZones', 'operatingSystems', 'nodeTypes', 'server', 'domains', 'optionSets', 'version', 'consumers', 'unit', 'node']

  it.each(calls)('cancelled just before the first %s call: no request reaches the portal after the cancel', async (name) => {
    const controller = new AbortController()
    let atCancel = -1
    const client = syncClient(h.client, {
      before: (call) => {
        if (call.name !== name || controller.signal.aborted) return
        atCancel = h.sim.stats.requests
        controller.abort()
      }
    })
    await cancelled({ client, signal: controller.signal })
    expect(atCancel).toBeGreaterThanOrEqual(0)
    expect(h.sim.stats.requests).toBe(atCancel)
  })
})

describe('the crawl’s signal', () => {
  it('takes a listener from each of the hundreds of tasks a wide sync runs, without a listener-leak warning', async () => {
    await h.close()
    h = await openHarness({ seed: 7, bunits: 20, consumers: 300 })
    h.sim.faults.latencyMs = 2 // answers take long enough for the limiter's slots to fill
    const warnings: string[] = []
    const onWarning = (w: Error) => void warnings.push(`${w.name}: ${w.message}`)
    process.on('warning', onWarning)
    try {
      // 16 calls in flight on the shared limiter, 256 pool tasks: the rest wait for a slot.
      const result = await syncAccount({ client: h.client, cache: h.cache, concurrency: 16 })
      expect(result.counts.consumers).toBe(300)
      await new Promise((resolve) => setImmediate(resolve)) // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).toEqual([])
    expect(h.sim.stats.maxInFlight).toBeLessThanOrEqual(16)
  })
})
