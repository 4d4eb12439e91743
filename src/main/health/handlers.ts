/**
 * Handlers for the health and usage calls of the contract (issue 9). Reads come from each
 * account's cache, so the Health view, a consumer's health and a unit's usage browse offline;
 * the `fetch*` calls go to the portal (through `live`, so a lost portal marks the account
 * offline) and cache what they got before answering.
 */
import { DeskError } from '../../shared/errors'
import { HEALTH_SEVERITY, type HealthChange, type HealthOverview, type HealthRow, type UsageRow } from '../../shared/ipc/health-models'
import type { Handlers } from '../ipc/dispatch'
import { live, type CoreContext } from '../core/context'
import { emptyCounts, type StoredChange, type UsageSums } from '../cache'
import { fetchBilling, fetchHistory, fetchJobs } from './fetch'

export type HealthHandlers = Pick<
  Handlers,
  | 'getHealth'
  | 'getUnitHealthBadges'
  | 'getConsumerHealth'
  | 'getUnitUsage'
  | 'refreshHealth'
  | 'cancelHealthRefresh'
  | 'setHealthSettings'
  | 'fetchConsumerJobs'
  | 'fetchReportHistory'
  | 'fetchUnitBilling'
>

/** The Health view's data for one account or all of them, worst problems first. */
export function healthOverview(ctx: CoreContext, accountId?: string): HealthOverview {
  const accounts = accountId ? [ctx.store.require(accountId)] : ctx.store.list()
  const overview: HealthOverview = { accounts: [], counts: emptyCounts(), problems: [], changes: { newlyFailing: [], recovered: [] } }
  for (const account of accounts) {
    const summary = ctx.health.summary(account.id)
    overview.accounts.push(summary)
    for (const [state, n] of Object.entries(summary.counts) as [keyof typeof summary.counts, number][]) overview.counts[state] += n
    const health = ctx.estates.get(account.id).cache.health
    const rows = health.problems()
    for (const row of rows) overview.problems.push({ ...row, accountId: account.id, accountName: account.displayName })
    const names = new Map(rows.map((r) => [r.consumerId, r]))
    const cache = ctx.estates.get(account.id).cache
    const named = (c: StoredChange): HealthChange[] => {
      const known = names.get(c.consumerId) ?? cache.health.consumer(c.consumerId)
      return known ? [{ accountId: account.id, accountName: account.displayName, bunitId: known.bunitId, consumerId: c.consumerId, consumerName: known.consumerName, from: c.from, to: c.to }] : []
    }
    const changes = health.changes()
    overview.changes.newlyFailing.push(...changes.newlyFailing.flatMap(named))
    overview.changes.recovered.push(...changes.recovered.flatMap(named))
  }
  if (accounts.length > 1) overview.problems.sort(worstFirst)
  return overview
}

function worstFirst(a: HealthRow, b: HealthRow): number {
  return HEALTH_SEVERITY[b.state] - HEALTH_SEVERITY[a.state] || (a.since ?? '\uffff').localeCompare(b.since ?? '\uffff') || a.consumerName.localeCompare(b.consumerName)
}

