/**
 * openCacheDb in detail: exact recovery reasons and messages, where a set-aside file and its
 * companions go, the busy timeout, file modes, and the storage errors for unusable folders.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCacheDb, type OpenedDb } from '../../../../src/main/cache/open'
import { SCHEMA_VERSION } from '../../../../src/main/cache/schema'
import type { DeskError } from '../../../../src/shared/errors'

const now = (): Date => new Date('2024-06-01T12:00:00.000Z')
const STAMP = '20240601T120000Z'

function thrown(fn: () => unknown): DeskError {
  try {
    fn()
  } catch (error) {
    return error as DeskError
  }
  throw new Error('expected a throw')
}

/** A database whose one table says NOT NULL over `nulls` NULL rows: quick_check lists each. */
function writeFailingQuickCheck(file: string, nulls: number): void {
  const db = new Database(file)
  db.exec('CREATE TABLE t (x ANYTHING)')
  for (let i = 0; i < nulls; i++) db.exec('INSERT INTO t VALUES (NULL)')
  db.close()
  // SQLite's defensive mode forbids editing sqlite_master: patch the schema text in the file
  // (same length, so the record stays valid).
  const bytes = fs.readFileSync(file)
  bytes.write('NOT NULL', bytes.indexOf('ANYTHING'))
  fs.writeFileSync(file, bytes)
}

const garbage = (): Buffer => Buffer.alloc(4096, 0x41)

