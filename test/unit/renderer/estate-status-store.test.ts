// @vitest-environment node
// (No DOM needed, and happy-dom's fetch would override the Origin header that main must send.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setBridge } from '../../../src/renderer/src/api/client'
import { useAccountsStore } from '../../../src/renderer/src/stores/accounts'
import { useEstateStatusStore } from '../../../src/renderer/src/stores/estate-status'
import { useNavigationStore } from '../../../src/renderer/src/stores/navigation'
import { useWriteGuard } from '../../../src/renderer/src/composables/write-guard'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { inProcessDesk, type InProcessDesk } from '../../helpers/in-process-bridge'

/**
 * The stores against the app's real main-process core (in this process) and two simulated
 * portals: what they mirror comes from real calls and real push events.
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

beforeEach(async () => {
  setActivePinia(createPinia())
  sims = await Promise.all([1, 2].map((seed) => startSimulator({ port: 0, seed, bunits: 4, consumers: 10 })))
  desk = await inProcessDesk()
  ids = { a: await addAccount(sims[0]!, 'Alpha'), b: await addAccount(sims[1]!, 'Bravo') }
  await desk.core.handlers.setActiveAccount({ accountId: ids.a })
  setBridge(desk.bridge)
  await useAccountsStore().load()
})

afterEach(async () => {
  setBridge(null)
  await desk.close()
  await Promise.all(sims.map((sim) => sim.close().catch(() => undefined)))
})

/** Makes main notice that account a's portal is gone, as any portal call would. */
async function takeAlphaOffline(): Promise<void> {
  await sims[0]!.close()
  await desk.core.handlers.getAuditLog({ accountId: ids.a, bunitId: 1, offset: 0, limit: 10, orderDesc: true, includeDescendants: false }).catch(() => undefined)
}

describe('estate status store', () => {
  it('loads every account and follows estateChanged when a portal goes away', async () => {
    const store = useEstateStatusStore()
    store.start()
    await vi.waitFor(() => expect(Object.keys(store.statuses).sort()).toEqual([ids.a, ids.b].sort()), { timeout: 5000 })
    await vi.waitFor(() => expect(store.statuses[ids.a]?.hasSnapshot).toBe(true))
    const before = store.revision(ids.a)
    await takeAlphaOffline()
    await vi.waitFor(() => expect(store.statuses[ids.a]?.online).toBe(false))
    expect(store.revision(ids.a)).toBeGreaterThan(before)
    const accounts = useAccountsStore()
    expect(store.isOffline(accounts.accounts.find((a) => a.id === ids.a)!)).toBe(true)
    expect(store.isOffline(accounts.accounts.find((a) => a.id === ids.b)!)).toBe(false)
  })

  it('is syncing from "Sync now" until the sync ends', async () => {
    const store = useEstateStatusStore()
    store.start()
    await vi.waitFor(() => expect(store.statuses[ids.a]?.syncing).toBe(false))
    const phases: string[] = []
    const stop = desk.core.events.onAny((name, payload) => {
      if (name === 'syncProgress') phases.push((payload as { phase: string }).phase)
    })
    const started = store.sync(ids.a)
    expect(store.isSyncing(ids.a)).toBe(true)
    await started
    await vi.waitFor(() => expect(store.progress[ids.a]?.phase).toBe('done'))
    stop()
    expect(store.isSyncing(ids.a)).toBe(false)
    expect(store.isSyncing(ids.b)).toBe(false)
    expect(phases).toContain('nodes')
  })

  it('gives the write guard its reason', async () => {
    const store = useEstateStatusStore()
    store.start()
    await vi.waitFor(() => expect(store.statuses[ids.a]?.hasSnapshot).toBe(true))
    const guard = useWriteGuard()
    expect(guard.disabled.value).toBe(false)
    await takeAlphaOffline()
    await vi.waitFor(() => expect(guard.disabled.value).toBe(true))
    expect(guard.reason.value).toMatch(/^Offline: Alpha cannot be reached/)
    expect(useWriteGuard(ids.b).reason.value).toBeNull()
  })
})

describe('navigation store', () => {
  it('opens an item of another account by switching to it, with a back step', async () => {
    const nav = useNavigationStore()
    expect(nav.routeFor(ids.b)).toEqual({ name: 'home' })
    nav.openConsumer(ids.b, 3, 9)
    await vi.waitFor(() => expect(useAccountsStore().state.activeAccountId).toBe(ids.b))
    expect(nav.routeFor(ids.b)).toEqual({ name: 'consumer', bunitId: 3, consumerId: 9 })
    expect(nav.canGoBack(ids.b)).toBe(true)
    nav.back(ids.b)
    expect(nav.routeFor(ids.b)).toEqual({ name: 'home' })
  })
})
