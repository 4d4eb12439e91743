/**
 * Prepared statements of one connection, prepared once per SQL text. Shared by the estate cache,
 * its health part and the sync's staging writer, which all run the same few statements many times.
 */
import type Database from 'better-sqlite3'

export class StatementCache {
  private readonly prepared = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let s = this.prepared.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.prepared.set(sql, s)
    }
    return s
  }

  /** Forget them all (the connection closes, or tables they use were dropped). */
  clear(): void {
    this.prepared.clear()
  }
}
