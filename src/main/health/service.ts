/**
 * Runs health refreshes for every account: one at a time per account, cancellable, after each
 * sync, on demand, and on a schedule while the account is signed in (each account's interval,
 * default hourly, checked by one ticker). Every start, end, failure and settings change is pushed
 * as `healthChanged`; progress as `healthProgress`.
 */
import { DeskError } from '../../shared/errors'
import type { HealthAccountSummary, HealthProgress } from '../../shared/ipc/health-models'
import { live, type CoreContext } from '../core/context'
import { log } from '../log'
import { refreshHealth } from './refresh'

/** How often the schedule looks for accounts whose health is due. */
export const HEALTH_TICK_MS = Number(process.env.DESK_HEALTH_TICK_MS ?? 60_000)

export class HealthService {
  private readonly runs = new Map<string, { controller: AbortController; done: Promise<void> }>()
  private readonly lastErrors = new Map<string, string>()
  private ticker: NodeJS.Timeout | null = null

  constructor(private readonly ctx: CoreContext) {}

  isRunning(accountId: string): boolean {
    return this.runs.has(accountId)
  }

  /** Starts a refresh unless one is running; resolves when it ends (callers may ignore that). */
  start(accountId: string): Promise<void> {
    const running = this.runs.get(accountId)
    if (running) return running.done
    const { ctx } = this
    // An account removed meanwhile (e.g. while its sync ran) has nothing to refresh.
    if (!ctx.store.get(accountId) || !ctx.sessions.has(accountId)) return Promise.resolve()
    const estate = ctx.estates.get(accountId)
    const controller = new AbortController()
    const progress = (p: Omit<HealthProgress, 'accountId'>): void => ctx.events.emit('healthProgress', { accountId, ...p })
    const done = live(ctx, accountId, (client) =>
      refreshHealth({
        client,
        cache: estate.cache,
        concurrency: ctx.options.syncConcurrency ?? 8,
        signal: controller.signal,
        onProgress: (d, total) => progress({ phase: 'reports', done: d, total })
      })
    )
      .then((result) => {
        this.lastErrors.delete(accountId)
        progress({ phase: 'done', done: result.checked, total: result.checked })
      })
      .catch((error: unknown) => {
        const cancelled = error instanceof DeskError && error.kind === 'cancelled'
        const reason = error instanceof Error ? error.message : String(error)
        const message = cancelled ? 'The health refresh was cancelled; the previous health is kept.' : `Backup health could not be refreshed (${reason.replace(/\.$/, '')}); the previous health is kept.`
        this.lastErrors.set(accountId, message)
        if (!(error instanceof DeskError)) log.error(`Health refresh of account ${accountId} failed`, error)
        progress({ phase: cancelled ? 'cancelled' : 'failed', done: 0, total: 0, message })
      })
      .finally(() => {
        this.runs.delete(accountId)
        this.publish(accountId)
      })
    this.runs.set(accountId, { controller, done })
    this.publish(accountId)
    return done
  }

  cancel(accountId: string): void {
    this.runs.get(accountId)?.controller.abort()
  }

  setInterval(accountId: string, minutes: number): void {
    this.ctx.estates.get(accountId).cache.health.setIntervalMinutes(minutes)
    this.publish(accountId)
  }

  summary(accountId: string): HealthAccountSummary {
    const account = this.ctx.store.require(accountId)
    const cache = this.ctx.estates.get(accountId).cache
    const session = this.ctx.sessions.get(accountId)
    return {
      accountId,
      accountName: account.displayName,
      color: account.color,
      refreshedAt: cache.health.refreshedAt(),
      refreshing: this.runs.has(accountId),
      lastError: this.lastErrors.get(accountId) ?? null,
      online: session ? session.state.status !== 'offline' : false,
      counts: cache.health.counts(),
      intervalMinutes: cache.health.intervalMinutes()
    }
  }

  /** Pushes the account's summary to every renderer (views re-read). */
  publish(accountId: string): void {
    if (!this.ctx.store.get(accountId)) return
    try {
      this.ctx.events.emit('healthChanged', this.summary(accountId))
    } catch (error) {
      log.warn(`Could not publish the health of account ${accountId}`, error)
    }
  }

  /** Starts the schedule: every tick, refresh the signed-in accounts whose health is due. */
  startSchedule(tickMs = HEALTH_TICK_MS): void {
    if (this.ticker) return
    this.ticker = setInterval(() => this.refreshDue(), tickMs)
    this.ticker.unref()
  }

  /** Refreshes every account that is signed in, synced, idle and past its interval. */
  refreshDue(now = Date.now()): string[] {
    const started: string[] = []
    for (const account of this.ctx.store.list()) {
      const session = this.ctx.sessions.get(account.id)
      if (session?.state.status !== 'signed-in' || this.runs.has(account.id)) continue
      const estate = this.ctx.estates.get(account.id)
      if (estate.sync || !estate.cache.hasSnapshot()) continue
      const minutes = estate.cache.health.intervalMinutes()
      const last = estate.cache.health.refreshedAt()
      if (minutes === 0 || (last !== null && now - Date.parse(last) < minutes * 60_000)) continue
      started.push(account.id)
      void this.start(account.id)
    }
    return started
  }

  close(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
    for (const run of this.runs.values()) run.controller.abort()
  }
}
