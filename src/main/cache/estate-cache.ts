/**
 * The per-account estate cache: one SQLite file per account, opened with `openEstateCache(file)`.
 * Synchronous (better-sqlite3) and meant for Electron's main process; no Electron import.
 *
 * Writes: `replaceSnapshot` swaps the whole estate in one transaction (after a full sync) and
 * records the diff; the `upsert*` / `delete*` methods apply the answer of a write the app made.
 * Every failure surfaces as a DeskError('storage') and leaves the previous content in place.
 */
import type Database from 'better-sqlite3'
import { StatementCache } from './statements'
import { DeskError } from '../../shared/errors'
import { diffEstates, type ComparableConsumer, type ComparableNode } from './diff'
import { initialDiff } from './initial-diff'
import { SyncStaging } from './staging'
import { openCacheDb } from './open'
import { HealthCache } from './health-cache'
import { searchCache, type SearchHit, type SearchOptions } from './search'
import {
  bunitFields,
  consumerFields,
  indexEntity,
  moveEntity,
  nodeFields,
  rebuildSearchIndex,
  unindexEntity
} from './search-index'
import { insertBunitRow, insertConsumerRow, insertNodeRow, json, type Bindable, type InsertMode } from './rows'
import type {
  CacheRecovery,
  ConsumerDetail,
  ConsumerQuery,
  ConsumerRow,
  ConsumerSortKey,
  EstateDiff,
  EstateSnapshot,
  OperatingSystemRef,
  ProxyPeer,
  ProxyRef,
  RefItem,
  ReferenceLists,
  SnapshotBunit,
  SnapshotConsumer,
  SnapshotNode,
  SyncMeta,
  UnitRow,
  UnitTreeNode
} from './types'

export interface ReplaceResult {
  diff: EstateDiff
  counts: { bunits: number; consumers: number; nodes: number; proxyRelations: number }
}

export interface FirstScreen {
  meta: SyncMeta
  tree: UnitRow[]
  /** The unit whose consumers are listed (the requested one, else the first unit that has any). */
  bunitId: number | null
  consumers: ConsumerRow[]
}


const CONSUMER_COLUMNS = `
  c.id AS id, c.bunit_id AS bunitId, coalesce(b.path, '') AS bunitPath, c.name AS name, c.note AS note,
  c.state_id AS stateId, c.state_name AS stateName, c.created_date AS createdDate,
  (n.consumer_id IS NOT NULL) AS hasNode, n.tsm_name AS tsmName, n.activated AS activated,
  n.activated_date AS activatedDate, n.os_id AS osId, n.os_name AS osName, n.type_id AS typeId,
  n.type_name AS typeName, n.domain_id AS domainId, n.domain_name AS domainName,
  n.option_set_id AS optionSetId, n.option_set_name AS optionSetName, n.cpu_count AS cpuCount,
  n.contact AS contact, n.last_access_time AS lastAccessTime,
  (SELECT count(*) FROM proxy_relations p WHERE p.target_consumer_id = c.id) AS proxyAgentCount,
  (SELECT count(*) FROM proxy_relations p WHERE p.agent_consumer_id = c.id) AS proxyTargetCount`

const CONSUMER_FROM = `FROM consumers c LEFT JOIN nodes n ON n.consumer_id = c.id LEFT JOIN bunits b ON b.id = c.bunit_id`

const SORT_SQL: Record<ConsumerSortKey, string> = {
  name: 'c.name COLLATE NOCASE',
  tsmName: 'n.tsm_name COLLATE NOCASE',
  state: 'c.state_name COLLATE NOCASE',
  createdDate: 'c.created_date',
  activated: 'n.activated',
  activatedDate: 'n.activated_date',
  os: 'n.os_name COLLATE NOCASE',
  type: 'n.type_name COLLATE NOCASE',
  domain: 'n.domain_name COLLATE NOCASE',
  optionSet: 'n.option_set_name COLLATE NOCASE',
  cpuCount: 'n.cpu_count',
  contact: 'n.contact COLLATE NOCASE',
  lastAccessTime: 'n.last_access_time',
  unit: 'b.ord'
}
const SORT_NULL_SQL: Record<ConsumerSortKey, string> = {
  name: 'c.name',
  tsmName: 'n.tsm_name',
  state: 'c.state_name',
  createdDate: 'c.created_date',
  activated: 'n.activated',
  activatedDate: 'n.activated_date',
  os: 'n.os_name',
  type: 'n.type_name',
  domain: 'n.domain_name',
  optionSet: 'n.option_set_name',
  cpuCount: 'n.cpu_count',
  contact: 'n.contact',
  lastAccessTime: 'n.last_access_time',
  unit: 'b.ord'
}

const UNIT_COLUMNS = `id, parent_id AS parentId, name, path, depth, registration_number AS registrationNumber,
  note, time_zone_id AS timeZoneId, time_zone_name AS timeZoneName,
  consumer_count AS consumerCount, total_consumer_count AS totalConsumerCount, child_count AS childCount`

