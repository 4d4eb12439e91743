/**
 * Each account's local estate: its SQLite cache (opened lazily, one file per account), whether
 * its portal answered recently, and its sync (one at a time, cancellable). Views read from here,
 * so everything browses offline.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openEstateCache, type EstateCache, type EstateDiff } from '../cache'
import type { EstateStatus, SyncDiffView } from '../../shared/ipc/estate-models'
import { DeskError } from '../../shared/errors'
import { log } from '../log'

/** Minutes between background syncs until the user changes it (issue 14; sync-schedule.ts). */
export const DEFAULT_SYNC_INTERVAL_MINUTES = 30

export class AccountEstate {
  private opened: EstateCache | null = null
  /** The portal answered the last call we made (false: browse from the cache, no writes). */
  online = true
  sync: AbortController | null = null
  lastError: string | null = null
  readonly problems: string[] = []

  constructor(
    readonly accountId: string,
    readonly file: string
  ) {}

  get cache(): EstateCache {
    if (!this.opened) {
      this.opened = openEstateCache(this.file)
      const recovered = this.opened.recovered
      if (recovered) {
        const message = `The local cache could not be used (${recovered.message}) and was rebuilt${recovered.movedTo ? `; the old file is kept at ${recovered.movedTo}` : ''}. Sync to fill it again.`
        this.problems.push(message)
        log.warn(`Cache of account ${this.accountId} recovered: ${recovered.reason}`)
      }
    }
    return this.opened
  }

  status(): EstateStatus {
    const meta = this.cache.meta()
    return {
      accountId: this.accountId,
      hasSnapshot: meta.lastSyncedAt !== null,
      syncedAt: meta.lastSyncedAt,
      portalVersion: meta.portalVersion,
      counts: meta.counts,
      lastDiff: meta.lastDiff ? diffView(meta.lastDiff) : null,
      syncing: this.sync !== null,
      lastError: this.lastError,
      online: this.online,
      problems: [...this.problems],
      loading: meta.partialSync,
      syncIntervalMinutes: this.cache.syncIntervalMinutes(DEFAULT_SYNC_INTERVAL_MINUTES)
    }
  }

  close(): void {
    this.sync?.abort()
    this.opened?.close()
    this.opened = null
  }
}

export class Estates {
  private readonly estates = new Map<string, AccountEstate>()

  /** `exists` guards against re-creating the cache of an account that was just removed. */
  constructor(
    private readonly dir: string,
    private readonly exists: (accountId: string) => boolean
  ) {}

  get(accountId: string): AccountEstate {
    let estate = this.estates.get(accountId)
    if (!estate) {
      if (!this.exists(accountId)) throw new DeskError('not-found', 'That account does not exist (any more).')
      estate = new AccountEstate(accountId, join(this.dir, `${accountId}.sqlite`))
      this.estates.set(accountId, estate)
    }
    return estate
  }

  all(): AccountEstate[] {
    return [...this.estates.values()]
  }

  has(accountId: string): boolean {
    return this.estates.has(accountId)
  }

  /** Closes and deletes an account's cache (with its WAL files). Call after the account is gone. */
  remove(accountId: string): void {
    const file = join(this.dir, `${accountId}.sqlite`)
    this.estates.get(accountId)?.close()
    this.estates.delete(accountId)
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  }

  closeAll(): void {
    for (const estate of this.estates.values()) estate.close()
    this.estates.clear()
  }
}

function diffView(diff: EstateDiff): SyncDiffView {
  const part = (p: EstateDiff['consumers']) => ({
    added: p.added.map((e) => e.name),
    removed: p.removed.map((e) => e.name),
    changed: p.changed.map((e) => e.name),
    counts: p.counts
  })
  // Diffs stored before units had names carry only their counts.
  const units = diff.units ? part(diff.units) : { added: [], removed: [], changed: [], counts: diff.bunits }
  return { initial: diff.initial, units, consumers: part(diff.consumers), nodes: part(diff.nodes) }
}
