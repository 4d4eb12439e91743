import { describe, expect, it } from 'vitest'
import {
  accountScoped,
  activateNodeInput,
  auditLogInput,
  bulkRowsInput,
  consumerListInput,
  createConsumerInput,
  createConsumerWithNodeInput,
  createNodeInput,
  createUnitInput,
  deleteConsumerInput,
  exportInput,
  filespacesInput,
  nodePasswordInput,
  proxyInput,
  syncSettingsInput,
  unitRef,
  updateConsumerInput,
  updateUnitInput
} from '../../../src/shared/ipc/estate-models'
import { chars, issuesOf, refusedPaths } from './schema-issues'

const accountId = 'acc-1'
const consumer = { accountId, bunitId: 3, consumerId: 7 }
const node = { operatingSystemId: 1, typeId: 2, domainId: 3, clientOptionSetId: 4 }

describe('estate inputs fill in their defaults', () => {
  it.each([
    ['listing consumers: this unit only', consumerListInput, { accountId, bunitId: 3 }, { includeDescendants: false }],
    ['exporting: this unit only', exportInput, { accountId, format: 'csv', scope: 'consumers', bunitId: 3 }, { includeDescendants: false }],
    ['filespaces: no occupancy sync first', filespacesInput, consumer, { tsmSync: false }],
    ['deleting a consumer: its associations stay', deleteConsumerInput, consumer, { deleteAssociations: false }],
    ['a proxy relationship: called from the target', proxyInput, { accountId, bunitId: 3, agentConsumerId: 7, targetConsumerId: 8 }, { from: 'target' }],
    [
      'the audit log: the first 50, newest first, this unit only',
      auditLogInput,
      { accountId, bunitId: 3 },
      { offset: 0, limit: 50, orderDesc: true, includeDescendants: false }
    ]
  ])('%s', (_what, schema, input, defaults) => {
    expect(schema.parse(input)).toEqual({ ...input, ...defaults })
  })
})

describe('ids and account scope', () => {
  it('keeps the account id of an account-scoped call and drops unknown fields', () => {
    expect(accountScoped.parse({ accountId, extra: 1 })).toEqual({ accountId })
    expect(refusedPaths(accountScoped, {})).toEqual(['accountId'])
  })

  it.each([[undefined], [0], [-1], [1.5], ['3']])('refuses %j as a unit id', (bunitId) => {
    expect(issuesOf(unitRef, { accountId, bunitId })).toEqual(['bunitId: An id is required'])
  })
})

describe('the audit log query', () => {
  it('accepts every filter at its limits, with times carrying a UTC offset', () => {
    const input = {
      accountId,
      bunitId: 3,
      consumerId: 7,
      types: [0, 100, 200, 300, 400],
      startTime: '2024-05-01T00:00:00+02:00',
      endTime: '2024-05-31T23:59:59-05:30',
      offset: 1000,
      limit: 500,
      orderDesc: false,
      includeDescendants: true
    }
    expect(auditLogInput.parse(input)).toEqual(input)
    expect(auditLogInput.parse({ accountId, bunitId: 3, startTime: '2024-05-01T00:00:00Z', limit: 1 })).toMatchObject({ limit: 1 })
  })

  it.each([
    ['an unknown event type', { types: [150] }, 'types.0'],
    ['more than five types', { types: [0, 100, 200, 300, 400, 0] }, 'types'],
    ['a start time without an offset', { startTime: '2024-05-01T00:00:00' }, 'startTime'],
    ['an end time that is only a date', { endTime: '2024-05-31' }, 'endTime'],
    ['a negative offset', { offset: -1 }, 'offset'],
    ['a limit of 0', { limit: 0 }, 'limit'],
    ['a limit over 500', { limit: 501 }, 'limit'],
    ['a fractional limit', { limit: 2.5 }, 'limit']
  ])('refuses %s', (_what, patch, path) => {
    expect(refusedPaths(auditLogInput, { accountId, bunitId: 3, ...patch })).toEqual([path])
  })
})

