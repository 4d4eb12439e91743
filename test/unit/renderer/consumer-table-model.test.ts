import { describe, expect, it } from 'vitest'
import type { ConsumerRow } from '../../../src/shared/ipc/estate-models'
import { activationLabel, matchesFilter, nextSort, sortRows, visibleRows } from '../../../src/renderer/src/views/consumers/consumer-table-model'

function row(id: number, over: Partial<ConsumerRow> = {}): ConsumerRow {
  return {
    id, bunitId: 1, bunitPath: 'Acme / Sales', name: `c${id}`, note: null, stateId: 3, stateName: 'Active', createdDate: null,
    hasNode: true, tsmName: `NODE${id}`, activated: true, activatedDate: null, osId: 1, osName: 'Linux', typeId: 1, typeName: 'File Server',
    domainId: 1, domainName: '30DAYS', optionSetId: 1, optionSetName: 'DEDUP', cpuCount: 1, contact: null, lastAccessTime: null,
    proxyAgentCount: 0, proxyTargetCount: 0, ...over
  }
}

describe('consumer table model', () => {
  const rows = [
    row(1, { name: 'web-10', lastAccessTime: '2024-05-01T10:00:00Z' }),
    row(2, { name: 'web-2', tsmName: null, activated: false, lastAccessTime: null }),
    row(3, { name: 'db', hasNode: false, tsmName: null, activated: null, osName: null, contact: 'ops@example.com' }),
    row(4, { name: 'Alpha', lastAccessTime: '2023-01-01T00:00:00Z' })
  ]

  it('sorts names naturally and case-insensitively, both ways', () => {
    expect(sortRows(rows, 'name', 'asc').map((r) => r.name)).toEqual(['Alpha', 'db', 'web-2', 'web-10'])
    expect(sortRows(rows, 'name', 'desc').map((r) => r.name)).toEqual(['web-10', 'web-2', 'db', 'Alpha'])
  })

  it('keeps empty values last in either direction and sorts dates as dates', () => {
    expect(sortRows(rows, 'lastAccessTime', 'asc').map((r) => r.id)).toEqual([4, 1, 2, 3])
    expect(sortRows(rows, 'lastAccessTime', 'desc').map((r) => r.id)).toEqual([1, 4, 2, 3])
    expect(sortRows(rows, 'tsmName', 'desc').map((r) => r.id)).toEqual([4, 1, 2, 3])
  })

  it('sorts activated as a boolean', () => {
    expect(sortRows(rows, 'activated', 'asc').map((r) => r.id)).toEqual([2, 1, 4, 3])
  })

  it('filters by activation state and by text in any visible field', () => {
    expect(rows.filter((r) => matchesFilter(r, { text: '', activation: 'activated' })).map((r) => r.id)).toEqual([1, 4])
    expect(rows.filter((r) => matchesFilter(r, { text: '', activation: 'not-activated' })).map((r) => r.id)).toEqual([2])
    expect(rows.filter((r) => matchesFilter(r, { text: '', activation: 'no-node' })).map((r) => r.id)).toEqual([3])
    expect(rows.filter((r) => matchesFilter(r, { text: 'OPS@', activation: 'all' })).map((r) => r.id)).toEqual([3])
    expect(rows.filter((r) => matchesFilter(r, { text: 'node4', activation: 'all' })).map((r) => r.id)).toEqual([4])
    expect(visibleRows(rows, { text: 'web', activation: 'all' }, 'name', 'desc').map((r) => r.id)).toEqual([1, 2])
  })

  it('header clicks flip the direction or start ascending on a new column', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' })
    expect(nextSort({ key: 'name', dir: 'desc' }, 'osName')).toEqual({ key: 'osName', dir: 'asc' })
  })

  it('labels activation', () => {
    expect(rows.map(activationLabel)).toEqual(['Yes', 'No', 'No node', 'Yes'])
  })
})
