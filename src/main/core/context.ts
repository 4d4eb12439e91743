/**
 * What every group of handlers shares: the stores, the sessions, the estates and the event hub,
 * plus the two rules every portal call follows (reachability tracking, and no writes offline).
 */
import type { AccountStore } from '../accounts/store'
import type { CredentialVault } from '../credentials/vault'
import type { CloutilityClient } from '../cloutility'
import { DeskError } from '../../shared/errors'
import type { StoreProblem } from '../../shared/ipc/models'
import type { EventHub } from './events'
import type { AccountSession } from './account-session'
import type { Estates } from './estates'
import type { DemoPortal } from './demo-portal'
import type { HealthService } from '../health/service'

export interface AppCoreOptions {
  dataDir: string
  host: 'electron' | 'browser'
  version: string
  openExternal?: (url: string) => Promise<void>
  /** Keychain settings (tests use their own service name). */
  vault?: import('../credentials/vault').CredentialVaultOptions
  /** Calls in flight during a sync (default 8, at most 16). */
  syncConcurrency?: number
  /** How portal requests reach the network (issue 10): Electron's net in the desktop app, undici otherwise. */
  transportFactory?: import('../network/types').TransportFactory
  /** The desktop shell's native theme (Electron's nativeTheme.themeSource); absent in the browser host. */
  setThemeSource?: (theme: 'system' | 'light' | 'dark') => void
}

export interface CoreContext {
  options: AppCoreOptions
  events: EventHub
  store: AccountStore
  vault: CredentialVault
  sessions: Map<string, AccountSession>
  estates: Estates
  demo: DemoPortal
  problems: StoreProblem[]
  /** Counts published account changes (see AccountsState.revision). */
  revision: number
  /** Pushes the accounts state to every renderer. */
  publish(): void
  /** Pushes one account's estate status to every renderer (views re-read). */
  publishEstate(accountId: string): void
  session(accountId: string): AccountSession
  /** Backup health refreshes of every account (issue 9). */
  readonly health: HealthService
}

/**
 * Runs a portal call for an account, keeping its reachability true: a network failure marks the
 * account offline (the UI shows the banner, writes stop); any answer marks it online again.
 */
export async function live<T>(ctx: CoreContext, accountId: string, call: (client: CloutilityClient) => Promise<T>): Promise<T> {
  const session = ctx.session(accountId)
  try {
    const result = await call(session.client)
    session.markOnline()
    return result
  } catch (error) {
    // A lost answer that was then checked on the portal (lost-answers.ts): the portal answered.
    const checked = error instanceof DeskError && error.details?.outcome === 'not-created'
    if (error instanceof DeskError && error.kind === 'network' && !checked) session.markOffline(error.message)
    else if (error instanceof DeskError && error.kind !== 'cancelled') session.markOnline()
    throw error
  }
}

/** Refuses a write early, with the reason, when it cannot reach the portal. */
export function assertWritable(ctx: CoreContext, accountId: string): void {
  const session = ctx.session(accountId)
  const { status, message } = session.state
  if (status === 'offline') {
    const syncedAt = ctx.estates.get(accountId).cache.meta().lastSyncedAt
    throw new DeskError(
      'offline',
      `The portal is unreachable${syncedAt ? ` (showing data from ${syncedAt})` : ''}. Changes are disabled until it is back.`,
      { syncedAt, reason: message ?? null }
    )
  }
  if (status === 'needs-password' || status === 'error') {
    throw new DeskError('authentication', message ?? 'Sign in to this account first.')
  }
}