export function healthHandlers(ctx: CoreContext): HealthHandlers {
  const cacheOf = (accountId: string) => {
    ctx.store.require(accountId)
    return ctx.estates.get(accountId).cache
  }
  const requireConsumer = (accountId: string, bunitId: number, consumerId: number) => {
    const consumer = cacheOf(accountId).consumer(consumerId)
    if (!consumer || consumer.consumer.bunitId !== bunitId) throw new DeskError('not-found', 'That consumption unit is not in the local cache (any more). Sync to refresh it.')
    return consumer
  }

  return {
    getHealth: async ({ accountId }) => healthOverview(ctx, accountId),

    getUnitHealthBadges: async ({ accountId }) => cacheOf(accountId).health.unitBadges(),

    getConsumerHealth: async ({ accountId, bunitId, consumerId }) => {
      requireConsumer(accountId, bunitId, consumerId)
      const account = ctx.store.require(accountId)
      const health = cacheOf(accountId).health
      const row = health.consumer(consumerId)
      const jobs = health.jobs(consumerId)
      const history = health.history(consumerId)
      return {
        health: row ? { ...row, accountId, accountName: account.displayName } : null,
        refreshedAt: health.refreshedAt(),
        jobs: jobs ?? { days: 1, fetchedAt: null, firstJobAt: null, jobs: [] },
        history: history ?? { days: 30, fetchedAt: null, points: [] }
      }
    },

    getUnitUsage: async ({ accountId, bunitId }) => {
      const cache = cacheOf(accountId)
      const unit = cache.unit(bunitId)
      if (!unit) throw new DeskError('not-found', 'That business unit is not in the local cache (any more). Sync to refresh it.')
      const rows = usageRows(cache.tree(), cache.health.usageByUnit())
      const own = rows.get(bunitId)!
      const children = cache
        .tree()
        .filter((u) => u.parentId === bunitId)
        .map((u) => rows.get(u.id)!)
      const billing = cache.health.billing(bunitId)
      return {
        refreshedAt: cache.health.refreshedAt(),
        unit: own,
        children,
        consumers: cache.health.consumerUsage(bunitId),
        billing: billing ?? { fetchedAt: null, items: [], invoices: [], message: null }
      }
    },

    refreshHealth: async ({ accountId }) => {
      ctx.store.require(accountId)
      const session = ctx.session(accountId)
      if (session.state.status === 'needs-password') throw new DeskError('authentication', session.state.message ?? 'Sign in to this account first.')
      if (!cacheOf(accountId).hasSnapshot()) throw new DeskError('invalid-input', 'Sync this account first: the health refresh checks the consumers the sync found.')
      void ctx.health.start(accountId)
    },

    cancelHealthRefresh: async ({ accountId }) => {
      ctx.store.require(accountId)
      ctx.health.cancel(accountId)
    },

    setHealthSettings: async ({ accountId, intervalMinutes }) => {
      cacheOf(accountId)
      ctx.health.setInterval(accountId, intervalMinutes)
    },

    fetchConsumerJobs: async ({ accountId, bunitId, consumerId, days }) => {
      requireConsumer(accountId, bunitId, consumerId)
      const now = new Date()
      const result = await live(ctx, accountId, (client) => fetchJobs(client, bunitId, consumerId, days, now))
      const value = { days, fetchedAt: now.toISOString(), firstJobAt: result.firstJobAt, jobs: result.jobs }
      cacheOf(accountId).health.saveJobs(consumerId, value)
      return value
    },

    fetchReportHistory: async ({ accountId, bunitId, consumerId, days }) => {
      requireConsumer(accountId, bunitId, consumerId)
      const now = new Date()
      const points = await live(ctx, accountId, (client) => fetchHistory(client, bunitId, consumerId, days, now))
      const value = { days, fetchedAt: now.toISOString(), points }
      cacheOf(accountId).health.saveHistory(consumerId, value)
      return value
    },

    fetchUnitBilling: async ({ accountId, bunitId }) => {
      if (!cacheOf(accountId).unit(bunitId)) throw new DeskError('not-found', 'That business unit is not in the local cache (any more). Sync to refresh it.')
      const result = await live(ctx, accountId, (client) => fetchBilling(client, bunitId))
      const value = { fetchedAt: new Date().toISOString(), ...result }
      cacheOf(accountId).health.saveBilling(bunitId, value)
      return value
    }
  }
}

/** Usage per unit: own sums plus sums over the whole subtree (every unit, rolled up to its ancestors). */
export function usageRows(
  tree: readonly { id: number; parentId: number | null; name: string; path: string }[],
  sums: readonly UsageSums[]
): Map<number, UsageRow> {
  const rows = new Map<number, UsageRow>()
  for (const u of tree) {
    rows.set(u.id, {
      bunitId: u.id,
      name: u.name,
      path: u.path,
      storedMB: 0,
      backupMB: 0,
      archiveMB: 0,
      totalStoredMB: 0,
      totalBackupMB: 0,
      totalArchiveMB: 0,
      consumers: 0,
      totalConsumers: 0,
      unreported: 0
    })
  }
  const parents = new Map(tree.map((u) => [u.id, u.parentId]))
  for (const s of sums) {
    const own = rows.get(s.bunitId)
    if (!own) continue
    own.storedMB += s.storedMB
    own.backupMB += s.backupMB
    own.archiveMB += s.archiveMB
    own.consumers += s.consumers
    const seen = new Set<number>()
    for (let id: number | null | undefined = s.bunitId; id !== null && id !== undefined && !seen.has(id); id = parents.get(id)) {
      seen.add(id)
      const row = rows.get(id)
      if (!row) break
      row.totalStoredMB += s.storedMB
      row.totalBackupMB += s.backupMB
      row.totalArchiveMB += s.archiveMB
      row.totalConsumers += s.consumers
      row.unreported += s.unreported
    }
  }
  return rows
}
