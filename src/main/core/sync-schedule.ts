/**
 * Background refresh of every account's estate (issue 14). One ticker looks for accounts whose
 * last sync is older than their interval (a per-account setting, default 30 minutes, kept in the
 * cache's meta table next to the health interval; 0 = never) and starts a sync for each, only
 * while the account is signed in (online) and idle (no sync and no health pass running). Each
 * account's due time carries its own random jitter (up to a tenth of the interval, drawn anew
 * after every attempt) so several accounts synced together drift apart instead of hitting their
 * portals at once. A failed attempt counts as an attempt: the next one waits a full interval.
 */
import { log } from '../log'
import type { CoreContext } from './context'
import { DEFAULT_SYNC_INTERVAL_MINUTES } from './estates'
import { startSync } from './sync-runner'

export { DEFAULT_SYNC_INTERVAL_MINUTES }
/** How often the schedule looks for accounts that are due. */
export const SYNC_TICK_MS = Number(process.env.DESK_SYNC_TICK_MS ?? 60_000)
/** Largest jitter, as a share of the interval. */
const JITTER_SHARE = 0.1

export class SyncSchedule {
  private ticker: NodeJS.Timeout | null = null
  /** Per account: when the schedule last started a sync, and the jitter of its next due time. */
  private readonly attempts = new Map<string, { at: number; jitterMs: number }>()

  constructor(
    private readonly ctx: CoreContext,
    private readonly random: () => number = Math.random
  ) {}

  start(tickMs = SYNC_TICK_MS): void {
    if (this.ticker) return
    this.ticker = setInterval(() => this.syncDue(), tickMs)
    this.ticker.unref()
  }

  /** Starts a sync of every account that is online, idle and due; returns their ids. */
  syncDue(now = Date.now()): string[] {
    const started: string[] = []
    for (const account of this.ctx.store.list()) {
      try {
        if (this.isDue(account.id, now)) {
          this.attempts.set(account.id, { at: now, jitterMs: 0 })
          started.push(account.id)
          void startSync(this.ctx, account.id)
        }
      } catch (error) {
        log.warn(`Background sync check of account ${account.id} failed`, error)
      }
    }
    return started
  }

  private isDue(accountId: string, now: number): boolean {
    const session = this.ctx.sessions.get(accountId)
    if (session?.state.status !== 'signed-in') return false
    const estate = this.ctx.estates.get(accountId)
    if (estate.sync || this.ctx.health.isRunning(accountId)) return false
    const minutes = estate.cache.syncIntervalMinutes(DEFAULT_SYNC_INTERVAL_MINUTES)
    if (minutes === 0) return false
    const intervalMs = minutes * 60_000
    let attempt = this.attempts.get(accountId)
    if (!attempt || attempt.jitterMs === 0) {
      attempt = { at: attempt?.at ?? 0, jitterMs: 1 + Math.floor(this.random() * JITTER_SHARE * intervalMs) }
      this.attempts.set(accountId, attempt)
    }
    const synced = estate.cache.meta().lastSyncedAt
    const last = Math.max(synced === null ? 0 : Date.parse(synced), attempt.at)
    return now - last >= intervalMs + attempt.jitterMs
  }

  close(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
  }
}