describe('names and free text are trimmed, then measured against the portal limits', () => {
  it('trims unit fields and allows exactly the limit after trimming', () => {
    const input = { accountId, parentId: 1, name: `  ${chars(255)}  `, registrationNumber: ` ${chars(64)} `, note: ` ${chars(2000)}\n`, timeZoneId: 5 }
    expect(createUnitInput.parse(input)).toEqual({ accountId, parentId: 1, name: chars(255), registrationNumber: chars(64), note: chars(2000), timeZoneId: 5 })
  })

  it('trims consumer fields', () => {
    expect(createConsumerInput.parse({ accountId, bunitId: 3, name: ' web-01 ', note: ' rack 4 ' })).toEqual({ accountId, bunitId: 3, name: 'web-01', note: 'rack 4' })
    expect(createConsumerWithNodeInput.parse({ accountId, bunitId: 3, name: ' web-01 ', note: ' rack 4 ', activateAs: ` ${chars(64, 'W')} ` })).toEqual({
      accountId,
      bunitId: 3,
      name: 'web-01',
      note: 'rack 4',
      activateAs: chars(64, 'W')
    })
  })

  it('accepts an update that changes nothing but the ids', () => {
    expect(updateUnitInput.parse({ accountId, bunitId: 3 })).toEqual({ accountId, bunitId: 3 })
    expect(updateConsumerInput.parse(consumer)).toEqual(consumer)
  })

  it.each([
    ['a unit without a name', createUnitInput, { accountId, parentId: 1 }, 'name: Name is required'],
    ['a unit named only spaces', createUnitInput, { accountId, parentId: 1, name: '   ' }, 'name: Name is required'],
    ['a unit name over 255', createUnitInput, { accountId, parentId: 1, name: chars(256) }, 'name: Name is at most 255 characters'],
    ['a registration number over 64', createUnitInput, { accountId, parentId: 1, name: 'U', registrationNumber: chars(65) }, 'registrationNumber: Registration number is at most 64 characters'],
    ['a unit note over 2000', createUnitInput, { accountId, parentId: 1, name: 'U', note: chars(2001) }, 'note: Note is at most 2000 characters'],
    ['a renamed unit with a blank name', updateUnitInput, { accountId, bunitId: 3, name: ' ' }, 'name: Name is required'],
    ['an edited registration number over 64', updateUnitInput, { accountId, bunitId: 3, registrationNumber: chars(65) }, 'registrationNumber: Registration number is at most 64 characters'],
    ['a consumer without a name', createConsumerInput, { accountId, bunitId: 3 }, 'name: Name is required'],
    ['a consumer note over 2000', createConsumerInput, { accountId, bunitId: 3, name: 'C', note: chars(2001) }, 'note: Note is at most 2000 characters'],
    ['a renamed consumer with an empty name', updateConsumerInput, { ...consumer, name: '' }, 'name: Name is required'],
    ['an edited consumer note over 2000', updateConsumerInput, { ...consumer, note: chars(2001) }, 'note: Note is at most 2000 characters'],
    ['a wizard consumer without a name', createConsumerWithNodeInput, { accountId, bunitId: 3, name: ' ' }, 'name: Name is required'],
    ['a wizard consumer note over 2000', createConsumerWithNodeInput, { accountId, bunitId: 3, name: 'C', note: chars(2001) }, 'note: Note is at most 2000 characters'],
    ['a deletion comment over 500', deleteConsumerInput, { ...consumer, deletionComment: chars(501) }, 'deletionComment: Deletion comment is at most 500 characters']
  ])('refuses %s', (_what, schema, input, expected) => {
    expect(issuesOf(schema, input)).toEqual([expected])
  })

  it('accepts a 500-character deletion comment', () => {
    expect(deleteConsumerInput.parse({ ...consumer, deletionComment: chars(500) })).toMatchObject({ deletionComment: chars(500) })
  })

  it('refuses a wizard node name over 64 characters after trimming', () => {
    expect(refusedPaths(createConsumerWithNodeInput, { accountId, bunitId: 3, name: 'C', activateAs: chars(65) })).toEqual(['activateAs'])
  })
})

