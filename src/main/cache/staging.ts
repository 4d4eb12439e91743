/**
 * Streaming a sync into the account's SQLite file (issue 14). The crawl writes what it reads into
 * staging tables (`stage_*`, same columns as the live ones) in small batches instead of building
 * the snapshot in memory; `EstateCache.commitStaging` swaps them in with one transaction at the
 * end, so a later sync never shows a half-new estate and a failed one changes nothing.
 *
 * On an account that has never been synced there is nothing to protect, and a long empty screen
 * helps nobody: the staging is "progressive" and writes straight into the live tables as data
 * arrives (the tree at once, each unit's consumers as soon as they are listed, nodes as they
 * come), with the meta key `partialSync` set so the UI can say what is still loading. The final
 * commit then only adds what needs everything (proxy relations, unit counts, the search index).
 *
 * Memory: the buffers below hold at most BATCH items (flushed in one transaction each, and at
 * least every FLUSH_MS so the screen fills in); the consumers the node phase walks are read back
 * a page at a time.
 */
import type Database from 'better-sqlite3'
import { StatementCache } from './statements'
import { insertBunitRow, insertConsumerRow, insertNodeRow, json, type Bindable, type Run } from './rows'
import { bunitFields, indexEntity } from './search-index'
import type { ProxyRef, SnapshotBunit, SnapshotConsumer, SnapshotNode } from './types'

/** Items buffered before one write transaction. */
export const STAGE_BATCH = 500
/** A buffer older than this is written even if it is not full (the screen fills in). */
export const STAGE_FLUSH_MS = 250
/** Unit consumer counts of a first sync are brought up to date at most this often. */
const RECOMPUTE_MS = 1000

const TABLES = [
  ['stage_bunits', 'bunits'],
  ['stage_consumers', 'consumers'],
  ['stage_nodes', 'nodes']
] as const

/** Where rows go: the staging tables, or (first sync) the live ones. */
interface Targets {
  bunits: string
  consumers: string
  nodes: string
}

export interface StagedConsumerRef {
  /** Paging key (the row id; for the live table that is the consumer id). */
  seq: number
  id: number
  bunitId: number
  name: string
}

/** What the live side must do when progressive writes change the tree's consumer counts. */
export interface LiveHooks {
  recomputeUnits(): void
}

export class SyncStaging {
  private consumers: SnapshotConsumer[] = []
  private nodes: { node: SnapshotNode }[] = []
  private oldest = 0
  private recomputedAt = 0
  private closed = false
  private readonly to: Targets

  constructor(
    private readonly db: Database.Database,
    /** First sync of the account: also write the live tables as data arrives. */
    readonly progressive: boolean,
    private readonly hooks: LiveHooks,
    private readonly clock: () => number = () => performance.now()
  ) {
    this.to = progressive ? { bunits: 'bunits', consumers: 'consumers', nodes: 'nodes' } : { bunits: 'stage_bunits', consumers: 'stage_consumers', nodes: 'stage_nodes' }
    this.statements = new StatementCache(db)
  }

  private readonly statements: StatementCache

  private stmt(sql: string): Database.Statement {
    return this.statements.get(sql)
  }

  private readonly run: Run = (sql: string, ...params: Bindable[]) => this.stmt(sql).run(...params)

  /** Fresh, empty staging tables (left-overs of an interrupted sync are dropped). */
  begin(): void {
    this.db.transaction(() => {
      this.dropTables()
      this.db.exec('CREATE TABLE stage_proxies (consumer_id INTEGER NOT NULL, agents TEXT, targets TEXT)')
      if (this.progressive) {
        // A first sync that stopped half-way left a partial picture: start it again from nothing.
        for (const table of ['bunits', 'consumers', 'nodes', 'proxy_relations', 'search_items']) this.db.exec(`DELETE FROM ${table}`)
        this.db.exec("INSERT INTO search_fts(search_fts) VALUES('delete-all')")
        this.setPartial('tree')
        return
      }
      for (const [stage, live] of TABLES) this.db.exec(`CREATE TABLE ${stage} AS SELECT * FROM ${live} WHERE 0`)
      this.db.exec('CREATE INDEX stage_bunits_id ON stage_bunits(id)')
    })()
  }

  /** The unit tree, as soon as it is read. */
  putTree(units: readonly SnapshotBunit[]): void {
    this.db.transaction(() => {
      for (const u of units) insertBunitRow(this.run, u, this.to.bunits, 'INSERT OR REPLACE')
      if (!this.progressive) return
      for (const u of units) indexEntity(this.db, 'bunit', u.id, u.id, u.name, bunitFields(u))
      this.hooks.recomputeUnits()
      this.setPartial('consumers')
    })()
  }

  /** Registration number and note of a unit, learnt from its consumers or its own record. */
  setUnitFacts(id: number, facts: { registrationNumber: string | null; note: string | null; timeZoneId?: number | null; timeZoneName?: string | null }): void {
    this.db.transaction(() => {
      this.run(`UPDATE ${this.to.bunits} SET registration_number = ?, note = ? WHERE id = ?`, facts.registrationNumber, facts.note, id)
      // The time zone comes only with the unit's own detail; facts learned from a consumer leave it be.
      if (facts.timeZoneId !== undefined) {
        this.run(`UPDATE ${this.to.bunits} SET time_zone_id = ?, time_zone_name = ? WHERE id = ?`, facts.timeZoneId, facts.timeZoneName ?? null, id)
      }
      if (!this.progressive) return
      const unit = this.stmt('SELECT name FROM bunits WHERE id = ?').get(id) as { name: string } | undefined
      if (unit) indexEntity(this.db, 'bunit', id, id, unit.name, bunitFields({ name: unit.name, ...facts }))
    })()
  }

