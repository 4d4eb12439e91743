/**
 * Opening a cache file: WAL mode, integrity check, migrations — and, when the file cannot be
 * used (not a database, damaged, written by a newer version, a failing migration), setting it
 * aside next to itself and starting a fresh cache. Never throws for a bad file; throws a
 * DeskError('storage') only when the directory itself is unusable.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { DeskError } from '../../shared/errors'
import { migrate, SCHEMA_VERSION } from './schema'
import { ensurePrivateDir, makePrivateFile } from '../fs/private-files'
import type { CacheRecovery } from './types'

export interface OpenedDb {
  db: Database.Database
  recovered: CacheRecovery | null
}

class Unusable extends Error {
  constructor(
    readonly reason: CacheRecovery['reason'],
    message: string
  ) {
    super(message)
  }
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Errors that say something about the machine, not the file: busy/locked by another process,
 * permissions, a full disk, I/O errors. Such a file must not be set aside as damaged.
 */
const ENVIRONMENTAL = /^SQLITE_(BUSY|LOCKED|CANTOPEN|PERM|READONLY|IOERR|FULL|NOMEM|AUTH)/

function environmental(error: unknown): DeskError | null {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !ENVIRONMENTAL.test(code)) return null
  return new DeskError('storage', `The cache file cannot be used right now (${code}): ${errorText(error)}`, { code })
}

function configure(db: Database.Database): void {
  // journal_mode answers with the mode actually in effect; on a read-only medium it stays 'delete'.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -16000')
  db.pragma('foreign_keys = OFF')
}

function hasTables(db: Database.Database): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type IN ('table', 'view')").get() as {
    n: number
  }
  return row.n > 0
}

/** Opens and validates an existing file; throws Unusable when it must be set aside. */
function openExisting(file: string, timeout: number): Database.Database {
  let db: Database.Database
  try {
    db = new Database(file, { fileMustExist: true, timeout })
  } catch (error) {
    throw environmental(error) ?? new Unusable('corrupt', `The cache file could not be opened: ${errorText(error)}`)
  }
  try {
    let version: number
    try {
      version = db.pragma('user_version', { simple: true }) as number
    } catch (error) {
      throw environmental(error) ?? new Unusable('corrupt', `The cache file is not a readable database: ${errorText(error)}`)
    }
    if (version > SCHEMA_VERSION) {
      throw new Unusable(
        'newer-version',
        `The cache file was written by a newer version of Cloutility Desk (schema ${version}, this version knows ${SCHEMA_VERSION})`
      )
    }
    let check: string[]
    try {
      check = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check)
    } catch (error) {
      throw environmental(error) ?? new Unusable('corrupt', `The cache file is damaged: ${errorText(error)}`)
    }
    if (check.length !== 1 || check[0] !== 'ok') {
      throw new Unusable('integrity', `The cache file failed its integrity check: ${check.slice(0, 3).join('; ')}`)
    }
    if (version === 0 && hasTables(db)) {
      throw new Unusable('unknown-schema', 'The file is a database, but not a Cloutility Desk cache')
    }
    try {
      configure(db)
    } catch (error) {
      throw environmental(error) ?? new Unusable('corrupt', `The cache file could not be prepared: ${errorText(error)}`)
    }
    try {
      migrate(db, version)
    } catch (error) {
      throw (
        environmental(error) ??
        new Unusable('migration-failed', `Upgrading the cache file from schema ${version} failed: ${errorText(error)}`)
      )
    }
    return db
  } catch (error) {
    try {
      db.close()
    } catch {
      // closing a broken handle may fail as well; the file is set aside next
    }
    throw error
  }
}

/** Moves the file (and its -wal/-shm companions) aside; returns the new name, or null if deleted. */
function setAside(file: string, reason: CacheRecovery['reason'], now: Date): string | null {
  const label = reason === 'newer-version' ? 'newer' : 'corrupt'
  let target = `${file}.${label}-${stamp(now)}`
  for (let i = 1; fs.existsSync(target); i++) target = `${file}.${label}-${stamp(now)}-${i}`
  try {
    fs.renameSync(file, target)
  } catch (error) {
    try {
      fs.rmSync(file, { force: true })
    } catch {
      throw new DeskError('storage', `The cache file ${file} is unusable and could not be moved or removed`, {
        path: file,
        cause: errorText(error)
      })
    }
    target = ''
  }
  for (const suffix of ['-wal', '-shm']) {
    const companion = `${file}${suffix}`
    if (!fs.existsSync(companion)) continue
    try {
      if (target !== '' && suffix === '-wal') fs.renameSync(companion, `${target}${suffix}`)
      else fs.rmSync(companion, { force: true })
    } catch {
      // A stale companion cannot be read without its database; a failed removal is only clutter.
      try {
        fs.rmSync(companion, { force: true })
      } catch {
        // ignore
      }
    }
  }
  return target === '' ? null : target
}

function createFresh(file: string, timeout: number): Database.Database {
  let db: Database.Database
  try {
    db = new Database(file, { timeout })
  } catch (error) {
    throw new DeskError('storage', `The cache file ${file} could not be created: ${errorText(error)}`, { path: file })
  }
  try {
    configure(db)
    migrate(db, 0)
    return db
  } catch (error) {
    db.close()
    throw new DeskError('storage', `The cache file ${file} could not be initialised: ${errorText(error)}`, {
      path: file
    })
  }
}

export interface OpenDbOptions {
  now?: () => Date
  /** How long to wait for another connection's lock; default 5000 ms. */
  busyTimeoutMs?: number
}

export function openCacheDb(file: string, options: OpenDbOptions = {}): OpenedDb {
  try {
    // Owner-only (0700) even when the folder existed with the umask's 0755.
    ensurePrivateDir(path.dirname(file))
  } catch (error) {
    throw new DeskError('storage', `The cache folder for ${file} could not be created: ${errorText(error)}`, {
      path: file
    })
  }
  const opened = openOrRecover(file, options)
  // SQLite gives the -wal and -shm files the database file's mode, so 0600 here covers them.
  for (const suffix of ['', '-wal', '-shm']) makePrivateFile(`${file}${suffix}`)
  return opened
}

function openOrRecover(file: string, options: OpenDbOptions): OpenedDb {
  const now = options.now ?? (() => new Date())
  const timeout = options.busyTimeoutMs ?? 5000
  if (fs.existsSync(file)) {
    try {
      return { db: openExisting(file, timeout), recovered: null }
    } catch (error) {
      if (!(error instanceof Unusable)) throw error
      const movedTo = setAside(file, error.reason, now())
      return { db: createFresh(file, timeout), recovered: { reason: error.reason, message: error.message, movedTo } }
    }
  }
  // A -wal left behind without its database belongs to nothing we can read: drop it.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
  return { db: createFresh(file, timeout), recovered: null }
}
