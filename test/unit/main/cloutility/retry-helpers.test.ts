/**
 * Retry-After parsing, and the two waits every call goes through (backoff sleep, waiting on a
 * shared sign-in): exact on a fake clock, and an abort after the wait is over must not reach back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { abortable, parseRetryAfter, sleep } from '../../../../src/main/cloutility/retry'
import { useFakeClock } from './harness'

const NOW = Date.parse('2024-01-01T00:00:00Z')

describe('parseRetryAfter', () => {
  it('reads delta-seconds with blanks around them and with decimals', () => {
    expect(parseRetryAfter(' 3 ', NOW)).toBe(3)
    expect(parseRetryAfter('1.5', NOW)).toBe(1.5)
    expect(parseRetryAfter('1.25', NOW)).toBe(1.25)
  })

  it('a date whose zone is numeric ends in digits and is still read as a date', () => {
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 +0000', NOW)).toBe(10)
  })

  it('a number followed by words is neither seconds nor a date', () => {
    expect(parseRetryAfter('10 s', NOW)).toBeUndefined()
    expect(parseRetryAfter('   ', NOW)).toBeUndefined()
  })
})

describe('sleep and abortable', () => {
  beforeEach(() => useFakeClock())
  afterEach(() => vi.useRealTimers())

  const cancelled = (): Error => new Error('cancelled')

  it('sleep resolves after exactly ms', async () => {
    let done = false
    void sleep(1000, new AbortController().signal, cancelled).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
  })

  it('sleep with an already aborted signal rejects at once', async () => {
    const onAbort = vi.fn(cancelled)
    const slept = sleep(1000, AbortSignal.abort(), onAbort)
    await expect(slept).rejects.toThrow('cancelled')
    expect(onAbort).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('an abort after the sleep is over does nothing', async () => {
    const controller = new AbortController()
    const onAbort = vi.fn(cancelled)
    const slept = sleep(100, controller.signal, onAbort)
    await vi.advanceTimersByTimeAsync(100)
    await slept
    controller.abort()
    expect(onAbort).not.toHaveBeenCalled()
  })

  it('abortable with an already aborted signal rejects without waiting for the promise', async () => {
    const onAbort = vi.fn(cancelled)
    await expect(abortable(Promise.resolve('token'), AbortSignal.abort(), onAbort)).rejects.toThrow('cancelled')
    expect(onAbort).toHaveBeenCalledTimes(1)
  })

  it('once the shared promise has settled, a later abort does nothing', async () => {
    const controller = new AbortController()
    const onAbort = vi.fn(cancelled)
    await expect(abortable(Promise.resolve('token'), controller.signal, onAbort)).resolves.toBe('token')
    await expect(abortable(Promise.reject(new Error('refused')), controller.signal, onAbort)).rejects.toThrow('refused')
    controller.abort()
    expect(onAbort).not.toHaveBeenCalled()
  })

  it('an abort while waiting rejects this caller only', async () => {
    const controller = new AbortController()
    let release: (v: string) => void = () => undefined
    const shared = new Promise<string>((resolve) => (release = resolve))
    const mine = abortable(shared, controller.signal, cancelled)
    const other = abortable(shared, new AbortController().signal, cancelled)
    controller.abort()
    await expect(mine).rejects.toThrow('cancelled')
    release('token')
    await expect(other).resolves.toBe('token')
  })
})
