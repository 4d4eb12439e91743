/**
 * Backup health across every account: a read-only mirror of main's health cache. One getHealth
 * at start (every account at once; the view filters by account itself), then kept current by
 * `healthChanged` (a refresh started, ended, failed or was cancelled; settings changed) and
 * `healthProgress`. Re-reads are coalesced: events arriving during a read cause one more read,
 * not one each. The overview is a shallowRef of plain arrays: thousands of rows, no deep proxies.
 * Tree badges are read per account on demand and re-read with the overview.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { HealthAccountSummary, HealthOverview, HealthProgress, UnitHealthBadge } from '../../../shared/ipc/health-models'
import { call, errorMessage, subscribe } from '../api/client'
import { useAccountsStore } from './accounts'

const FINAL_PHASES = new Set<HealthProgress['phase']>(['done', 'failed', 'cancelled'])

export function isFinalHealthPhase(phase: HealthProgress['phase']): boolean {
  return FINAL_PHASES.has(phase)
}

export const useHealthStore = defineStore('health', () => {
  const overview = shallowRef<HealthOverview | null>(null)
  const loading = ref(false)
  /** Why getHealth failed (the last overview stays on screen). */
  const error = ref<string | null>(null)
  /** Why refreshHealth, cancelHealthRefresh or setHealthSettings failed, per account. */
  const actionErrors = ref<Record<string, string>>({})
  const progress = ref<Record<string, HealthProgress>>({})
  /** A refresh was asked for and main has not said it started yet. */
  const starting = ref<Record<string, boolean>>({})
  /** Per account: unit id → badge (only units with a badge). */
  const badges = shallowRef<Record<string, Map<number, UnitHealthBadge>>>({})
  /** Bumped whenever an account's health was re-read: panels (consumer, usage) re-read too. */
  const revisions = ref<Record<string, number>>({})
  let started = false
  let reading: Promise<void> | null = null
  let readAgain = false

  async function readOnce(): Promise<void> {
    loading.value = true
    try {
      overview.value = await call('getHealth', {})
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      loading.value = false
    }
    for (const accountId of Object.keys(badges.value)) void loadBadges(accountId)
  }

  /** Reads the overview; calls while a read runs are folded into one more read after it. */
  function load(): Promise<void> {
    if (reading) {
      readAgain = true
      return reading
    }
    reading = (async () => {
      do {
        readAgain = false
        await readOnce()
      } while (readAgain)
    })().finally(() => {
      reading = null
    })
    return reading
  }

  async function loadBadges(accountId: string): Promise<void> {
    try {
      const list = await call('getUnitHealthBadges', { accountId })
      const map = new Map(list.filter((b) => b.problems > 0).map((b) => [b.bunitId, b]))
      badges.value = { ...badges.value, [accountId]: map }
    } catch {
      // Badges are a hint: without them the tree still works, so a failed read shows none.
      badges.value = { ...badges.value, [accountId]: new Map() }
    }
  }

  function setActionError(accountId: string, message: string | null): void {
    const next = { ...actionErrors.value }
    if (message === null) delete next[accountId]
    else next[accountId] = message
    actionErrors.value = next
  }

  /** Puts a summary main pushed into the overview at once (the full re-read follows). */
  function applySummary(summary: HealthAccountSummary): void {
    const current = overview.value
    if (!current) return
    const accounts = current.accounts.some((a) => a.accountId === summary.accountId)
      ? current.accounts.map((a) => (a.accountId === summary.accountId ? summary : a))
      : [...current.accounts, summary]
    overview.value = { ...current, accounts }
  }

  function bump(accountId: string): void {
    revisions.value = { ...revisions.value, [accountId]: (revisions.value[accountId] ?? 0) + 1 }
  }

  function start(): void {
    if (started) return
    started = true
    subscribe('healthChanged', (summary) => {
      applySummary(summary)
      if (summary.refreshing) {
        // A new refresh (scheduled, after a sync, or asked for): the last one's final progress is stale.
        starting.value = { ...starting.value, [summary.accountId]: false }
        const p = progress.value[summary.accountId]
        if (p && isFinalHealthPhase(p.phase)) {
          const next = { ...progress.value }
          delete next[summary.accountId]
          progress.value = next
        }
      }
      void load().then(() => bump(summary.accountId))
    })
    subscribe('healthProgress', (p) => {
      progress.value = { ...progress.value, [p.accountId]: p }
      starting.value = { ...starting.value, [p.accountId]: false }
      if (isFinalHealthPhase(p.phase)) void load().then(() => bump(p.accountId))
    })
    // Accounts added, removed, signed in or back online: their health may differ.
    const accounts = useAccountsStore()
    watch(
      () => accounts.accounts.map((a) => `${a.id}:${a.status}`).join('\n'),
      () => void load(),
      { immediate: true }
    )
  }

  async function refresh(accountId: string): Promise<void> {
    setActionError(accountId, null)
    const next = { ...progress.value }
    delete next[accountId]
    progress.value = next
    starting.value = { ...starting.value, [accountId]: true }
    try {
      await call('refreshHealth', { accountId })
    } catch (e) {
      setActionError(accountId, errorMessage(e))
      starting.value = { ...starting.value, [accountId]: false }
    }
  }

  async function cancel(accountId: string): Promise<void> {
    try {
      await call('cancelHealthRefresh', { accountId })
    } catch (e) {
      setActionError(accountId, errorMessage(e))
    }
  }

  async function setInterval(accountId: string, intervalMinutes: number): Promise<void> {
    setActionError(accountId, null)
    try {
      await call('setHealthSettings', { accountId, intervalMinutes })
    } catch (e) {
      setActionError(accountId, errorMessage(e))
    }
  }

  function summary(accountId: string): HealthAccountSummary | null {
    return overview.value?.accounts.find((a) => a.accountId === accountId) ?? null
  }

  /** A refresh is running (or was just asked for) for this account. */
  function isRefreshing(accountId: string): boolean {
    if (starting.value[accountId]) return true
    const p = progress.value[accountId]
    if (p && !isFinalHealthPhase(p.phase)) return true
    return summary(accountId)?.refreshing === true && !(p && isFinalHealthPhase(p.phase))
  }

  function revision(accountId: string): number {
    return revisions.value[accountId] ?? 0
  }

  return { overview, loading, error, actionErrors, progress, badges, revisions, start, load, loadBadges, refresh, cancel, setInterval, summary, isRefreshing, revision }
})
