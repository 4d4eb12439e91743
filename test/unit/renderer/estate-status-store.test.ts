import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { setBridge } from '../../../src/renderer/src/api/client'
import { useAccountsStore } from '../../../src/renderer/src/stores/accounts'
import { useEstateStatusStore } from '../../../src/renderer/src/stores/estate-status'
import { useNavigationStore } from '../../../src/renderer/src/stores/navigation'
import { useWriteGuard } from '../../../src/renderer/src/composables/write-guard'
import type { DeskBridge } from '../../../src/shared/ipc/contract'
import type { EstateStatus, SyncProgress } from '../../../src/shared/ipc/estate-models'
import type { AccountsState, AccountView } from '../../../src/shared/ipc/models'

const account = (id: string, status: AccountView['status'] = 'signed-in'): AccountView => ({
  id,
  displayName: id.toUpperCase(),
  apiUrl: 'https://p.example.com/v1/',
  clientId: 'c',
  origin: 'https://s.example.com',
  username: 'u',
  color: '#123456',
  label: '',
  secretMode: 'keychain',
  status,
  isDemo: false
})

const estate = (accountId: string, patch: Partial<EstateStatus> = {}): EstateStatus => ({
  accountId,
  hasSnapshot: true,
  syncedAt: '2026-01-15T12:03:00Z',
  portalVersion: '1.0',
  counts: { bunits: 1, consumers: 2, nodes: 3 },
  lastDiff: null,
  syncing: false,
  lastError: null,
  online: true,
  problems: [],
  ...patch
})

/** A bridge whose calls are recorded and whose events the test fires. */
function fakeBridge(state: AccountsState) {
  const calls: { method: string; input: unknown }[] = []
  const listeners: Record<string, ((payload: unknown) => void)[]> = {}
  const answers: Record<string, (input: never) => unknown> = {
    listAccounts: () => state,
    getEstateStatus: (input: { accountId: string }) => estate(input.accountId),
    startSync: () => null,
    cancelSync: () => null,
    setActiveAccount: (input: { accountId: string }) => {
      state.activeAccountId = input.accountId
      fire('accountsChanged', { ...state })
      return null
    }
  }
  function fire(event: string, payload: unknown): void {
    for (const l of listeners[event] ?? []) l(payload)
  }
  const bridge = new Proxy(
    {},
    {
      get(_t, name: string) {
        if (name.startsWith('on')) {
          const event = name.charAt(2).toLowerCase() + name.slice(3)
          return (listener: (payload: unknown) => void) => {
            ;(listeners[event] ??= []).push(listener)
            return () => undefined
          }
        }
        return async (input: unknown) => {
          calls.push({ method: name, input })
          const answer = answers[name]
          return answer ? { ok: true, value: answer(input as never) } : { ok: false, error: { kind: 'internal', message: `no ${name}` } }
        }
      }
    }
  ) as DeskBridge
  return { bridge, calls, fire }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve()
    await nextTick()
  }
}

describe('estate status store', () => {
  let fake: ReturnType<typeof fakeBridge>
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = fakeBridge({ revision: 0, accounts: [account('a'), account('b')], activeAccountId: 'a', keychain: { available: true }, problems: [] })
    setBridge(fake.bridge)
    await useAccountsStore().load()
  })
  afterEach(() => setBridge(null))

  it('loads every account once and follows estateChanged', async () => {
    const store = useEstateStatusStore()
    store.start()
    await flush()
    expect(fake.calls.filter((c) => c.method === 'getEstateStatus').map((c) => c.input)).toEqual([{ accountId: 'a' }, { accountId: 'b' }])
    expect(store.revision('a')).toBe(0)
    fake.fire('estateChanged', estate('a', { online: false }))
    expect(store.statuses.a?.online).toBe(false)
    expect(store.revision('a')).toBe(1)
    expect(store.isOffline(account('a'))).toBe(true)
    expect(store.isOffline(account('b'))).toBe(false)
    expect(store.isOffline(account('b', 'offline'))).toBe(true)
  })

  it('is syncing from "Sync now" until a final phase arrives', async () => {
    const store = useEstateStatusStore()
    store.start()
    await flush()
    const done = store.sync('a')
    expect(store.isSyncing('a')).toBe(true)
    await done
    expect(fake.calls.some((c) => c.method === 'startSync')).toBe(true)
    const p = (phase: SyncProgress['phase']): SyncProgress => ({ accountId: 'a', phase, done: 1, total: 4, etaSeconds: 3 })
    fake.fire('syncProgress', p('consumers'))
    expect(store.isSyncing('a')).toBe(true)
    expect(store.progress.a?.phase).toBe('consumers')
    fake.fire('syncProgress', p('cancelled'))
    expect(store.isSyncing('a')).toBe(false)
    expect(store.isSyncing('b')).toBe(false)
  })

  it('gives the write guard its reason', async () => {
    const store = useEstateStatusStore()
    store.start()
    await flush()
    const guard = useWriteGuard()
    expect(guard.disabled.value).toBe(false)
    fake.fire('estateChanged', estate('a', { online: false }))
    expect(guard.disabled.value).toBe(true)
    expect(guard.reason.value).toMatch(/^Offline: A cannot be reached/)
    expect(useWriteGuard('b').reason.value).toBeNull()
  })
})

describe('navigation store', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    setBridge(fakeBridge({ revision: 0, accounts: [account('a'), account('b')], activeAccountId: 'a', keychain: { available: true }, problems: [] }).bridge)
    await useAccountsStore().load()
  })
  afterEach(() => setBridge(null))

  it('opens an item of another account by switching to it, with a back step', async () => {
    const nav = useNavigationStore()
    expect(nav.routeFor('b')).toEqual({ name: 'home' })
    nav.openConsumer('b', 3, 9)
    await flush()
    expect(useAccountsStore().state.activeAccountId).toBe('b')
    expect(nav.routeFor('b')).toEqual({ name: 'consumer', bunitId: 3, consumerId: 9 })
    expect(nav.unitOnScreen('b')).toEqual({ bunitId: 3, includeDescendants: false })
    nav.setCurrentUnit('b', 3, true)
    expect(nav.unitOnScreen('b')).toEqual({ bunitId: 3, includeDescendants: true })
    expect(nav.canGoBack('b')).toBe(true)
    nav.back('b')
    expect(nav.routeFor('b')).toEqual({ name: 'home' })
    expect(nav.unitOnScreen('b')).toBeNull()
  })
})
