/**
 * Facts about the core for "Copy diagnostics": how many accounts and in which state, the keychain,
 * each cache's size and the last sync's outcome. Accounts are numbered, never named: no display
 * name, user, portal address or customer name leaves through here, and no error text either
 * (sync errors can quote portal answers); the log file has the details.
 */
import { statSync } from 'node:fs'
import type { CoreContext } from './context'

export interface AccountFacts {
  /** 1-based position in the switcher. */
  position: number
  kind: 'portal' | 'demo'
  secretMode: 'keychain' | 'session'
  status: string
  cacheBytes: number
  lastSync: { at: string | null; outcome: 'never' | 'ok' | 'failed' | 'cancelled' | 'running'; counts: { bunits: number; consumers: number; nodes: number } | null }
}

export interface CoreFacts {
  accountCount: number
  keychain: { available: boolean; code?: string }
  accountsReadOnly: boolean
  problems: string[]
  accounts: AccountFacts[]
  cacheBytesTotal: number
}

function fileBytes(file: string): number {
  let total = 0
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(`${file}${suffix}`).size
    } catch {
      // not there
    }
  }
  return total
}

export function collectCoreFacts(ctx: CoreContext): CoreFacts {
  const keychain = ctx.vault.keychainStatus
  const accounts = ctx.store.list().map((account, index): AccountFacts => {
    const estate = ctx.estates.get(account.id)
    const meta = estate.cache.meta()
    const outcome = estate.sync
      ? 'running'
      : estate.lastError !== null
        ? estate.lastError.startsWith('The sync was cancelled')
          ? 'cancelled'
          : 'failed'
        : meta.lastSyncedAt !== null
          ? 'ok'
          : 'never'
    return {
      position: index + 1,
      kind: account.kind,
      secretMode: account.secretMode,
      status: ctx.sessions.get(account.id)?.state.status ?? 'signed-out',
      cacheBytes: fileBytes(estate.file),
      lastSync: { at: meta.lastSyncedAt, outcome, counts: meta.lastSyncedAt !== null ? { ...meta.counts } : null }
    }
  })
  return {
    accountCount: accounts.length,
    keychain: keychain.available ? { available: true } : { available: false, code: keychain.code },
    accountsReadOnly: ctx.store.readOnly !== null,
    problems: ctx.problems.map((p) => p.kind),
    accounts,
    cacheBytesTotal: accounts.reduce((sum, a) => sum + a.cacheBytes, 0)
  }
}
