/**
 * The sync's worker pool (src/main/sync/pool.ts): bounded concurrency, every item once, and what
 * happens on the first failure or a cancel. Tasks are gated by promises the test resolves, so
 * the interleaving is exact and nothing sleeps.
 */
import { describe, expect, it } from 'vitest'
import { runPool, runPoolFrom } from '../../../../src/main/sync/pool'

/** A promise with its resolve and reject at hand. */
function gate<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('runPool', () => {
  it('runs every item once, in order, with exactly `concurrency` tasks at a time', async () => {
    const started: number[] = []
    const gates = new Map<number, { resolve: () => void }>()
    let active = 0
    let maxActive = 0
    const run = runPool([0, 1, 2, 3, 4, 5, 6], 3, new AbortController(), async (item) => {
      started.push(item)
      active++
      maxActive = Math.max(maxActive, active)
      const g = gate()
      gates.set(item, g)
      await g.promise
      active--
    })
    await settle()
    expect(started).toEqual([0, 1, 2])
    gates.get(1)?.resolve()
    await settle()
    expect(started).toEqual([0, 1, 2, 3])
    for (let i = 0; i < 7; i++) {
      gates.get(i)?.resolve()
      await settle()
    }
    await run
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(maxActive).toBe(3)
  })

  it('uses one worker when asked for none, and is done at once with no items', async () => {
    const seen: string[] = []
    await runPool(['a', 'b'], 0, new AbortController(), async (item) => void seen.push(item))
    expect(seen).toEqual(['a', 'b'])
    await expect(runPool([], 4, new AbortController(), async () => undefined)).resolves.toBeUndefined()
  })

  it('on the first failure starts nothing more, aborts the signal with it, waits for the running tasks and rejects with it', async () => {
    const first = new Error('first')
    const controller = new AbortController()
    const started: number[] = []
    let slowSettled = false
    const slowAborted = gate()
    const run = runPool([0, 1, 2, 3, 4], 2, controller, async (item, signal) => {
      started.push(item)
      if (item === 0) {
        // Item 1 is running when this one fails; it ignores the abort and completes its work.
        signal.addEventListener('abort', () => slowAborted.resolve())
        await Promise.resolve()
        throw first
      }
      await slowAborted.promise
      await settle()
      slowSettled = true
    })
    await expect(run).rejects.toBe(first)
    expect(slowSettled).toBe(true)
    expect(started).toEqual([0, 1])
    expect(controller.signal.reason).toBe(first)
  })

  it('keeps the first failure when a running task fails after it', async () => {
    const first = new Error('first')
    const controller = new AbortController()
    const run = runPool([0, 1], 2, controller, async (item, signal) => {
      if (item === 0) {
        await Promise.resolve()
        throw first
      }
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('second, because of the abort'))))
    })
    await expect(run).rejects.toBe(first)
    expect(controller.signal.reason).toBe(first)
  })

  it('cancelled from outside: starts nothing more and rejects with the abort reason', async () => {
    const controller = new AbortController()
    const reason = new Error('cancelled by the user')
    const started: number[] = []
    const run = runPool([0, 1, 2, 3], 1, controller, async (item) => {
      started.push(item)
      controller.abort(reason) // the task itself completes normally
    })
    await expect(run).rejects.toBe(reason)
    expect(started).toEqual([0])
    await expect(runPool([0], 1, controller, async () => undefined)).rejects.toBe(reason)
  })

  it('cancelled from outside, then a running task fails: rejects with the task’s error', async () => {
    const controller = new AbortController()
    const reason = new Error('cancelled by the user')
    const taskError = new Error('the request was aborted')
    const run = runPool([0], 1, controller, async (_item, signal) => {
      controller.abort(reason)
      if (signal.aborted) throw taskError
    })
    await expect(run).rejects.toBe(taskError)
    expect(controller.signal.reason).toBe(reason)
  })
})

describe('runPoolFrom', () => {
  it('pulls items from the source one at a time until it says there are no more', async () => {
    const source = [10, 20, 30]
    const pulled: number[] = []
    const done: number[] = []
    await runPoolFrom(
      () => {
        const item = source.shift()
        if (item !== undefined) pulled.push(item)
        return item
      },
      2,
      new AbortController(),
      async (item) => {
        await settle()
        done.push(item)
      }
    )
    expect(pulled).toEqual([10, 20, 30])
    expect(done.sort()).toEqual([10, 20, 30])
  })

  it('a source that throws fails the pool like a task', async () => {
    const broken = new Error('paging failed')
    const controller = new AbortController()
    let calls = 0
    const run = runPoolFrom(
      () => {
        if (++calls === 2) throw broken
        return calls
      },
      1,
      controller,
      async () => undefined
    )
    await expect(run).rejects.toBe(broken)
    expect(calls).toBe(2)
    expect(controller.signal.reason).toBe(broken)
  })
})
