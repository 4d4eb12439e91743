// @vitest-environment node
// (No DOM needed, and happy-dom's fetch would override the Origin header that main must send.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { isProxy } from 'vue'
import { setBridge } from '../../../src/renderer/src/api/client'
import { useAccountsStore } from '../../../src/renderer/src/stores/accounts'
import { useHealthStore } from '../../../src/renderer/src/stores/health'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { inProcessDesk, type InProcessDesk } from '../../helpers/in-process-bridge'

/**
 * The health store against the app's real main-process core (in this process) and two simulated
 * portals: what it mirrors comes from real calls and real push events.
 */
let desk: InProcessDesk
let sims: RunningSimulator[]
let ids: { a: string; b: string }

async function addAccount(sim: RunningSimulator, displayName: string): Promise<string> {
  const added = await desk.core.handlers.addAccount({
    apiUrl: sim.apiUrl,
    clientId: 'desk-demo',
    origin: 'http://localhost',
    username: 'demo@example.com',
    password: 'demo',
    displayName,
    color: '#123456',
    label: '',
    secretMode: 'session'
  })
  return added.id
}

/** Plants a failure on the first consumer with an activated node; returns its id. */
function plantFailure(sim: RunningSimulator): number {
  for (const id of sim.state.consumers.keys()) {
    try {
      return sim.setHealth({ consumerId: id, status: 'failed', days: 2 }).consumerId
    } catch {
      // No such consumer, or no activated node: try the next.
    }
  }
  throw new Error('no consumer with an activated node')
}

beforeEach(async () => {
  setActivePinia(createPinia())
  sims = await Promise.all([1, 2].map((seed) => startSimulator({ port: 0, seed, bunits: 4, consumers: 10 })))
  desk = await inProcessDesk()
  ids = { a: await addAccount(sims[0]!, 'Alpha'), b: await addAccount(sims[1]!, 'Bravo') }
  setBridge(desk.bridge)
  await useAccountsStore().load()
})

afterEach(async () => {
  setBridge(null)
  await desk.close()
  await Promise.all(sims.map((sim) => sim.close().catch(() => undefined)))
})

describe('health store', () => {
  it('mirrors every account and follows a refresh from start to end', async () => {
    const failedId = plantFailure(sims[0]!)
    const store = useHealthStore()
    store.start()
    await vi.waitFor(() => expect(store.overview?.accounts.map((a) => a.accountName).sort()).toEqual(['Alpha', 'Bravo']), { timeout: 5000 })

    const events: string[] = []
    const stop = desk.core.events.onAny((name) => {
      if (name === 'healthChanged' || name === 'healthProgress') events.push(name)
    })
    // A refresh may already run after the first sync: wait until none does, then ask for one.
    await vi.waitFor(() => expect(store.isRefreshing(ids.a)).toBe(false), { timeout: 20_000 })
    const asked = store.refresh(ids.a)
    expect(store.isRefreshing(ids.a)).toBe(true)
    await asked
    await vi.waitFor(() => expect(store.summary(ids.a)?.refreshedAt).not.toBeNull(), { timeout: 20_000 })
    await vi.waitFor(() => expect(store.isRefreshing(ids.a)).toBe(false), { timeout: 20_000 })
    stop()
    expect(events).toContain('healthChanged')
    expect(events).toContain('healthProgress')

    const failed = store.overview!.problems.find((p) => p.accountId === ids.a && p.consumerId === failedId)
    expect(failed?.state).toBe('failed')
    expect(store.revision(ids.a)).toBeGreaterThan(0)
    // Rows are plain objects: no reactive proxies over thousands of them.
    expect(isProxy(store.overview!.problems)).toBe(false)
    expect(isProxy(store.overview!.problems[0])).toBe(false)
  })

  it('reads once more, not once per event, when events arrive during a read', async () => {
    const store = useHealthStore()
    const spy = vi.spyOn(desk.bridge, 'getHealth')
    await Promise.all([store.load(), store.load(), store.load(), store.load()])
    // The first read, then one more for the three that came while it ran.
    expect(spy).toHaveBeenCalledTimes(2)
    spy.mockRestore()
  })

  it('cancels a running refresh and keeps the previous health, saying why', async () => {
    const store = useHealthStore()
    store.start()
    await vi.waitFor(() => expect(store.summary(ids.a)).not.toBeNull(), { timeout: 5000 })
    await vi.waitFor(() => expect(store.isRefreshing(ids.a)).toBe(false), { timeout: 20_000 })
    const before = store.summary(ids.a)!.refreshedAt
    // Slow answers, so the refresh is still running when the cancel arrives.
    sims[0]!.faults.latencyMs = 500
    await store.refresh(ids.a)
    await vi.waitFor(() => expect(store.progress[ids.a]?.phase).toBe('reports'), { timeout: 10_000 })
    await store.cancel(ids.a)
    await vi.waitFor(() => expect(store.progress[ids.a]?.phase).toBe('cancelled'), { timeout: 20_000 })
    await vi.waitFor(() => expect(store.summary(ids.a)?.lastError).toMatch(/cancelled/), { timeout: 10_000 })
    expect(store.isRefreshing(ids.a)).toBe(false)
    expect(store.summary(ids.a)!.refreshedAt).toBe(before)
  })

  it('keeps the interval setting and says why a refresh of an unreachable portal failed', async () => {
    const store = useHealthStore()
    store.start()
    await vi.waitFor(() => expect(store.summary(ids.b)).not.toBeNull(), { timeout: 5000 })
    await store.setInterval(ids.b, 15)
    await vi.waitFor(() => expect(store.summary(ids.b)?.intervalMinutes).toBe(15))
    await store.setInterval(ids.b, 5000)
    expect(store.actionErrors[ids.b]).toMatch(/1440/)

    await vi.waitFor(() => expect(store.isRefreshing(ids.b)).toBe(false), { timeout: 20_000 })
    await sims[1]!.close()
    await store.refresh(ids.b)
    await vi.waitFor(() => expect(store.summary(ids.b)?.lastError ?? store.actionErrors[ids.b]).toBeTruthy(), { timeout: 20_000 })
    expect(store.isRefreshing(ids.b)).toBe(false)
  })
})