describe('openCacheDb', () => {
  let root: string
  let dir: string
  let file: string
  let opened: OpenedDb[]
  const open = (options: Parameters<typeof openCacheDb>[1] = {}): OpenedDb => {
    const o = openCacheDb(file, { now, ...options })
    opened.push(o)
    return o
  }
  const files = (): string[] => fs.readdirSync(dir).sort()

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-storage-'))
    dir = path.join(root, 'cache')
    file = path.join(dir, 'acct.sqlite')
    opened = []
  })
  afterEach(() => {
    for (const o of opened) if (o.db.open) o.db.close()
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('uses the busy timeout it is given, on a fresh file and on an existing one', () => {
    const fresh = open({ busyTimeoutMs: 1234 })
    expect(fresh.db.pragma('busy_timeout', { simple: true })).toBe(1234)
    fresh.db.close()
    expect(open({ busyTimeoutMs: 4321 }).db.pragma('busy_timeout', { simple: true })).toBe(4321)
  })

  it('makes the file and its -wal and -shm owner-only', () => {
    const { db } = open()
    db.exec("INSERT INTO meta (key, value) VALUES ('k', 'v')")
    for (const suffix of ['', '-wal', '-shm']) {
      expect(fs.statSync(`${file}${suffix}`).mode & 0o777, suffix).toBe(0o600)
    }
  })

  it('switches an existing file back to WAL mode', () => {
    open().db.close()
    const raw = new Database(file)
    raw.pragma('journal_mode = DELETE')
    raw.close()
    expect(open().db.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('reports an unreadable file with the exact reason and message', () => {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(file, garbage())
    expect(open().recovered).toEqual({
      reason: 'corrupt',
      message: 'The cache file is not a readable database: file is not a database',
      movedTo: `${file}.corrupt-${STAMP}`
    })
  })

  it('sets aside a file failing its integrity check, quoting the first three findings', () => {
    fs.mkdirSync(dir, { recursive: true })
    writeFailingQuickCheck(file, 5)
    expect(open().recovered).toEqual({
      reason: 'integrity',
      message: 'The cache file failed its integrity check: NULL value in t.x; NULL value in t.x; NULL value in t.x',
      movedTo: `${file}.corrupt-${STAMP}`
    })
  })

  it('sets aside a file with a single integrity finding', () => {
    fs.mkdirSync(dir, { recursive: true })
    writeFailingQuickCheck(file, 1)
    expect(open().recovered).toMatchObject({ reason: 'integrity', message: 'The cache file failed its integrity check: NULL value in t.x' })
  })

  it('sets aside a file whose table pages are unreadable, with the exact message', () => {
    fs.mkdirSync(dir, { recursive: true })
    const db = new Database(file)
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('a row')")
    db.close()
    // Page 1 (header and schema) stays readable; page 2, the table's root, becomes nonsense.
    const bytes = fs.readFileSync(file)
    const pageSize = bytes.readUInt16BE(16)
    bytes.fill(0xa5, pageSize, pageSize + 16)
    fs.writeFileSync(file, bytes)
    expect(open().recovered).toEqual({
      reason: 'corrupt',
      message: 'The cache file is damaged: database disk image is malformed',
      movedTo: `${file}.corrupt-${STAMP}`
    })
  })

  it('names a foreign database exactly', () => {
    fs.mkdirSync(dir, { recursive: true })
    const db = new Database(file)
    db.exec('CREATE TABLE other (x)')
    db.close()
    expect(open().recovered?.message).toBe('The file is a database, but not a Cloutility Desk cache')
  })

  it('numbers the set-aside name when earlier ones are taken, never overwriting them', () => {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(`${file}.corrupt-${STAMP}`, 'first')
    fs.writeFileSync(`${file}.corrupt-${STAMP}-1`, 'second')
    fs.writeFileSync(file, garbage())
    expect(open().recovered?.movedTo).toBe(`${file}.corrupt-${STAMP}-2`)
    expect(fs.readFileSync(`${file}.corrupt-${STAMP}`, 'utf8')).toBe('first')
    expect(fs.readFileSync(`${file}.corrupt-${STAMP}-1`, 'utf8')).toBe('second')
    expect(fs.readFileSync(`${file}.corrupt-${STAMP}-2`).equals(garbage())).toBe(true)
  })

  it('moves the -wal along with a set-aside file and drops the -shm', () => {
    fs.mkdirSync(dir, { recursive: true })
    // Another connection (an older app instance) keeps the file open, so closing ours leaves
    // the -wal, full of unmerged frames, and the -shm in place.
    const holder = new Database(file)
    holder.pragma('journal_mode = WAL')
    holder.pragma('wal_autocheckpoint = 0')
    holder.exec("CREATE TABLE future (x); INSERT INTO future VALUES ('kept')")
    holder.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    const target = `${file}.newer-${STAMP}`
    try {
      const fresh = open()
      expect(fresh.recovered?.movedTo).toBe(target)
      expect(fs.statSync(`${target}-wal`).size).toBeGreaterThan(0)
      expect(fs.existsSync(`${target}-shm`)).toBe(false)
      expect(files()).toEqual(['acct.sqlite', 'acct.sqlite-shm', 'acct.sqlite-wal', 'acct.sqlite.newer-20240601T120000Z', 'acct.sqlite.newer-20240601T120000Z-wal'])
      expect(fresh.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'future'").get()).toEqual({ n: 0 })
      fresh.db.close()
    } finally {
      holder.close()
    }
    // The set-aside pair still reads as the old database, its frames included.
    const old = new Database(target, { readonly: true })
    expect(old.prepare('SELECT x FROM future').all()).toEqual([{ x: 'kept' }])
    old.close()
  })

  it('closes the file before setting it aside (its own -wal and -shm go with the close)', () => {
    fs.mkdirSync(dir, { recursive: true })
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE future (x)')
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    expect(open().recovered?.movedTo).toBe(`${file}.newer-${STAMP}`)
    // Left open, the handle would keep a -wal that then moved next to the set-aside file.
    expect(files()).toEqual(['acct.sqlite', 'acct.sqlite-shm', 'acct.sqlite-wal', 'acct.sqlite.newer-20240601T120000Z'])
  })

  it('removes a file whose set-aside name is too long to rename to, and its companions', () => {
    fs.mkdirSync(dir, { recursive: true })
    // 240 + 7 bytes fit a file name (255); adding ".newer-<stamp>" does not.
    file = path.join(dir, `${'x'.repeat(240)}.sqlite`)
    // A second connection keeps the -wal and -shm in place while ours gives up on the file.
    const holder = new Database(file)
    holder.pragma('journal_mode = WAL')
    holder.pragma('wal_autocheckpoint = 0')
    holder.exec('CREATE TABLE future (x)')
    holder.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    const stray = path.resolve('-wal')
    const strayBefore = fs.existsSync(stray)
    try {
      const { recovered, db } = open()
      expect(recovered).toEqual({
        reason: 'newer-version',
        message: `The cache file was written by a newer version of Cloutility Desk (schema ${SCHEMA_VERSION + 1}, this version knows ${SCHEMA_VERSION})`,
        movedTo: null
      })
      expect(files().map((f) => f.slice(240))).toEqual(['.sqlite', '.sqlite-shm', '.sqlite-wal'])
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      db.close()
    } finally {
      holder.close()
    }
    // The old -wal was removed, not renamed to a path relative to the working folder.
    const strayAfter = fs.existsSync(stray)
    if (strayAfter && !strayBefore) fs.rmSync(stray)
    expect(strayAfter).toBe(strayBefore)
  })

  it('leaves a busy file alone: a storage error naming the SQLite code', () => {
    open().db.close()
    const holder = new Database(file)
    holder.pragma('locking_mode = EXCLUSIVE')
    holder.exec('BEGIN EXCLUSIVE')
    try {
      const error = thrown(() => open({ busyTimeoutMs: 10 }))
      expect(error.kind).toBe('storage')
      expect(error.message).toBe('The cache file cannot be used right now (SQLITE_BUSY): database is locked')
      expect(error.details).toEqual({ code: 'SQLITE_BUSY' })
    } finally {
      holder.exec('COMMIT')
      holder.close()
    }
  })

  it('leaves a file alone when switching it to WAL finds it busy (a reader holds it)', () => {
    open().db.close()
    const raw = new Database(file)
    raw.pragma('journal_mode = DELETE')
    raw.close()
    const reader = new Database(file)
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM meta').get()
    try {
      const error = thrown(() => open({ busyTimeoutMs: 10 }))
      expect(error.message).toBe('The cache file cannot be used right now (SQLITE_BUSY): database is locked')
    } finally {
      reader.exec('COMMIT')
      reader.close()
    }
    expect(files()).toEqual(['acct.sqlite'])
  })

  it('treats a folder in place of the file as a storage problem, not a damaged file', () => {
    fs.mkdirSync(file, { recursive: true })
    const error = thrown(() => open())
    expect(error.message).toBe('The cache file cannot be used right now (SQLITE_CANTOPEN): unable to open database file')
    expect(error.details).toEqual({ code: 'SQLITE_CANTOPEN' })
    expect(files()).toEqual(['acct.sqlite'])
    expect(fs.statSync(file).isDirectory()).toBe(true)
  })

  it('throws a storage error when the cache folder cannot be created', () => {
    fs.writeFileSync(path.join(root, 'blocker'), '')
    file = path.join(root, 'blocker', 'acct.sqlite')
    const error = thrown(() => open())
    expect(error.kind).toBe('storage')
    expect(error.message).toMatch(new RegExp(`^The cache folder for ${file} could not be created: EEXIST`))
    expect(error.details).toEqual({ path: file })
  })

  it('throws a storage error when a fresh file cannot be created', () => {
    fs.mkdirSync(dir, { recursive: true })
    fs.symlinkSync(path.join(root, 'nowhere', 'x.sqlite'), file)
    const error = thrown(() => open())
    expect(error.kind).toBe('storage')
    expect(error.message).toBe(`The cache file ${file} could not be created: unable to open database file`)
    expect(error.details).toEqual({ path: file })
  })

  it('throws a storage error when a fresh file cannot be initialised', () => {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(file, garbage())
    // A folder where the -shm belongs can be neither moved aside nor removed: WAL cannot start.
    fs.mkdirSync(`${file}-shm`)
    const error = thrown(() => open())
    expect(error.kind).toBe('storage')
    expect(error.message).toBe(`The cache file ${file} could not be initialised: attempt to write a readonly database`)
    expect(error.details).toEqual({ path: file })
  })
})
