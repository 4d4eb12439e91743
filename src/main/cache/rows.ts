/**
 * How one unit, consumer or node becomes a row. Shared by the live tables (estate-cache.ts) and
 * the sync's staging tables (staging.ts), which have the same columns under another name.
 */
import type Database from 'better-sqlite3'
import type { SnapshotBunit, SnapshotConsumer, SnapshotNode } from './types'

export type Bindable = string | number | bigint | null
export type Run = (sql: string, ...params: Bindable[]) => Database.RunResult
export type InsertMode = 'INSERT' | 'INSERT OR REPLACE'

export function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

export function bool(value: boolean | null | undefined): number | null {
  return value === null || value === undefined ? null : value ? 1 : 0
}

export function insertBunitRow(run: Run, u: SnapshotBunit, table = 'bunits', mode: InsertMode = 'INSERT'): void {
  run(
    `${mode} INTO ${table} (id, parent_id, name, registration_number, group_name, note, time_zone_id, time_zone_name, raw)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
}

export function insertConsumerRow(run: Run, c: SnapshotConsumer, mode: InsertMode, table = 'consumers'): void {
  run(
    `${mode} INTO ${table} (id, bunit_id, name, note, state_id, state_name, created_date, billing_start_date, raw)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    c.id,
    c.bunitId,
    c.name,
    c.note ?? null,
    c.stateId ?? null,
    c.stateName ?? null,
    c.createdDate ?? null,
    c.billingStartDate ?? null,
    c.rawJson ?? json(c.raw)
  )
}

export function insertNodeRow(run: Run, n: SnapshotNode, mode: InsertMode, table = 'nodes'): void {
  run(
    `${mode} INTO ${table} (consumer_id, node_id, tsm_name, activated, activated_date, os_id, os_name, type_id, type_name,
      domain_id, domain_name, option_set_id, option_set_name, cpu_count, contact, last_access_time, locked,
      decommissioned, raw)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    n.consumerId,
    n.nodeId ?? null,
    n.tsmName ?? null,
    n.activated ? 1 : 0,
    n.activatedDate ?? null,
    n.osId ?? null,
    n.osName ?? null,
    n.typeId ?? null,
    n.typeName ?? null,
    n.domainId ?? null,
    n.domainName ?? null,
    n.optionSetId ?? null,
    n.optionSetName ?? null,
    n.cpuCount ?? null,
    n.contact ?? null,
    n.lastAccessTime ?? null,
    bool(n.locked),
    bool(n.decommissioned),
    n.rawJson ?? json(n.raw)
  )
}
