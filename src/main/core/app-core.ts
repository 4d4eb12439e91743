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
import type { UpdateStatus } from '../../shared/ipc/installed-models'
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
import { inspectCaPem } from '../network/certificate'
import { log } from '../log'
import { tightenDataDir } from '../fs/private-files'
import { WriteTracker, type CoreActivity } from './activity'
import { collectCoreFacts, type CoreFacts } from './diagnostics'

export type { AppCoreOptions } from './context'

export const UPDATES_ELSEWHERE = 'Updates are managed by the desktop app.'

/** What the core needs of the shell's updater (src/main/updates/controller.ts). */
export interface UpdateService {
  status(): UpdateStatus
  check(): Promise<UpdateStatus>
  install(): UpdateStatus
}

export interface AppCore {
  handlers: Handlers
  events: import('./events').EventHub
  /** Health refreshes and their schedule (the shell asks it whether work is running). */
  health: HealthService
  /** Starts the demo portal and opens its account (used by `npm run demo`). */
  startDemo(): Promise<AccountView>
  /** Syncs running and writes in flight right now (the updater installs only when both are 0). */
  activity(): CoreActivity
  /** Numbers and states for "Copy diagnostics" (no names, no secrets). */
  diagnostics(): CoreFacts
  /** The desktop shell plugs its updater in; without one, update calls answer 'unsupported'. */
  setUpdates(updates: UpdateService): void
  /** Background syncs (issue 14); exposed so tests can run a check with their own clock. */
  syncSchedule: SyncSchedule
  close(): Promise<void>
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  // Owner-only data at rest, also for folders and files an earlier version left with the umask.
  // A folder we cannot create or change is reported by the parts that then fail to write.
  try {
    tightenDataDir(options.dataDir, ['cache'])
  } catch (error) {
    log.warn('Could not restrict the data folder to its owner', error)
  }
  const events = new EventHub()
  const vault = await CredentialVault.open(options.vault ?? {})
  const problems: StoreProblem[] = []
  const store = await AccountStore.open(options.dataDir, {
    assertSecretMode: (mode) => vault.assertSecretModeAvailable(mode),
    onProblem: (problem) => {
      const kind = problem.kind === 'newer-version' ? 'newer-config' : problem.kind === 'invalid-entries' ? 'config-entries-set-aside' : 'corrupt-config'
      problems.push({ kind, message: problem.message, ...(problem.movedTo ? { path: problem.movedTo } : {}) })
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
  const writes = new WriteTracker()
  let updates: UpdateService | null = null
  const unsupported = (): UpdateStatus => ({ state: 'unsupported', currentVersion: options.version, message: UPDATES_ELSEWHERE })
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
    // A browser tab has no native parts to theme: there the choice is the page's alone.
    setThemeSource: async ({ theme }) => {
      options.setThemeSource?.(theme)
    },
    ...accountHandlers(ctx),
    ...estateReadHandlers(ctx),
    ...estateWriteHandlers(ctx, sync),
    ...healthHandlers(ctx),
    inspectCertificate: async ({ pem }) => inspectCaPem(pem),
    previewBulkCreate: async ({ accountId, bunitId, csv }) => previewBulk(ctx, accountId, bunitId, csv),
    runBulkCreate: async ({ accountId, bunitId, csv, runId }) => runBulk(ctx, accountId, bunitId, csv, runId),
    getUpdateStatus: async () => updates?.status() ?? unsupported(),
    checkForUpdates: async () => (updates ? updates.check() : unsupported()),
    installUpdate: async () => {
      if (!updates) throw new DeskError('forbidden', UPDATES_ELSEWHERE)
      return updates.install()
    },
    // --- sync under real conditions (issue 14) ---
    setSyncSettings: async ({ accountId, intervalMinutes }) => {
      ctx.store.require(accountId)
      estates.get(accountId).cache.setSyncIntervalMinutes(intervalMinutes)
      ctx.publishEstate(accountId)
    }
  }

  return {
    handlers: writes.wrap(handlers),
    events,
    health: ctx.health,
    startDemo: () => startDemo(ctx),
    activity: () => ({
      syncs: store.list().filter((account) => estates.has(account.id) && estates.get(account.id).sync !== null).length,
      writes: writes.writes
    }),
    diagnostics: () => collectCoreFacts(ctx),
    setUpdates: (service) => {
      updates = service
    },
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