  /** One unit's consumers, as soon as they are listed. */
  addConsumers(list: readonly SnapshotConsumer[]): void {
    if (list.length === 0) return
    if (this.consumers.length === 0 && this.nodes.length === 0) this.oldest = this.clock()
    this.consumers.push(...list)
    this.maybeFlush()
  }

  /** One consumer's node. */
  addNode(node: SnapshotNode): void {
    if (this.consumers.length === 0 && this.nodes.length === 0) this.oldest = this.clock()
    this.nodes.push({ node })
    this.maybeFlush()
  }

  private maybeFlush(): void {
    if (this.consumers.length + this.nodes.length >= STAGE_BATCH || this.clock() - this.oldest >= STAGE_FLUSH_MS) this.flush()
  }

  /** Writes what is buffered, in one transaction. */
  flush(): void {
    if (this.closed || (this.consumers.length === 0 && this.nodes.length === 0)) return
    const consumers = this.consumers
    const nodes = this.nodes
    this.consumers = []
    this.nodes = []
    this.db.transaction(() => {
      const mode = this.progressive ? 'INSERT OR REPLACE' : 'INSERT'
      for (const c of consumers) insertConsumerRow(this.run, c, mode, this.to.consumers)
      for (const { node } of nodes) {
        insertNodeRow(this.run, node, mode, this.to.nodes)
        if (node.proxyAgents !== undefined || node.proxyTargets !== undefined) {
          this.run('INSERT INTO stage_proxies (consumer_id, agents, targets) VALUES (?, ?, ?)', node.consumerId, proxyJson(node.proxyAgents), proxyJson(node.proxyTargets))
        }
      }
      // Units are searchable while a first sync runs; consumers and nodes join the search index
      // at the commit (it is rebuilt then anyway, and indexing 10,000s of rows one by one takes
      // CPU the crawl needs to keep its calls in flight).
      // Unit counts follow at most once a second (the views re-read no more often than that).
      if (this.progressive && consumers.length > 0 && this.clock() - this.recomputedAt >= RECOMPUTE_MS) {
        this.hooks.recomputeUnits()
        this.recomputedAt = this.clock()
      }
    })()
  }

  /** Every consumer listed so far is stored (and, on a first sync, visible): nodes come next. */
  consumersDone(): void {
    this.flush()
    if (!this.progressive) return
    this.db.transaction(() => {
      this.hooks.recomputeUnits()
      this.setPartial('nodes')
    })()
  }

  /** Stored consumers after `afterSeq`, in storage order, at most `limit` of them. */
  consumerPage(afterSeq: number, limit: number): StagedConsumerRef[] {
    // "AS seq": selected bare, a rowid that aliases an INTEGER PRIMARY KEY is named after it.
    return this.stmt(`SELECT rowid AS seq, id, bunit_id AS bunitId, name FROM ${this.to.consumers} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .all(afterSeq, limit) as StagedConsumerRef[]
  }

  /** Staged node rows with proxy references, a page at a time (for the commit). */
  proxyPage(afterSeq: number, limit: number): { seq: number; consumerId: number; agents: ProxyRef[] | undefined; targets: ProxyRef[] | undefined }[] {
    const rows = this.stmt('SELECT rowid AS seq, consumer_id AS consumerId, agents, targets FROM stage_proxies WHERE rowid > ? ORDER BY rowid LIMIT ?')
      .all(afterSeq, limit) as { seq: number; consumerId: number; agents: string | null; targets: string | null }[]
    return rows.map((r) => ({ seq: r.seq, consumerId: r.consumerId, agents: proxyParse(r.agents), targets: proxyParse(r.targets) }))
  }

  /** Drops the staging tables (after the swap, or when the sync failed). */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.consumers = []
    this.nodes = []
    try {
      this.db.transaction(() => this.dropTables())()
    } catch {
      // The cache may be closing; `begin` of the next sync drops left-overs anyway.
    }
  }

  private dropTables(): void {
    this.statements.clear() // statements on dropped tables cannot be reused
    for (const table of ['stage_bunits', 'stage_consumers', 'stage_nodes', 'stage_proxies']) this.db.exec(`DROP TABLE IF EXISTS ${table}`)
  }

  private setPartial(loading: 'tree' | 'consumers' | 'nodes'): void {
    this.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      'partialSync',
      JSON.stringify(loading)
    )
  }
}

function proxyJson(refs: ProxyRef[] | undefined): string | null {
  return refs === undefined ? null : (json(refs) ?? '[]')
}

function proxyParse(text: string | null): ProxyRef[] | undefined {
  if (text === null) return undefined
  try {
    const value = JSON.parse(text) as unknown
    return Array.isArray(value) ? (value as ProxyRef[]) : undefined
  } catch {
    return undefined
  }
}