describe('nodes', () => {
  it('accepts the CPU count and contact at their limits', () => {
    const input = { ...consumer, ...node, cpuCount: 4096, contact: ` ${chars(255)} ` }
    expect(createNodeInput.parse(input)).toEqual({ ...input, contact: chars(255) })
    expect(createNodeInput.parse({ ...consumer, ...node, cpuCount: 1 })).toMatchObject({ cpuCount: 1 })
  })

  it.each([
    ['no CPU', createNodeInput, { ...consumer, ...node, cpuCount: 0 }, 'cpuCount: CPU count is at least 1'],
    ['too many CPUs', createNodeInput, { ...consumer, ...node, cpuCount: 4097 }, 'cpuCount: CPU count is at most 4096'],
    ['a contact over 255', createNodeInput, { ...consumer, ...node, contact: chars(256) }, 'contact: Contact is at most 255 characters'],
    ['a blank node name', activateNodeInput, { ...consumer, tsmName: '   ' }, 'tsmName: Node name is required'],
    ['a node name over 64', activateNodeInput, { ...consumer, tsmName: chars(65) }, 'tsmName: A node name is at most 64 characters'],
    ['a node password under 8', nodePasswordInput, { ...consumer, password: chars(7) }, 'password: A node password has at least 8 characters'],
    ['a node password over 64', nodePasswordInput, { ...consumer, password: chars(65) }, 'password: A node password has at most 64 characters']
  ])('refuses %s', (_what, schema, input, expected) => {
    expect(issuesOf(schema, input)).toEqual([expected])
  })

  it('trims the node name to activate and measures it after trimming', () => {
    expect(activateNodeInput.parse({ ...consumer, tsmName: ` ${chars(64, 'N')} ` })).toEqual({ ...consumer, tsmName: chars(64, 'N') })
  })

  it('accepts node passwords of 8 and 64 characters, or none (generated)', () => {
    for (const password of [chars(8), chars(64), undefined]) expect(nodePasswordInput.safeParse({ ...consumer, password }).success).toBe(true)
  })

  it("calls a proxy relationship's endpoint from the agent or the target side, nothing else", () => {
    const pair = { accountId, bunitId: 3, agentConsumerId: 7, targetConsumerId: 8 }
    expect(proxyInput.parse({ ...pair, from: 'agent' })).toEqual({ ...pair, from: 'agent' })
    expect(proxyInput.parse({ ...pair, from: 'target' })).toEqual({ ...pair, from: 'target' })
    expect(refusedPaths(proxyInput, { ...pair, from: 'both' })).toEqual(['from'])
  })
})

describe('bulk creation and background sync settings', () => {
  it('takes a CSV of up to 5 MB', () => {
    expect(bulkRowsInput.safeParse({ accountId, bunitId: 3, csv: chars(5_000_000) }).success).toBe(true)
    expect(issuesOf(bulkRowsInput, { accountId, bunitId: 3, csv: chars(5_000_001) })).toEqual(['csv: The file is too large (5 MB at most)'])
  })

  it.each([[0], [60], [1440]])('accepts a sync interval of %i minutes', (intervalMinutes) => {
    expect(syncSettingsInput.parse({ accountId, intervalMinutes })).toEqual({ accountId, intervalMinutes })
  })

  it.each([
    [-1, 'intervalMinutes: At least 0 minutes'],
    [1441, 'intervalMinutes: At most 1440 minutes (a day)']
  ])('refuses a sync interval of %i minutes', (intervalMinutes, expected) => {
    expect(issuesOf(syncSettingsInput, { accountId, intervalMinutes })).toEqual([expected])
  })
})
