/**
 * Runs one account's full sync in the background: progress goes to every renderer as
 * `syncProgress`, the result as `estateChanged`. One sync per account at a time; cancellable.
 * A failed or cancelled sync keeps the previous snapshot and records why. A first sync shows
 * what it has read as it goes (`estateChanged` while it grows).
 */
import { syncAccount, SyncError, type SyncProgress as EngineProgress } from '../sync'
import { DeskError } from '../../shared/errors'
import type { SyncProgress } from '../../shared/ipc/estate-models'
import { live, type CoreContext } from './context'
import { log } from '../log'

/** Views re-read a growing first sync at most this often. */
const PARTIAL_PUBLISH_MS = 1000

/** Starts a sync unless one is running; resolves when it ends (callers may ignore that). */
export function startSync(ctx: CoreContext, accountId: string): Promise<void> {
  const estate = ctx.estates.get(accountId)
  if (estate.sync) return Promise.resolve()
  const controller = new AbortController()
  estate.sync = controller
  ctx.publishEstate(accountId)
  const progress = (p: Omit<SyncProgress, 'accountId'>): void => ctx.events.emit('syncProgress', { accountId, ...p })
  progress({ phase: 'tree', done: 0, total: 0, etaSeconds: null })
  // A first sync fills the cache as it reads (issue 14): tell the views to re-read as it grows,
  // at every phase change and at most once a second in between.
  const firstSync = !estate.cache.hasSnapshot()
  let lastPhase = ''
  let lastPublish = 0
  const publishGrowth = (phase: string): void => {
    if (!firstSync) return
    const now = performance.now()
    if (phase === lastPhase && now - lastPublish < PARTIAL_PUBLISH_MS) return
    lastPhase = phase
    lastPublish = now
    ctx.publishEstate(accountId)
  }

  return live(ctx, accountId, (client) =>
    syncAccount({
      client,
      cache: estate.cache,
      concurrency: ctx.options.syncConcurrency ?? 8,
      signal: controller.signal,
      onProgress: (p: EngineProgress) => {
        progress({ phase: p.phase, done: p.done, total: p.total, etaSeconds: p.etaSeconds })
        if (p.phase !== 'tree' && p.phase !== 'saving') publishGrowth(p.phase)
      }
    })
  )
    .then((result) => {
      estate.lastError = null
      log.info(`Sync of account ${accountId} done: ${result.counts.consumers} consumers`)
      progress({ phase: 'done', done: result.counts.consumers, total: result.counts.consumers, etaSeconds: 0 })
      // A fresh estate deserves fresh health: whose backups failed among what was just synced.
      void ctx.health.start(accountId)
    })
    .catch((error: unknown) => {
      const cancelled = error instanceof DeskError && error.kind === 'cancelled'
      estate.lastError = cancelled
        ? 'The sync was cancelled; the previous data is kept.'
        : failureMessage(error)
      if (!(error instanceof DeskError)) log.error(`Sync of account ${accountId} failed`, error)
      progress({ phase: cancelled ? 'cancelled' : 'failed', done: 0, total: 0, etaSeconds: null, message: estate.lastError })
    })
    .finally(() => {
      estate.sync = null
      ctx.publishEstate(accountId)
    })
}

/** The engine's SyncError already says what failed and that the cache is unchanged: say it once. */
function failureMessage(error: unknown): string {
  if (error instanceof SyncError) return error.message
  return `The sync failed: ${error instanceof Error ? error.message : String(error)} The previous data is kept.`
}

export function cancelSync(ctx: CoreContext, accountId: string): void {
  ctx.estates.get(accountId).sync?.abort()
}

/** Syncs on sign-in when the cache is empty or older than this. */
export const AUTO_SYNC_AFTER_MS = 6 * 60 * 60 * 1000

export function syncIfStale(ctx: CoreContext, accountId: string): void {
  const syncedAt = ctx.estates.get(accountId).cache.meta().lastSyncedAt
  if (syncedAt === null || Date.now() - Date.parse(syncedAt) > AUTO_SYNC_AFTER_MS) void startSync(ctx, accountId)
}