const REF_KINDS = {
  domain: 'domain',
  optionSet: 'optionSet',
  os: 'os',
  nodeType: 'nodeType',
  timeZone: 'timeZone',
  server: 'server'
} as const

interface RawConsumerRow extends Omit<ConsumerRow, 'hasNode' | 'activated'> {
  hasNode: number
  activated: number | null
}

function toConsumerRow(r: RawConsumerRow): ConsumerRow {
  return { ...r, hasNode: r.hasNode === 1, activated: r.activated === null ? null : r.activated === 1 }
}

function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function storageError(action: string, error: unknown): DeskError {
  if (error instanceof DeskError) return error
  return new DeskError('storage', `${action} failed: ${errorText(error)}`)
}

function partialOf(value: unknown): SyncMeta['partialSync'] {
  return value === 'tree' || value === 'consumers' || value === 'nodes' ? value : null
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value)
}

/**
 * Opens (or creates) an account's cache file. An unusable file is set aside and replaced by a
 * fresh cache (see `recovered`); a file that is merely busy or not accessible throws a
 * DeskError('storage') and is left alone.
 */
export function openEstateCache(file: string, options: { now?: () => Date; busyTimeoutMs?: number } = {}): EstateCache {
  const now = options.now ?? (() => new Date())
  const { db, recovered } = openCacheDb(file, { now, busyTimeoutMs: options.busyTimeoutMs })
  return new EstateCache(file, db, recovered, now)
}

export class EstateCache {
  private readonly statements: StatementCache
  private closed = false
  /** Backup health, jobs, history and billing, in the same file (see health-cache.ts). */
  readonly health: HealthCache

  constructor(
    readonly file: string,
    private readonly db: Database.Database,
    /** Set when the file on disk was unusable and a fresh cache was created in its place. */
    readonly recovered: CacheRecovery | null,
    private readonly now: () => Date = () => new Date()
  ) {
    this.statements = new StatementCache(db)
    this.health = new HealthCache(db, () => this.closed)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.statements.clear()
    this.db.close()
  }

  get isOpen(): boolean {
    return !this.closed
  }

  // -------------------------------------------------------------- plumbing

  private stmt(sql: string): Database.Statement {
    return this.statements.get(sql)
  }

  private all<T>(sql: string, ...params: Bindable[]): T[] {
    return this.stmt(sql).all(...params) as T[]
  }

  private get<T>(sql: string, ...params: Bindable[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined
  }

  private run(sql: string, ...params: Bindable[]): Database.RunResult {
    return this.stmt(sql).run(...params)
  }

  private read<T>(action: string, fn: () => T): T {
    if (this.closed) throw new DeskError('storage', `${action} failed: the cache is closed`)
    try {
      return fn()
    } catch (error) {
      throw storageError(action, error)
    }
  }

  private write<T>(action: string, fn: () => T): T {
    if (this.closed) throw new DeskError('storage', `${action} failed: the cache is closed`)
    try {
      return this.db.transaction(fn)()
    } catch (error) {
      throw storageError(action, error)
    }
  }

  private getMeta(key: string): unknown {
    const row = this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)
    return row ? parseJson(row.value) : null
  }

