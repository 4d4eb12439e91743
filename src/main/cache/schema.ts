/**
 * The cache schema, as an ordered list of migrations. `PRAGMA user_version` holds the number of
 * the last migration applied; each migration runs in its own transaction together with the
 * version bump, so a file is always at exactly one known version.
 *
 * Never edit a migration that has shipped: add a new one.
 */
import type Database from 'better-sqlite3'
import { rebuildSearchIndex } from './search-index'

export interface Migration {
  version: number
  description: string
  up: (db: Database.Database) => void
}

/** Version 1: the estate itself, reference lists and sync metadata. */
export const SCHEMA_V1_SQL = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE bunits (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER,
  name TEXT NOT NULL,
  path TEXT NOT NULL DEFAULT '',
  depth INTEGER NOT NULL DEFAULT 0,
  ord INTEGER NOT NULL DEFAULT 0,
  subtree_end INTEGER NOT NULL DEFAULT 0,
  registration_number TEXT,
  group_name TEXT,
  note TEXT,
  consumer_count INTEGER NOT NULL DEFAULT 0,
  total_consumer_count INTEGER NOT NULL DEFAULT 0,
  child_count INTEGER NOT NULL DEFAULT 0,
  raw TEXT
);
CREATE INDEX bunits_parent ON bunits(parent_id);
CREATE INDEX bunits_ord ON bunits(ord);

CREATE TABLE consumers (
  id INTEGER PRIMARY KEY,
  bunit_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  note TEXT,
  state_id INTEGER,
  state_name TEXT,
  created_date TEXT,
  billing_start_date TEXT,
  raw TEXT
);
CREATE INDEX consumers_bunit_name ON consumers(bunit_id, name COLLATE NOCASE);
CREATE INDEX consumers_name ON consumers(name COLLATE NOCASE);
CREATE INDEX consumers_state ON consumers(state_id);
CREATE INDEX consumers_created ON consumers(created_date);

CREATE TABLE nodes (
  consumer_id INTEGER PRIMARY KEY,
  node_id INTEGER,
  tsm_name TEXT,
  activated INTEGER NOT NULL DEFAULT 0,
  activated_date TEXT,
  os_id INTEGER,
  os_name TEXT,
  type_id INTEGER,
  type_name TEXT,
  domain_id INTEGER,
  domain_name TEXT,
  option_set_id INTEGER,
  option_set_name TEXT,
  cpu_count INTEGER,
  contact TEXT,
  last_access_time TEXT,
  locked INTEGER,
  decommissioned INTEGER,
  raw TEXT
);
CREATE INDEX nodes_node_id ON nodes(node_id);
CREATE INDEX nodes_tsm_name ON nodes(tsm_name COLLATE NOCASE);
CREATE INDEX nodes_activated ON nodes(activated, activated_date);
CREATE INDEX nodes_os ON nodes(os_id);
CREATE INDEX nodes_type ON nodes(type_id);
CREATE INDEX nodes_domain ON nodes(domain_id);
CREATE INDEX nodes_option_set ON nodes(option_set_id);
CREATE INDEX nodes_last_access ON nodes(last_access_time);
CREATE INDEX nodes_contact ON nodes(contact COLLATE NOCASE);

CREATE TABLE proxy_relations (
  agent_consumer_id INTEGER NOT NULL,
  target_consumer_id INTEGER NOT NULL,
  PRIMARY KEY (agent_consumer_id, target_consumer_id)
) WITHOUT ROWID;
CREATE INDEX proxy_by_target ON proxy_relations(target_consumer_id, agent_consumer_id);

CREATE TABLE ref_items (
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  name TEXT NOT NULL,
  short_name TEXT,
  description TEXT,
  raw TEXT,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE os_node_types (
  os_id INTEGER NOT NULL,
  type_id INTEGER NOT NULL,
  PRIMARY KEY (os_id, type_id)
) WITHOUT ROWID;
`

/** Version 2: the search index (a plain table for exact/prefix, FTS5 trigram for substrings). */
export const SCHEMA_V2_SQL = `
CREATE TABLE search_items (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ref_id INTEGER NOT NULL,
  bunit_id INTEGER,
  field TEXT NOT NULL,
  weight INTEGER NOT NULL,
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  norm TEXT NOT NULL
);
CREATE INDEX search_items_weight_norm ON search_items(weight, norm);
CREATE VIRTUAL TABLE search_fts USING fts5(
  norm,
  content='search_items',
  content_rowid='id',
  tokenize='trigram'
);
`

/**
 * Version 3: backup health (issue 9). One row per consumer from the last health refresh (the
 * whole table is replaced by each refresh, in one transaction), and what was fetched on demand:
 * a consumer's jobs and report history, a unit's billing. Those are small JSON documents per
 * consumer or unit, read whole by one view, so they are stored whole.
 */
export const SCHEMA_V3_SQL = `
CREATE TABLE health (
  consumer_id INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  severity INTEGER NOT NULL,
  status_name TEXT,
  report_date TEXT,
  since TEXT,
  last_success TEXT,
  stored_mb REAL,
  backup_mb REAL,
  archive_mb REAL,
  delta_mb REAL,
  transferred_mb REAL,
  warnings TEXT,
  note TEXT
);
CREATE INDEX health_severity ON health(severity, since);

CREATE TABLE health_jobs (
  consumer_id INTEGER PRIMARY KEY,
  days INTEGER NOT NULL,
  fetched_at TEXT NOT NULL,
  first_job_at TEXT,
  jobs TEXT NOT NULL
);

CREATE TABLE health_history (
  consumer_id INTEGER PRIMARY KEY,
  days INTEGER NOT NULL,
  fetched_at TEXT NOT NULL,
  points TEXT NOT NULL
);

CREATE TABLE unit_billing (
  bunit_id INTEGER PRIMARY KEY,
  fetched_at TEXT NOT NULL,
  billing TEXT NOT NULL,
  invoices TEXT NOT NULL,
  message TEXT
);
`

/** v4 (issue 11): a unit's time zone, so its page shows it offline (the note was already kept). */
export const SCHEMA_V4_SQL = `
ALTER TABLE bunits ADD COLUMN time_zone_id INTEGER;
ALTER TABLE bunits ADD COLUMN time_zone_name TEXT;
`

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'estate tables, reference lists, sync metadata',
    up: (db) => db.exec(SCHEMA_V1_SQL)
  },
  {
    version: 2,
    description: 'search index (FTS5 trigram)',
    up: (db) => {
      db.exec(SCHEMA_V2_SQL)
      rebuildSearchIndex(db)
    }
  },
  {
    version: 3,
    description: 'backup health, jobs, report history, billing',
    up: (db) => db.exec(SCHEMA_V3_SQL)
  },
  {
    version: 4,
    description: 'unit time zone (shown offline)',
    up: (db) => db.exec(SCHEMA_V4_SQL)
  }
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

/** Applies every migration above `from`, each in its own transaction. */
export function migrate(db: Database.Database, from: number): void {
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
