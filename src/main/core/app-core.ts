/**
 * The app's main-process core, plain Node: accounts, credentials, sessions, each account's
 * cache and sync, behind the handlers of the IPC contract. The Electron shell and the browser
 * host both create exactly this and differ only in transport.
 */
import { join } from 'node:path'
import { AccountStore } from '../accounts/store'
import { CredentialVault } from '../credentials/vault'
import { DeskError } from '../../shared/errors'
import type { AccountView, StoreProblem } from '../../shared/ipc/models'
import type { Handlers } from '../ipc/dispatch'
import { EventHub } from './events'
import type { AccountSession } from './account-session'
import { DemoPortal } from './demo-portal'
import { Estates } from './estates'
import { openExternalSafely } from './open-external'
import type { AppCoreOptions, CoreContext } from './context'
import { accountHandlers, accountsState, openSession, refreshDemoAccount, startDemo } from './account-handlers'
import { estateReadHandlers } from './estate-read-handlers'
import { estateWriteHandlers } from './estate-write-handlers'
import { previewBulk, runBulk } from './bulk-create'
import { cancelSync, startSync } from './sync-runner'
import { SyncSchedule } from './sync-schedule'
import { healthHandlers } from '../health/handlers'
import { HealthService } from '../health/service'
import { log } from '../log'

export type { AppCoreOptions } from './context'

export interface AppCore {
  handlers: Handlers
  events: import('./events').EventHub
  /** Starts the demo portal and opens its account (used by `npm run demo`). */
  startDemo(): Promise<AccountView>
  /** Background syncs (issue 14); exposed so tests can run a check with their own clock. */
  syncSchedule: SyncSchedule
  close(): Promise<void>
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const events = new EventHub()
  const vault = await CredentialVault.open(options.vault ?? {})
  const problems: StoreProblem[] = []
  const store = await AccountStore.open(options.dataDir, {
    assertSecretMode: (mode) => vault.assertSecretModeAvailable(mode),
    onProblem: (problem) => {
      problems.push({ kind: 'corrupt-config', message: problem.message, ...(problem.movedTo ? { path: problem.movedTo } : {}) })
    }
  })
  if (vault.keychainMessage) problems.push({ kind: 'keychain', message: vault.keychainMessage })

  const sessions = new Map<string, AccountSession>()
  let health: HealthService | null = null
  const estates = new Estates(join(options.dataDir, 'cache'), (accountId) => store.get(accountId) !== undefined)
  const ctx: CoreContext = {
    options,
    events,
    store,
    vault,
    sessions,
    estates,
    demo: new DemoPortal(),
    problems,
    revision: 0,
    publish: () => {
      ctx.revision++
      events.emit('accountsChanged', accountsState(ctx))
    },
    publishEstate: (accountId) => {
      if (store.get(accountId) && estates.has(accountId)) events.emit('estateChanged', estates.get(accountId).status())
    },
    session: (accountId) => {
      const session = sessions.get(accountId)
      if (!session) throw new DeskError('not-found', 'That account does not exist (any more).')
      return session
    },
    get health(): HealthService {
      health ??= new HealthService(ctx)
      return health
    }
  }
  store.onChange(ctx.publish)

  // Bring every account back, signed in again from the keychain without asking. Sign-ins run in
  // the background: the cached estates are browsable before any network call returns.
  for (const account of store.list()) {
    const problem = estates.get(account.id).status().problems[0]
    if (problem) problems.push({ kind: 'corrupt-cache', message: `${account.displayName}: ${problem}` })
    try {
      await openSession(ctx, account.kind === 'demo' ? await refreshDemoAccount(ctx, account) : account)
    } catch (error) {
      log.warn(`Could not restore account ${account.id}`, error)
    }
  }

  ctx.health.startSchedule()
  // Background refresh of every account's estate (issue 14).
  const syncSchedule = new SyncSchedule(ctx)
  syncSchedule.start()

  const sync = { start: (accountId: string) => void startSync(ctx, accountId), cancel: (accountId: string) => cancelSync(ctx, accountId) }
  const handlers: Handlers = {
    getAppInfo: async () => ({
      version: options.version,
      host: options.host,
      platform: process.platform,
      keychain: accountsState(ctx).keychain
    }),
    openExternal: async ({ url }) => {
      if (!options.openExternal) throw new DeskError('forbidden', 'Opening links is not available here')
      if (!(await openExternalSafely(url, options.openExternal))) throw new DeskError('invalid-input', 'That link is not allowed to open')
    },
    ...accountHandlers(ctx),
    ...estateReadHandlers(ctx),
    ...estateWriteHandlers(ctx, sync),
    ...healthHandlers(ctx),
    previewBulkCreate: async ({ accountId, bunitId, csv }) => previewBulk(ctx, accountId, bunitId, csv),
    runBulkCreate: async ({ accountId, bunitId, csv, runId }) => runBulk(ctx, accountId, bunitId, csv, runId),
    // --- sync under real conditions (issue 14) ---
    setSyncSettings: async ({ accountId, intervalMinutes }) => {
      ctx.store.require(accountId)
      estates.get(accountId).cache.setSyncIntervalMinutes(intervalMinutes)
      ctx.publishEstate(accountId)
    }
  }

  return {
    handlers,
    events,
    startDemo: () => startDemo(ctx),
    syncSchedule,
    async close() {
      syncSchedule.close()
      ctx.health.close()
      for (const session of sessions.values()) session.close()
      estates.closeAll()
      await store.flush().catch(() => undefined)
      await ctx.demo.close()
    }
  }
}
