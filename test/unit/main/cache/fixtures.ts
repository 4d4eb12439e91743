import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { openEstateCache, type EstateCache } from '../../../../src/main/cache'
import type { EstateSnapshot, ReferenceData, SnapshotConsumer, SnapshotNode } from '../../../../src/main/cache/types'

export function tempDir(prefix = 'desk-cache-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

export const reference: ReferenceData = {
  domains: [
    { id: 1, name: 'STANDARD', description: 'Default' },
    { id: 2, name: 'LONGTERM', description: '1 year' }
  ],
  optionSets: [{ id: 10, name: 'DEFAULT' }],
  operatingSystems: [
    { id: 1, name: 'Windows', shortName: 'WIN', supportedNodeTypeIds: [1, 2] },
    { id: 2, name: 'Linux', shortName: 'LNX', supportedNodeTypeIds: [1] }
  ],
  nodeTypes: [
    { id: 1, name: 'File server' },
    { id: 2, name: 'SQL Server' }
  ],
  timeZones: [{ id: 4, name: '(GMT+01:00) Stockholm' }],
  defaultServer: { id: 1, name: 'SP01' }
}

/**
 * A small estate:
 *   1 Acme
 *   ├─ 2 Stockholm      consumers 100 (web01, node), 101 (db01, node), 102 (empty, no node)
 *   │   └─ 4 Lab        consumer 103 (lab-box, node)
 *   └─ 3 Göteborg       consumer 104 (Åsa laptop, node)
 */
export function smallSnapshot(): EstateSnapshot {
  const consumers: SnapshotConsumer[] = [
    { id: 100, bunitId: 2, name: 'web01', note: 'Public web server', stateId: 3, stateName: 'Active', createdDate: '2024-01-01T00:00:00Z' },
    { id: 101, bunitId: 2, name: 'db01', note: null, stateId: 3, stateName: 'Active', createdDate: '2024-01-02T00:00:00Z' },
    { id: 102, bunitId: 2, name: 'empty', note: 'waiting for node', stateId: 1, stateName: 'New' },
    { id: 103, bunitId: 4, name: 'lab-box', note: '=cmd|calc', stateId: 3, stateName: 'Active' },
    { id: 104, bunitId: 3, name: 'Åsa laptop', note: 'Sales', stateId: 3, stateName: 'Active' }
  ]
  const node = (consumerId: number, tsmName: string, extra: Partial<SnapshotNode> = {}): SnapshotNode => ({
    consumerId,
    nodeId: consumerId + 1000,
    tsmName,
    activated: true,
    activatedDate: '2024-02-01T00:00:00Z',
    osId: 1,
    osName: 'Windows',
    typeId: 1,
    typeName: 'File server',
    domainId: 1,
    domainName: 'STANDARD',
    optionSetId: 10,
    optionSetName: 'DEFAULT',
    cpuCount: 2,
    contact: 'ops@acme.example',
    lastAccessTime: '2024-03-01T00:00:00Z',
    proxyAgents: [],
    proxyTargets: [],
    ...extra
  })
  return {
    rootBunitId: 1,
    portalVersion: '1.0.4480.0',
    syncedAt: '2024-05-01T10:00:00.000Z',
    bunits: [
      { id: 1, parentId: null, name: 'Acme', registrationNumber: 'SE556600000001' },
      { id: 2, parentId: 1, name: 'Stockholm' },
      { id: 3, parentId: 1, name: 'Göteborg' },
      { id: 4, parentId: 2, name: 'Lab' }
    ],
    consumers,
    nodes: [
      node(100, 'WEB01', { contact: 'Jenny Web' }),
      // db01 acts for web01 (db01 is a proxy agent of web01), told from the target's side only.
      node(101, 'DB01', { osId: 2, osName: 'Linux', typeId: 1, proxyTargets: [{ nodeId: 1100, tsmName: 'WEB01' }] }),
      node(103, 'LABBOX', { activated: false, activatedDate: null, tsmName: null, contact: 'lab team' }),
      node(104, 'ASA-LAPTOP', { domainId: 2, domainName: 'LONGTERM' })
    ],
    reference
  }
}

/** A larger synthetic estate for the few tests that need volume. */
export function bigSnapshot(units: number, consumersPerUnit: number): EstateSnapshot {
  const bunits: EstateSnapshot['bunits'] = [{ id: 1, parentId: null, name: 'Root' }]
  for (let i = 2; i <= units; i++) bunits.push({ id: i, parentId: i <= 10 ? 1 : 2 + (i % 9), name: `Unit ${i}` })
  const consumers: SnapshotConsumer[] = []
  const nodes: SnapshotNode[] = []
  let id = 1
  for (const u of bunits) {
    for (let k = 0; k < consumersPerUnit; k++, id++) {
      consumers.push({ id, bunitId: u.id, name: `host-${u.id}-${k}`, note: k % 7 === 0 ? `note ${id}` : null })
      nodes.push({ consumerId: id, nodeId: id, tsmName: `HOST-${u.id}-${k}`, activated: k % 3 !== 0, contact: `c${id}` })
    }
  }
  return { rootBunitId: 1, bunits, consumers, nodes, reference }
}

/** A fresh cache file in its own temp folder for each test; read `cache` and `file` inside tests. */
export function cachePerTest(): { readonly cache: EstateCache; readonly file: string } {
  let cache: EstateCache | undefined
  let file = ''
  let cleanup = () => {}
  beforeEach(() => {
    const t = tempDir()
    cleanup = t.cleanup
    file = path.join(t.dir, 'a.sqlite')
    cache = openEstateCache(file)
  })
  afterEach(() => {
    cache?.close()
    cleanup()
  })
  return {
    get cache() {
      if (!cache) throw new Error('cachePerTest: read the cache inside a test')
      return cache
    },
    get file() {
      return file
    }
  }
}
