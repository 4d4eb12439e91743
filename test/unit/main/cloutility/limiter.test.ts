/** The portal limiter (issue 14): AIMD window, one cut per episode, ceiling, abort, fair queue. */
import { describe, expect, it } from 'vitest'
import { AdaptiveLimiter } from '../../../../src/main/cloutility/limiter'

function fakeClock(start = 1_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe('AdaptiveLimiter', () => {
  it('never lets more than the limit run and hands slots out in arrival order', async () => {
    const limiter = new AdaptiveLimiter(2, fakeClock())
    const order: number[] = []
    const a = await limiter.acquire()
    const b = await limiter.acquire()
    const third = limiter.acquire().then((t) => (order.push(3), t))
    const fourth = limiter.acquire().then((t) => (order.push(4), t))
    await Promise.resolve()
    expect(limiter.inFlight).toBe(2)
    expect(limiter.queued).toBe(2)
    limiter.release(a, 200)
    const c = await third
    expect(limiter.inFlight).toBe(2)
    limiter.release(b, 200)
    const d = await fourth
    expect(order).toEqual([3, 4])
    limiter.release(c, 200)
    limiter.release(d, 200)
    expect(limiter.inFlight).toBe(0)
    expect(limiter.stats.maxActive).toBe(2)
  })

  it('halves the window once per episode on 429 and climbs back by successes', async () => {
    const clock = fakeClock()
    const limiter = new AdaptiveLimiter(8, clock)
    const tickets = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()))
    // Eight 429s for calls that were all in flight: one congestion signal, one cut.
    for (const t of tickets) limiter.release(t, 429, 1)
    expect(limiter.limit).toBe(4)
    expect(limiter.stats.cuts).toBe(1)
    expect(limiter.stats.pushbacks).toBe(8)

    // Within Retry-After, a 429 of a call started after the cut is still the same episode.
    const early = await limiter.acquire()
    limiter.release(early, 429, 1)
    expect(limiter.limit).toBe(4)
    // After Retry-After, a new 429 is a new episode.
    clock.advance(1000)
    const late = await limiter.acquire()
    limiter.release(late, 429, 1)
    expect(limiter.limit).toBe(2)

    // Additive increase: one per window's worth of successes, up to the ceiling and no further.
    for (let i = 0; i < 200; i++) limiter.release(await limiter.acquire(), 200)
    expect(limiter.limit).toBe(8)
  })

  it('503 counts as pushback, other 5xx and lost answers do not change the window', async () => {
    const limiter = new AdaptiveLimiter(8, fakeClock())
    limiter.release(await limiter.acquire(), 500)
    limiter.release(await limiter.acquire(), null)
    expect(limiter.limit).toBe(8)
    limiter.release(await limiter.acquire(), 503)
    expect(limiter.limit).toBe(4)
  })

  it('never drops below one call in flight', async () => {
    const clock = fakeClock()
    const limiter = new AdaptiveLimiter(4, clock)
    for (let i = 0; i < 10; i++) {
      limiter.release(await limiter.acquire(), 429, 1)
      clock.advance(1001)
    }
    expect(limiter.limit).toBe(1)
    const one = await limiter.acquire()
    let second = false
    void limiter.acquire().then(() => (second = true))
    await Promise.resolve()
    expect(second).toBe(false)
    limiter.release(one, 200)
    await Promise.resolve()
    expect(second).toBe(true)
  })

  it('clamps the ceiling to 1..16 and follows a lower ceiling at once', async () => {
    expect(new AdaptiveLimiter(64).ceiling).toBe(16)
    expect(new AdaptiveLimiter(0).ceiling).toBe(1)
    const limiter = new AdaptiveLimiter(8, fakeClock())
    limiter.setCeiling(3)
    expect(limiter.limit).toBe(3)
    limiter.setCeiling(40)
    expect(limiter.limit).toBe(3) // grows back by successes, not by decree
    for (let i = 0; i < 200; i++) limiter.release(await limiter.acquire(), 200)
    expect(limiter.limit).toBe(16)
  })

  it('a waiting caller whose signal aborts leaves the queue with the given error', async () => {
    const limiter = new AdaptiveLimiter(1, fakeClock())
    const held = await limiter.acquire()
    const controller = new AbortController()
    const waiting = limiter.acquire(controller.signal, () => new Error('gave up'))
    controller.abort()
    await expect(waiting).rejects.toThrow('gave up')
    expect(limiter.queued).toBe(0)
    limiter.release(held, 200)
    expect(limiter.inFlight).toBe(0)
  })
})