  private setMeta(key: string, value: unknown): void {
    this.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      JSON.stringify(value ?? null)
    )
  }

  // -------------------------------------------------------------- reads

  meta(): SyncMeta {
    return this.read('Reading the cache metadata', () => {
      const num = (v: unknown) => (typeof v === 'number' ? v : null)
      const str = (v: unknown) => (typeof v === 'string' ? v : null)
      const counts = this.get<{ bunits: number; consumers: number; nodes: number }>(
        `SELECT (SELECT count(*) FROM bunits) AS bunits, (SELECT count(*) FROM consumers) AS consumers,
          (SELECT count(*) FROM nodes) AS nodes`
      ) ?? { bunits: 0, consumers: 0, nodes: 0 }
      return {
        rootBunitId: num(this.getMeta('rootBunitId')),
        lastSyncedAt: str(this.getMeta('lastSyncedAt')),
        portalVersion: str(this.getMeta('portalVersion')),
        lastDiff: (this.getMeta('lastDiff') as EstateDiff | null) ?? null,
        lastSyncStats: (this.getMeta('lastSyncStats') as Record<string, number> | null) ?? null,
        lastLocalChangeAt: str(this.getMeta('lastLocalChangeAt')),
        counts,
        partialSync: partialOf(this.getMeta('partialSync'))
      }
    })
  }

  /** Minutes between background syncs (issue 14; 0 = never); `fallback` until the user sets it. */
  syncIntervalMinutes(fallback: number): number {
    return this.read('Reading the sync settings', () => {
      const v = this.getMeta('syncIntervalMinutes')
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback
    })
  }

  setSyncIntervalMinutes(minutes: number): void {
    if (!Number.isInteger(minutes) || minutes < 0) throw new DeskError('invalid-input', 'The sync interval must be a whole number of minutes (0 = never)')
    this.write('Saving the sync settings', () => this.setMeta('syncIntervalMinutes', minutes))
  }

  /** True once a full snapshot has been stored. */
  hasSnapshot(): boolean {
    return this.read('Reading the cache metadata', () => this.getMeta('lastSyncedAt') !== null)
  }

  /** All units, depth-first (children sorted by name), with consumer counts. */
  tree(): UnitRow[] {
    return this.read('Reading the unit tree', () => this.all<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM bunits ORDER BY ord`))
  }

  /** The same tree, nested; several roots only if units were orphaned. */
  treeNested(): UnitTreeNode[] {
    const rows = this.tree()
    const byId = new Map<number, UnitTreeNode>()
    const roots: UnitTreeNode[] = []
    for (const row of rows) byId.set(row.id, { ...row, children: [] })
    for (const row of rows) {
      const node = byId.get(row.id) as UnitTreeNode
      const parent = row.parentId === null ? undefined : byId.get(row.parentId)
      if (parent) parent.children.push(node)
      else roots.push(node)
    }
    return roots
  }

  unit(id: number): UnitRow | null {
    return this.read('Reading a unit', () => this.get<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM bunits WHERE id = ?`, id) ?? null)
  }

  private consumerWhere(query: ConsumerQuery): { where: string; params: Bindable[] } {
    const clauses: string[] = []
    const params: Bindable[] = []
    if (query.bunitId !== undefined) {
      if (query.includeDescendants) {
        const unit = this.get<{ ord: number; end: number }>(
          'SELECT ord, subtree_end AS end FROM bunits WHERE id = ?',
          query.bunitId
        )
        if (!unit) return { where: 'WHERE 0', params: [] }
        clauses.push('c.bunit_id IN (SELECT id FROM bunits WHERE ord BETWEEN ? AND ?)')
        params.push(unit.ord, unit.end)
      } else {
        clauses.push('c.bunit_id = ?')
        params.push(query.bunitId)
      }
    }
    const f = query.filter ?? {}
    const eq = (column: string, value: number | undefined) => {
      if (value === undefined) return
      clauses.push(`${column} = ?`)
      params.push(value)
    }
    eq('c.state_id', f.stateId)
    eq('n.os_id', f.osId)
    eq('n.type_id', f.typeId)
    eq('n.domain_id', f.domainId)
    eq('n.option_set_id', f.optionSetId)
    if (f.activated !== undefined) clauses.push(f.activated ? 'n.activated = 1' : '(n.activated IS NULL OR n.activated = 0)')
    if (f.hasNode !== undefined) clauses.push(f.hasNode ? 'n.consumer_id IS NOT NULL' : 'n.consumer_id IS NULL')
    return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
  }

  /** Consumers with their node's columns joined: one unit, a subtree, or the whole estate. */
  consumers(query: ConsumerQuery = {}): ConsumerRow[] {
    return this.read('Listing consumers', () => {
      const { where, params } = this.consumerWhere(query)
      const key: ConsumerSortKey = query.sort && query.sort in SORT_SQL ? query.sort : 'name'
      const dir = query.descending ? 'DESC' : 'ASC'
      let sql = `SELECT ${CONSUMER_COLUMNS} ${CONSUMER_FROM} ${where}
        ORDER BY (${SORT_NULL_SQL[key]} IS NULL), ${SORT_SQL[key]} ${dir}, c.name COLLATE NOCASE, c.id`
      if (query.limit !== undefined) {
        sql += ' LIMIT ? OFFSET ?'
        params.push(Math.max(0, Math.floor(query.limit)), Math.max(0, Math.floor(query.offset ?? 0)))
      }
      return this.all<RawConsumerRow>(sql, ...params).map(toConsumerRow)
    })
  }

  countConsumers(query: ConsumerQuery = {}): number {
    return this.read('Counting consumers', () => {
      const { where, params } = this.consumerWhere(query)
      return this.get<{ n: number }>(`SELECT count(*) AS n ${CONSUMER_FROM} ${where}`, ...params)?.n ?? 0
    })
  }

  /** One consumer with its node, the raw JSON and both ends of its proxy relations. */
  consumer(id: number): ConsumerDetail | null {
    return this.read('Reading a consumer', () => {
      const row = this.get<RawConsumerRow>(`SELECT ${CONSUMER_COLUMNS} ${CONSUMER_FROM} WHERE c.id = ?`, id)
      if (!row) return null
      const raw = this.get<{ consumerRaw: string | null; nodeRaw: string | null }>(
        `SELECT c.raw AS consumerRaw, n.raw AS nodeRaw FROM consumers c LEFT JOIN nodes n ON n.consumer_id = c.id
          WHERE c.id = ?`,
        id
      )
      const peers = (sql: string) =>
        this.all<ProxyPeer>(
          `SELECT c.id AS consumerId, c.bunit_id AS bunitId, c.name AS consumerName, n.tsm_name AS tsmName
           FROM proxy_relations p JOIN consumers c ON c.id = ${sql}
           LEFT JOIN nodes n ON n.consumer_id = c.id
           WHERE ${sql === 'p.agent_consumer_id' ? 'p.target_consumer_id' : 'p.agent_consumer_id'} = ?
           ORDER BY c.name COLLATE NOCASE, c.id`,
          id
        )
      return {
        consumer: toConsumerRow(row),
        consumerRaw: parseJson(raw?.consumerRaw),
        nodeRaw: parseJson(raw?.nodeRaw),
        proxyAgents: peers('p.agent_consumer_id'),
        proxyTargets: peers('p.target_consumer_id')
      }
    })
  }

  reference(): ReferenceLists {
    return this.read('Reading the reference lists', () => {
      const items = (kind: string) =>
        this.all<{ id: number; name: string; shortName: string | null; description: string | null; raw: string | null }>(
          'SELECT id, name, short_name AS shortName, description, raw FROM ref_items WHERE kind = ? ORDER BY name COLLATE NOCASE, id',
          kind
        )
      const plain = (kind: string): RefItem[] =>
        items(kind).map((r) => ({
          id: r.id,
          name: r.name,
          shortName: r.shortName,
          description: r.description,
          raw: parseJson(r.raw)
        }))
      const supported = new Map<number, number[]>()
      for (const r of this.all<{ osId: number; typeId: number }>(
        'SELECT os_id AS osId, type_id AS typeId FROM os_node_types ORDER BY os_id, type_id'
      )) {
        const list = supported.get(r.osId) ?? []
        list.push(r.typeId)
        supported.set(r.osId, list)
      }
      const operatingSystems: OperatingSystemRef[] = items(REF_KINDS.os).map((r) => ({
        id: r.id,
        name: r.name,
        shortName: r.shortName,
        description: r.description,
        raw: parseJson(r.raw),
        supportedNodeTypeIds: supported.get(r.id) ?? []
      }))
      return {
        domains: plain(REF_KINDS.domain),
        optionSets: plain(REF_KINDS.optionSet),
        operatingSystems,
        nodeTypes: plain(REF_KINDS.nodeType),
        timeZones: plain(REF_KINDS.timeZone),
        defaultServer: plain(REF_KINDS.server)[0] ?? null
      }
    })
  }

  /** What the first screen shows: metadata, the tree with counts, and one unit's consumers. */
  firstScreen(options: { bunitId?: number; limit?: number } = {}): FirstScreen {
    const meta = this.meta()
    const tree = this.tree()
    const requested = options.bunitId !== undefined && tree.some((u) => u.id === options.bunitId)
    const bunitId = requested ? (options.bunitId as number) : (tree.find((u) => u.consumerCount > 0)?.id ?? tree[0]?.id ?? null)
    const consumers =
      bunitId === null ? [] : this.consumers({ bunitId, limit: options.limit ?? 500, sort: 'name' })
    return { meta, tree, bunitId, consumers }
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    return this.read('Searching the cache', () => searchCache(this.db, query, options))
  }

  // -------------------------------------------------------------- snapshot

  private loadComparables(): {
    units: Map<number, { name: string; parentId: number | null }>
    consumers: Map<number, ComparableConsumer>
    nodes: Map<number, ComparableNode>
  } {
    const units = new Map<number, { name: string; parentId: number | null }>()
    for (const u of this.all<{ id: number; name: string; parentId: number | null }>(
      'SELECT id, name, parent_id AS parentId FROM bunits'
    )) {
      units.set(u.id, { name: u.name, parentId: u.parentId })
    }
    const consumers = new Map<number, ComparableConsumer>()
    for (const c of this.all<ComparableConsumer>(
      `SELECT id, bunit_id AS bunitId, name, note, state_id AS stateId, state_name AS stateName FROM consumers`
    )) {
      consumers.set(c.id, c)
    }
    const agents = new Map<number, number[]>()
    const targets = new Map<number, number[]>()
    for (const r of this.all<{ a: number; t: number }>(
      'SELECT agent_consumer_id AS a, target_consumer_id AS t FROM proxy_relations ORDER BY a, t'
    )) {
      agents.set(r.t, [...(agents.get(r.t) ?? []), r.a])
      targets.set(r.a, [...(targets.get(r.a) ?? []), r.t])
    }
    const nodes = new Map<number, ComparableNode>()
    type RawNode = Omit<ComparableNode, 'activated' | 'locked' | 'decommissioned' | 'proxyAgents' | 'proxyTargets'> & {
      activated: number
      locked: number | null
      decommissioned: number | null
    }
    for (const n of this.all<RawNode>(
      `SELECT n.consumer_id AS consumerId, coalesce(c.bunit_id, 0) AS bunitId,
        coalesce(n.tsm_name, c.name, '') AS name, n.tsm_name AS tsmName, n.activated, n.activated_date AS activatedDate,
        n.os_id AS osId, n.type_id AS typeId, n.domain_id AS domainId, n.option_set_id AS optionSetId,
        n.cpu_count AS cpuCount, n.contact, n.locked, n.decommissioned
       FROM nodes n LEFT JOIN consumers c ON c.id = n.consumer_id`
    )) {
      nodes.set(n.consumerId, {
        ...n,
        bunitId: n.bunitId,
        activated: n.activated === 1,
        locked: n.locked === null ? null : n.locked === 1,
        decommissioned: n.decommissioned === null ? null : n.decommissioned === 1,
        proxyAgents: (agents.get(n.consumerId) ?? []).join(','),
        proxyTargets: (targets.get(n.consumerId) ?? []).join(',')
      })
    }
    return { units, consumers, nodes }
  }

  private insertBunitRow(u: SnapshotBunit): void {
    insertBunitRow((sql, ...p) => this.run(sql, ...p), u)
  }

  private insertConsumerRow(c: SnapshotConsumer, mode: InsertMode): void {
    insertConsumerRow((sql, ...p) => this.run(sql, ...p), c, mode)
  }

  private insertNodeRow(n: SnapshotNode, mode: InsertMode): void {
    insertNodeRow((sql, ...p) => this.run(sql, ...p), n, mode)
  }

  private insertReference(snapshot: Omit<EstateSnapshot, 'bunits' | 'consumers' | 'nodes'>): void {
    const ref = snapshot.reference
    const put = (kind: string, item: RefItem) =>
      this.run(
        'INSERT OR REPLACE INTO ref_items (kind, id, name, short_name, description, raw) VALUES (?, ?, ?, ?, ?, ?)',
        kind,
        item.id,
        item.name,
        item.shortName ?? null,
        item.description ?? null,
        json(item.raw)
      )
    for (const d of ref.domains) put(REF_KINDS.domain, d)
    for (const o of ref.optionSets) put(REF_KINDS.optionSet, o)
    for (const t of ref.nodeTypes) put(REF_KINDS.nodeType, t)
    for (const z of ref.timeZones) put(REF_KINDS.timeZone, z)
    if (ref.defaultServer) put(REF_KINDS.server, ref.defaultServer)
    for (const os of ref.operatingSystems) {
      put(REF_KINDS.os, os)
      for (const typeId of os.supportedNodeTypeIds) {
        this.run('INSERT OR IGNORE INTO os_node_types (os_id, type_id) VALUES (?, ?)', os.id, typeId)
      }
    }
  }

  /** Resolves a proxy reference to a consumer id using what is in the tables now. */
  private resolveProxy(ref: ProxyRef): number | null {
    if (isInt(ref.consumerId) && this.get('SELECT 1 FROM consumers WHERE id = ?', ref.consumerId)) return ref.consumerId
    if (isInt(ref.nodeId)) {
      const row = this.get<{ id: number }>('SELECT consumer_id AS id FROM nodes WHERE node_id = ?', ref.nodeId)
      if (row) return row.id
    }
    if (typeof ref.tsmName === 'string' && ref.tsmName !== '') {
      const row = this.get<{ id: number }>(
        'SELECT consumer_id AS id FROM nodes WHERE tsm_name = ? COLLATE NOCASE ORDER BY consumer_id LIMIT 1',
        ref.tsmName
      )
      if (row) return row.id
    }
    return null
  }

  private writeProxies(n: Pick<SnapshotNode, 'consumerId' | 'proxyAgents' | 'proxyTargets'>, replace: boolean): void {
    const add = 'INSERT OR IGNORE INTO proxy_relations (agent_consumer_id, target_consumer_id) VALUES (?, ?)'
    if (n.proxyAgents !== undefined) {
      if (replace) this.run('DELETE FROM proxy_relations WHERE target_consumer_id = ?', n.consumerId)
      for (const ref of n.proxyAgents) {
        const agent = this.resolveProxy(ref)
        if (agent !== null && agent !== n.consumerId) this.run(add, agent, n.consumerId)
      }
    }
    if (n.proxyTargets !== undefined) {
      if (replace) this.run('DELETE FROM proxy_relations WHERE agent_consumer_id = ?', n.consumerId)
      for (const ref of n.proxyTargets) {
        const target = this.resolveProxy(ref)
        if (target !== null && target !== n.consumerId) this.run(add, n.consumerId, target)
      }
    }
  }

  /**
   * Recomputes what is derived from the unit tree: paths, depth, depth-first order, subtree
   * ranges, child counts and consumer counts. Only rows whose values changed are written.
   */
  private recomputeUnits(): void {
    type Row = {
      id: number
      parentId: number | null
      name: string
      path: string
      depth: number
      ord: number
      subtreeEnd: number
      consumerCount: number
      totalConsumerCount: number
      childCount: number
    }
    const rows = this.all<Row>(
      `SELECT id, parent_id AS parentId, name, path, depth, ord, subtree_end AS subtreeEnd,
        consumer_count AS consumerCount, total_consumer_count AS totalConsumerCount, child_count AS childCount
       FROM bunits`
    )
    const direct = new Map<number, number>()
    for (const r of this.all<{ id: number; n: number }>('SELECT bunit_id AS id, count(*) AS n FROM consumers GROUP BY bunit_id')) {
      direct.set(r.id, r.n)
    }
    const byId = new Map(rows.map((r) => [r.id, r]))
    const children = new Map<number | null, Row[]>()
    for (const r of rows) {
      const parent = r.parentId !== null && byId.has(r.parentId) && r.parentId !== r.id ? r.parentId : null
      const list = children.get(parent) ?? []
      list.push(r)
      children.set(parent, list)
    }
    const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id
    for (const list of children.values()) list.sort(byName)

    const next = new Map<number, Omit<Row, 'id' | 'parentId' | 'name'>>()
    let ord = 0
    const visit = (unit: Row, parentPath: string | null, depth: number, seen: Set<number>): number => {
      // Returns the subtree's consumer total. `seen` guards against a parent cycle in bad data.
      seen.add(unit.id)
      const myOrd = ord++
      const path = parentPath === null ? unit.name : `${parentPath} / ${unit.name}`
      const kids = (children.get(unit.id) ?? []).filter((k) => !seen.has(k.id))
      let total = direct.get(unit.id) ?? 0
      for (const kid of kids) total += visit(kid, path, depth + 1, seen)
      next.set(unit.id, {
        path,
        depth,
        ord: myOrd,
        subtreeEnd: ord - 1,
        consumerCount: direct.get(unit.id) ?? 0,
        totalConsumerCount: total,
        childCount: kids.length
      })
      return total
    }
    const seen = new Set<number>()
    for (const root of children.get(null) ?? []) visit(root, null, 0, seen)
    // Units caught in a cycle have no root: list them at top level rather than losing them.
    for (const r of [...rows].sort(byName)) if (!seen.has(r.id)) visit(r, null, 0, seen)

    for (const r of rows) {
      const n = next.get(r.id)
      if (!n) continue
      if (
        n.path === r.path &&
        n.depth === r.depth &&
        n.ord === r.ord &&
        n.subtreeEnd === r.subtreeEnd &&
        n.consumerCount === r.consumerCount &&
        n.totalConsumerCount === r.totalConsumerCount &&
        n.childCount === r.childCount
      ) {
        continue
      }
      this.run(
        `UPDATE bunits SET path = ?, depth = ?, ord = ?, subtree_end = ?, consumer_count = ?, total_consumer_count = ?,
          child_count = ? WHERE id = ?`,
        n.path,
        n.depth,
        n.ord,
        n.subtreeEnd,
        n.consumerCount,
        n.totalConsumerCount,
        n.childCount,
        r.id
      )
    }
  }

  /**
   * Swaps the whole estate for `snapshot` in one transaction and records the diff against the
   * previous one. If anything throws, the previous snapshot is left exactly as it was.
   */
  replaceSnapshot(snapshot: EstateSnapshot): ReplaceResult {
    if (!isInt(snapshot.rootBunitId)) throw new DeskError('invalid-input', 'The snapshot has no root unit id')
    return this.write('Saving the estate snapshot', () =>
      this.swapIn(snapshot, () => {
        for (const u of snapshot.bunits) this.insertBunitRow(u)
        for (const c of snapshot.consumers) this.insertConsumerRow(c, 'INSERT')
        for (const n of snapshot.nodes) this.insertNodeRow(n, 'INSERT')
        for (const n of snapshot.nodes) this.writeProxies(n, false)
      })
    )
  }

  /**
   * Starts a streamed sync (staging.ts). On an account never synced, the staging also writes the
   * live tables as data arrives, so the tree and the consumers show before the sync ends.
   */
  openStaging(): SyncStaging {
    return this.read('Preparing the sync', () => {
      const staging = new SyncStaging(this.db, this.getMeta('lastSyncedAt') === null, { recomputeUnits: () => this.recomputeUnits() })
      staging.begin()
      return staging
    })
  }

  /**
   * Swaps the staged estate in, in one transaction, like `replaceSnapshot` (the previous snapshot
   * stays whole if anything throws), then drops the staging tables and gives memory back.
   */
  commitStaging(staging: SyncStaging, head: Omit<EstateSnapshot, 'bunits' | 'consumers' | 'nodes'>): ReplaceResult {
    if (!isInt(head.rootBunitId)) throw new DeskError('invalid-input', 'The snapshot has no root unit id')
    staging.flush()
    const result = this.write('Saving the estate snapshot', () =>
      this.swapIn(head, () => {
        // A first sync wrote the live tables as it went; a later one swaps its staged rows in.
        if (!staging.progressive) {
          this.run('INSERT OR REPLACE INTO bunits SELECT * FROM stage_bunits')
          this.run('INSERT OR REPLACE INTO consumers SELECT * FROM stage_consumers')
          this.run('INSERT OR REPLACE INTO nodes SELECT * FROM stage_nodes')
        }
        for (let after = 0; ; ) {
          const page = staging.proxyPage(after, 1000)
          if (page.length === 0) break
          for (const p of page) this.writeProxies({ consumerId: p.consumerId, proxyAgents: p.agents, proxyTargets: p.targets }, false)
          after = page[page.length - 1]?.seq ?? after
        }
      }, staging.progressive)
    )
    staging.close()
    this.releaseMemory()
    return result
  }

  /** Hands SQLite's page cache back after a big write (the next reads refill what they need). */
  releaseMemory(): void {
    if (this.closed) return
    try {
      this.db.pragma('shrink_memory')
      this.db.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      // Busy or closing: nothing lost, the memory goes back later.
    }
  }

  /** The body of a snapshot swap; call inside `write`. `fill` inserts the new estate rows. */
  private swapIn(head: Omit<EstateSnapshot, 'bunits' | 'consumers' | 'nodes'>, fill: () => void, rowsInPlace = false): ReplaceResult {
    const initial = this.getMeta('lastSyncedAt') === null
    // A first sync has nothing to compare with (and may have left partial rows behind).
    const before = initial ? null : this.loadComparables()
    const tables = rowsInPlace ? ['proxy_relations', 'ref_items', 'os_node_types'] : ['bunits', 'consumers', 'nodes', 'proxy_relations', 'ref_items', 'os_node_types']
    for (const table of tables) this.run(`DELETE FROM ${table}`)
    fill()
    this.insertReference(head)
    this.recomputeUnits()
    rebuildSearchIndex(this.db)
    const diff = before === null ? initialDiff(this.db) : this.diffAgainst(before)
    const counts = this.get<{ bunits: number; consumers: number; nodes: number; proxyRelations: number }>(
      `SELECT (SELECT count(*) FROM bunits) AS bunits, (SELECT count(*) FROM consumers) AS consumers,
        (SELECT count(*) FROM nodes) AS nodes, (SELECT count(*) FROM proxy_relations) AS proxyRelations`
    ) ?? { bunits: 0, consumers: 0, nodes: 0, proxyRelations: 0 }
    this.setMeta('rootBunitId', head.rootBunitId)
    this.setMeta('lastSyncedAt', head.syncedAt ?? this.now().toISOString())
    this.setMeta('portalVersion', head.portalVersion ?? null)
    this.setMeta('lastDiff', diff)
    this.setMeta('lastSyncStats', head.stats ?? null)
    this.run("DELETE FROM meta WHERE key = 'partialSync'")
    return { diff, counts }
  }

  private diffAgainst(before: ReturnType<EstateCache['loadComparables']>): EstateDiff {
    const after = this.loadComparables()
    return diffEstates({
      initial: false,
      unitsBefore: before.units,
      unitsAfter: after.units,
      consumersBefore: before.consumers,
      consumersAfter: after.consumers,
      nodesBefore: before.nodes,
      nodesAfter: after.nodes
    })
  }

  // -------------------------------------------------------------- incremental updates

  private touched(): void {
    this.setMeta('lastLocalChangeAt', this.now().toISOString())
  }

  /** Inserts or updates one unit (after a create/rename/move the app made). */
  upsertBunit(u: SnapshotBunit): void {
    this.write('Updating a unit in the cache', () => {
      this.run(
        `INSERT INTO bunits (id, parent_id, name, registration_number, group_name, note, time_zone_id, time_zone_name, raw)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,
           registration_number = coalesce(excluded.registration_number, registration_number),
           group_name = coalesce(excluded.group_name, group_name), note = coalesce(excluded.note, note),
           time_zone_id = coalesce(excluded.time_zone_id, time_zone_id),
           time_zone_name = coalesce(excluded.time_zone_name, time_zone_name),
           raw = coalesce(excluded.raw, raw)`,
        u.id,
        u.parentId,
        u.name,
        u.registrationNumber ?? null,
        u.groupName ?? null,
        u.note ?? null,
        u.timeZoneId ?? null,
        u.timeZoneName ?? null,
        json(u.raw)
      )
      const row = this.get<{ registrationNumber: string | null; note: string | null }>(
        'SELECT registration_number AS registrationNumber, note FROM bunits WHERE id = ?',
        u.id
      )
      indexEntity(this.db, 'bunit', u.id, u.id, u.name, bunitFields({ name: u.name, ...row }))
      this.recomputeUnits()
      this.touched()
    })
  }

  /**
   * Keeps what a live read of a unit's detail said (note, registration number, time zone) so its
   * page shows the same offline. A read, not a change the app made: no lastLocalChangeAt.
   */
  rememberUnitDetails(id: number, d: { registrationNumber: string | null; note: string | null; timeZoneId: number | null; timeZoneName: string | null }): void {
    this.write('Keeping a unit’s details in the cache', () => {
      this.run(
        'UPDATE bunits SET registration_number = ?, note = ?, time_zone_id = ?, time_zone_name = ? WHERE id = ?',
        d.registrationNumber,
        d.note,
        d.timeZoneId,
        d.timeZoneName,
        id
      )
    })
  }

  /** Removes a unit and everything below it (units, consumers, nodes, proxy relations). */
  deleteBunit(id: number): void {
    this.write('Removing a unit from the cache', () => {
      const unit = this.get<{ ord: number; end: number }>('SELECT ord, subtree_end AS end FROM bunits WHERE id = ?', id)
      if (!unit) return
      const units = this.all<{ id: number }>('SELECT id FROM bunits WHERE ord BETWEEN ? AND ?', unit.ord, unit.end)
      for (const u of units) {
        for (const c of this.all<{ id: number }>('SELECT id FROM consumers WHERE bunit_id = ?', u.id)) {
          this.removeConsumer(c.id)
        }
        unindexEntity(this.db, 'bunit', u.id)
        this.run('DELETE FROM bunits WHERE id = ?', u.id)
      }
      this.recomputeUnits()
      this.touched()
    })
  }

  /** Inserts or updates one consumer; its node (if any) stays. */
  upsertConsumer(c: SnapshotConsumer): void {
    this.write('Updating a consumer in the cache', () => {
      const prev = this.get<{ bunitId: number }>('SELECT bunit_id AS bunitId FROM consumers WHERE id = ?', c.id)
      this.insertConsumerRow(c, 'INSERT OR REPLACE')
      indexEntity(this.db, 'consumer', c.id, c.bunitId, c.name, consumerFields(c))
      const node = this.get<{ tsmName: string | null; contact: string | null }>(
        'SELECT tsm_name AS tsmName, contact FROM nodes WHERE consumer_id = ?',
        c.id
      )
      if (node) {
        if (node.tsmName === null) indexEntity(this.db, 'node', c.id, c.bunitId, c.name, nodeFields(node))
        else if (prev?.bunitId !== c.bunitId) moveEntity(this.db, 'node', c.id, c.bunitId)
      }
      if (prev?.bunitId !== c.bunitId) this.recomputeUnits()
      this.touched()
    })
  }

  private removeConsumer(id: number): void {
    this.run('DELETE FROM consumers WHERE id = ?', id)
    this.run('DELETE FROM nodes WHERE consumer_id = ?', id)
    this.run('DELETE FROM proxy_relations WHERE agent_consumer_id = ? OR target_consumer_id = ?', id, id)
    unindexEntity(this.db, 'consumer', id)
    unindexEntity(this.db, 'node', id)
  }

  /** Removes a consumer, its node and its proxy relations. */
  deleteConsumer(id: number): void {
    this.write('Removing a consumer from the cache', () => {
      this.removeConsumer(id)
      this.recomputeUnits()
      this.touched()
    })
  }

  /**
   * Inserts or updates a consumer's node. If the node says who its proxy agents/targets are,
   * those relations are replaced; if it does not (undefined), they are kept.
   */
  upsertNode(n: SnapshotNode): void {
    this.write('Updating a node in the cache', () => {
      const consumer = this.get<{ bunitId: number; name: string }>(
        'SELECT bunit_id AS bunitId, name FROM consumers WHERE id = ?',
        n.consumerId
      )
      if (!consumer) {
        throw new DeskError('storage', `Cannot store a node for consumer ${n.consumerId}: the consumer is not in the cache`, {
          consumerId: n.consumerId
        })
      }
      this.insertNodeRow(n, 'INSERT OR REPLACE')
      this.writeProxies(n, true)
      indexEntity(this.db, 'node', n.consumerId, consumer.bunitId, n.tsmName ?? consumer.name, nodeFields(n))
      this.touched()
    })
  }

  /** Removes a node only (the API also removes the consumer: call deleteConsumer for that). */
  deleteNode(consumerId: number): void {
    this.write('Removing a node from the cache', () => {
      this.run('DELETE FROM nodes WHERE consumer_id = ?', consumerId)
      this.run(
        'DELETE FROM proxy_relations WHERE agent_consumer_id = ? OR target_consumer_id = ?',
        consumerId,
        consumerId
      )
      unindexEntity(this.db, 'node', consumerId)
      this.touched()
    })
  }

  /** Records "agent may act for target" (both are consumer ids). */
  addProxyRelation(agentConsumerId: number, targetConsumerId: number): void {
    this.write('Adding a proxy relation to the cache', () => {
      this.run(
        'INSERT OR IGNORE INTO proxy_relations (agent_consumer_id, target_consumer_id) VALUES (?, ?)',
        agentConsumerId,
        targetConsumerId
      )
      this.touched()
    })
  }

  removeProxyRelation(agentConsumerId: number, targetConsumerId: number): void {
    this.write('Removing a proxy relation from the cache', () => {
      this.run(
        'DELETE FROM proxy_relations WHERE agent_consumer_id = ? AND target_consumer_id = ?',
        agentConsumerId,
        targetConsumerId
      )
      this.touched()
    })
  }
}
