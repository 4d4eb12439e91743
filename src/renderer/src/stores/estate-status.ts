/**
 * Per account: the cached estate's status (snapshot, last sync, what changed, online or not) and
 * the progress of a running sync. One getEstateStatus per account at start, then kept current by
 * the `estateChanged` and `syncProgress` events. Actions only ask main.
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { EstateStatus, SyncProgress } from '../../../shared/ipc/estate-models'
import type { AccountView } from '../../../shared/ipc/models'
import { call, errorMessage, subscribe } from '../api/client'
import { useAccountsStore } from './accounts'
import { isFinalPhase } from '../views/sync/sync-text'
import { writeBlockReason as blockReason } from '../composables/write-guard-reason'

export const useEstateStatusStore = defineStore('estate-status', () => {
  const statuses = ref<Record<string, EstateStatus>>({})
  const progress = ref<Record<string, SyncProgress>>({})
  /** Why getEstateStatus or startSync/cancelSync failed, per account. */
  const errors = ref<Record<string, string>>({})
  /** A sync was asked for and has not reported yet. */
  const starting = ref<Record<string, boolean>>({})
  /** Bumped on every estateChanged of an account: views watch it and re-read. */
  const revisions = ref<Record<string, number>>({})
  /** Per account: a sync finished in this session and its "what changed" was not dismissed yet. */
  const freshDiff = ref<Record<string, boolean>>({})
  let started = false

  function setError(accountId: string, message: string | null): void {
    const next = { ...errors.value }
    if (message === null) delete next[accountId]
    else next[accountId] = message
    errors.value = next
  }

  async function load(accountId: string): Promise<void> {
    try {
      // Await first, then merge: concurrent loads of several accounts must not overwrite each other.
      const status = await call('getEstateStatus', { accountId })
      statuses.value = { ...statuses.value, [accountId]: status }
      setError(accountId, null)
    } catch (error) {
      setError(accountId, errorMessage(error))
    }
  }

  /** Subscribes to the events and loads every account's status (and each new account's). */
  function start(): void {
    if (started) return
    started = true
    subscribe('estateChanged', (status) => {
      statuses.value = { ...statuses.value, [status.accountId]: status }
      // Main cleared the failure (the portal is back): the last progress event is old news too.
      const last = progress.value[status.accountId]
      if (!status.syncing && status.lastError === null && (last?.phase === 'failed' || last?.phase === 'cancelled')) {
        const next = { ...progress.value }
        delete next[status.accountId]
        progress.value = next
      }
      revisions.value = { ...revisions.value, [status.accountId]: (revisions.value[status.accountId] ?? 0) + 1 }
      if (!status.syncing) starting.value = { ...starting.value, [status.accountId]: false }
    })
    subscribe('syncProgress', (p) => {
      progress.value = { ...progress.value, [p.accountId]: p }
      starting.value = { ...starting.value, [p.accountId]: false }
      if (p.phase === 'done') freshDiff.value = { ...freshDiff.value, [p.accountId]: true }
      if (isFinalPhase(p.phase)) void load(p.accountId)
    })
    const accounts = useAccountsStore()
    watch(
      () => accounts.accounts.map((a) => a.id).join('\n'),
      () => {
        const ids = new Set(accounts.accounts.map((a) => a.id))
        for (const id of ids) if (!statuses.value[id]) void load(id)
        // Forget removed accounts.
        const kept = Object.fromEntries(Object.entries(statuses.value).filter(([id]) => ids.has(id)))
        if (Object.keys(kept).length !== Object.keys(statuses.value).length) statuses.value = kept
      },
      { immediate: true }
    )
    // An account that comes back online (or signs in) may have a fresher status.
    watch(
      () => accounts.accounts.map((a) => `${a.id}:${a.status}`).join('\n'),
      (now, before) => {
        const old = new Set((before ?? '').split('\n'))
        for (const account of accounts.accounts) {
          if (!old.has(`${account.id}:${account.status}`) && statuses.value[account.id]) void load(account.id)
        }
      }
    )
  }

  async function sync(accountId: string): Promise<void> {
    setError(accountId, null)
    const next = { ...progress.value }
    delete next[accountId]
    progress.value = next
    starting.value = { ...starting.value, [accountId]: true }
    try {
      await call('startSync', { accountId })
    } catch (error) {
      setError(accountId, errorMessage(error))
      starting.value = { ...starting.value, [accountId]: false }
    }
  }

  async function cancel(accountId: string): Promise<void> {
    try {
      await call('cancelSync', { accountId })
    } catch (error) {
      setError(accountId, errorMessage(error))
    }
  }

  /** A sync is running (or was just asked for) for this account. */
  function isSyncing(accountId: string): boolean {
    const p = progress.value[accountId]
    if (starting.value[accountId]) return true
    if (p && !isFinalPhase(p.phase)) return true
    return statuses.value[accountId]?.syncing === true && !(p && isFinalPhase(p.phase))
  }

  /** The portal is known to be unreachable: browse from the cache only. */
  function isOffline(account: Pick<AccountView, 'id' | 'status'>): boolean {
    return account.status === 'offline' || statuses.value[account.id]?.online === false
  }

  function revision(accountId: string): number {
    return revisions.value[accountId] ?? 0
  }

  /** Why changes to this account's portal are not possible now, or null (see useWriteGuard). */
  function writeBlockReason(account: AccountView | null): string | null {
    return blockReason(account, account ? (statuses.value[account.id] ?? null) : null)
  }

  /** "What changed" is shown once per sync: until dismissed, and not again after a restart. */
  function dismissDiff(accountId: string): void {
    freshDiff.value = { ...freshDiff.value, [accountId]: false }
  }

  return { statuses, progress, errors, revisions, freshDiff, dismissDiff, start, load, sync, cancel, isSyncing, isOffline, revision, writeBlockReason }
})
