/**
 * The pure mapping from parsed API answers to the cache's snapshot rows (src/main/sync/mapping.ts),
 * field by field. The inputs are built by hand so every branch is reached: records the portal
 * sends in odd shapes (quoted ids, missing names, empty strings) included.
 */
import { describe, expect, it } from 'vitest'
import type { BusinessUnit, Consumer, Node, NodeOperatingSystem, SimpleBusinessUnit } from '../../../../src/main/cloutility'
import { bunitFromApi, consumerFromApi, flattenTree, nodeFromApi, referenceFromApi, slimRaw, unitFactsFromConsumer } from '../../../../src/main/sync'

/** `leaf` wrapped in `levels` objects: { l: { l: ... leaf } }, so the leaf sits at depth `levels`. */
function nest(levels: number, leaf: unknown): unknown {
  let value = leaf
  for (let i = 0; i < levels; i++) value = { l: value }
  return value
}

describe('slimRaw', () => {
  it('drops $type, href, undefined values and empty arrays, recursively, and keeps everything else', () => {
    const input = {
      $type: 'Consumer',
      href: 'https://portal/v1/x',
      gone: undefined,
      empty: [],
      nothing: null,
      zero: 0,
      blank: '',
      no: false,
      list: [{ $type: 'Tag', href: 'h', k: 1 }, 2, 'two'],
      inner: { href: 'h', none: [], keep: 'yes' }
    }
    expect(slimRaw(input)).toStrictEqual({
      nothing: null,
      zero: 0,
      blank: '',
      no: false,
      list: [{ k: 1 }, 2, 'two'],
      inner: { keep: 'yes' }
    })
    expect(slimRaw([{ $type: 'T', a: 1 }, [], 'x'])).toStrictEqual([{ a: 1 }, [], 'x'])
    expect(slimRaw('text')).toBe('text')
    expect(slimRaw(null)).toBeNull()
    expect(slimRaw(42)).toBe(42)
  })

  it('reduces an embedded businessUnit to its id and name, at any depth, and drops one that is no object', () => {
    const unit = { $type: 'BusinessUnit', href: 'h', id: 5, name: 'Acme', registrationNumber: 'SE1', note: 'n', tags: [1] }
    expect(slimRaw({ id: 1, businessUnit: unit })).toStrictEqual({ id: 1, businessUnit: { id: 5, name: 'Acme' } })
    expect(slimRaw({ node: { consumer: { businessUnit: unit } } })).toStrictEqual({ node: { consumer: { businessUnit: { id: 5, name: 'Acme' } } } })
    expect(slimRaw({ id: 1, businessUnit: 'Acme' })).toStrictEqual({ id: 1 })
    expect(slimRaw({ id: 1, businessUnit: [unit] })).toStrictEqual({ id: 1 })
    expect(slimRaw({ id: 1, businessUnit: null })).toStrictEqual({ id: 1 })
  })

  it('slims down to depth 8 and keeps deeper objects and arrays as they are', () => {
    expect(slimRaw(nest(8, { $type: 'T', v: 1 }))).toStrictEqual(nest(8, { v: 1 }))
    expect(slimRaw(nest(9, { $type: 'T', v: 1 }))).toStrictEqual(nest(9, { $type: 'T', v: 1 }))
    // An array at depth 7 is mapped (its object at depth 8 slimmed); one at depth 9 is kept whole.
    expect(slimRaw(nest(7, [{ $type: 'T', v: 1 }]))).toStrictEqual(nest(7, [{ v: 1 }]))
    expect(slimRaw(nest(9, [{ $type: 'T', v: 1 }, []]))).toStrictEqual(nest(9, [{ $type: 'T', v: 1 }, []]))
    // An array is a level too: its elements sit one deeper.
    expect(slimRaw([nest(7, { $type: 'T', v: 1 })])).toStrictEqual([nest(7, { v: 1 })])
    expect(slimRaw([nest(8, { $type: 'T', v: 1 })])).toStrictEqual([nest(8, { $type: 'T', v: 1 })])
  })

  it('ends on a cyclic value: from depth 9 on, the input’s own values are returned', () => {
    const list: unknown[] = []
    list.push(list)
    let out = slimRaw(list)
    for (let depth = 0; depth < 9; depth++) {
      expect(out).not.toBe(list)
      out = (out as unknown[])[0]
    }
    expect(out).toBe(list)

    const record: Record<string, unknown> = { $type: 'T' }
    record.self = record
    let slim = slimRaw(record) as Record<string, unknown>
    for (let depth = 0; depth < 9; depth++) {
      expect(Object.keys(slim)).toEqual(['self'])
      slim = slim.self as Record<string, unknown>
    }
    expect(slim).toBe(record)
  })
})

describe('flattenTree', () => {
  const leaf = (id: number, name: string, extra: Partial<SimpleBusinessUnit> = {}): SimpleBusinessUnit => ({ id, name, tags: [], businessUnits: [], ...extra })

  it('lists parents before children in the tree’s order, with the parent taken from the nesting', () => {
    const root: SimpleBusinessUnit = {
      ...leaf(1, 'Root', { groupName: 'Group' }),
      // The signed-in scope's top unit may have a parent on the portal: in the cache it is the root.
      parentId: 99,
      businessUnits: [
        { ...leaf(2, 'A'), businessUnits: [leaf(4, 'A1', { parentId: 77 }), leaf(5, 'A2', { groupName: 'G5' })] },
        leaf(3, 'B', { parentId: 1 })
      ]
    }
    expect(flattenTree(root)).toStrictEqual([
      { id: 1, parentId: null, name: 'Root', groupName: 'Group' },
      { id: 2, parentId: 1, name: 'A', groupName: null },
      { id: 4, parentId: 2, name: 'A1', groupName: null },
      { id: 5, parentId: 2, name: 'A2', groupName: 'G5' },
      { id: 3, parentId: 1, name: 'B', groupName: null }
    ])
  })

  it('lists a unit that appears twice only once, where it is met first', () => {
    const root: SimpleBusinessUnit = { ...leaf(1, 'Root'), businessUnits: [{ ...leaf(2, 'A'), businessUnits: [leaf(3, 'C')] }, leaf(3, 'C again')] }
    expect(flattenTree(root).map((u) => [u.id, u.parentId, u.name])).toEqual([
      [1, null, 'Root'],
      [2, 1, 'A'],
      [3, 2, 'C']
    ])
  })
})

describe('bunitFromApi', () => {
  const full = {
    $type: 'BusinessUnit',
    href: 'https://portal/v1/bunits/10',
    id: 10,
    name: 'Unit',
    registrationNumber: 'SE556',
    note: 'Rack 4',
    parentBusinessUnit: { id: 3, name: 'Parent', href: 'p' },
    timeZone: { id: 4, name: '(GMT+01:00) Stockholm', href: 'tz' },
    businessUnits: [{ id: 11, name: 'Child' }],
    users: [{ id: 1 }],
    addresses: [{ street: 'x' }],
    tags: [],
    invoiceDay: 0
  } as unknown as BusinessUnit

  it('maps every field; the parent comes from the answer unless given', () => {
    const expected = {
      id: 10,
      parentId: 3,
      name: 'Unit',
      registrationNumber: 'SE556',
      note: 'Rack 4',
      timeZoneId: 4,
      timeZoneName: '(GMT+01:00) Stockholm',
      raw: {
        id: 10,
        name: 'Unit',
        registrationNumber: 'SE556',
        note: 'Rack 4',
        parentBusinessUnit: { id: 3, name: 'Parent' },
        timeZone: { id: 4, name: '(GMT+01:00) Stockholm' },
        invoiceDay: 0
      }
    }
    expect(bunitFromApi(full)).toStrictEqual(expected)
    expect(bunitFromApi(full, 7)).toStrictEqual({ ...expected, parentId: 7 })
    expect(bunitFromApi(full, null)).toStrictEqual({ ...expected, parentId: null })
    expect(bunitFromApi({ ...full, parentBusinessUnit: { id: '12' } } as unknown as BusinessUnit).parentId).toBe(12)
  })

  it('gives nulls for what the answer leaves out, and names a time zone that came without a name', () => {
    const bare = { id: 11, name: 'Bare', tags: [], businessUnits: [] } as unknown as BusinessUnit
    expect(bunitFromApi(bare)).toStrictEqual({
      id: 11,
      parentId: null,
      name: 'Bare',
      registrationNumber: null,
      note: null,
      timeZoneId: null,
      timeZoneName: null,
      raw: { id: 11, name: 'Bare' }
    })
    const tz = (timeZone: unknown) => bunitFromApi({ ...bare, timeZone } as unknown as BusinessUnit)
    expect([tz({ id: 4 }).timeZoneId, tz({ id: 4 }).timeZoneName]).toEqual([4, 'Time zone 4'])
    expect([tz({ id: 4, name: '' }).timeZoneId, tz({ id: 4, name: '' }).timeZoneName]).toEqual([4, 'Time zone 4'])
    expect([tz({ id: '6', name: 'UTC' }).timeZoneId, tz({ id: '6', name: 'UTC' }).timeZoneName]).toEqual([6, 'UTC'])
    expect([tz({ name: 'UTC' }).timeZoneId, tz({ name: 'UTC' }).timeZoneName]).toEqual([null, null])
  })
})

describe('unitFactsFromConsumer', () => {
  const facts = (businessUnit: unknown) => unitFactsFromConsumer({ id: 1, name: 'c', tags: [], businessUnit } as unknown as Consumer)

  it('reads registration number and note of the unit embedded in a consumer', () => {
    expect(facts({ id: 5, name: 'Acme', registrationNumber: 'SE1', note: 'n' })).toStrictEqual({ id: 5, registrationNumber: 'SE1', note: 'n' })
    expect(facts({ id: 5, registrationNumber: 'SE1' })).toStrictEqual({ id: 5, registrationNumber: 'SE1', note: null })
    // The key present with a value of another type: the fact is known to be empty.
    expect(facts({ id: 5, registrationNumber: 7, note: false })).toStrictEqual({ id: 5, registrationNumber: null, note: null })
  })

  it('is null when the embedded unit does not carry the facts (no unit, no id, no registrationNumber key)', () => {
    expect(facts(undefined)).toBeNull()
    expect(facts('Acme')).toBeNull()
    expect(facts({ id: 5, name: 'Acme', note: 'n' })).toBeNull()
    expect(facts({ name: 'Acme', registrationNumber: 'SE1' })).toBeNull()
  })

  it('takes an id as an integer or a string of digits only', () => {
    const idOf = (id: unknown) => facts({ id, registrationNumber: 'R' })?.id ?? null
    expect([idOf(5), idOf('5'), idOf('55'), idOf('007')]).toEqual([5, 5, 55, 7])
    expect([idOf('x5'), idOf('5x'), idOf('abc'), idOf(''), idOf('-5'), idOf(5.5), idOf(2 ** 60), idOf(null), idOf(true)]).toEqual([
      null, null, null, null, null, null, null, null, null
    ])
  })
})

describe('consumerFromApi', () => {
  it('maps every field and keeps the slimmed record as JSON', () => {
    const c = {
      $type: 'Consumer',
      href: 'h',
      id: 20,
      name: 'web01',
      note: 'front',
      dataSourceState: { id: 3, name: 'Active', href: 's' },
      createdDate: '2024-01-01T00:00:00Z',
      billingStartDate: '2024-02-01T00:00:00Z',
      businessUnit: { id: 5, name: 'Acme', registrationNumber: 'SE1' },
      tags: []
    } as unknown as Consumer
    expect(consumerFromApi(5, c)).toStrictEqual({
      id: 20,
      bunitId: 5,
      name: 'web01',
      note: 'front',
      stateId: 3,
      stateName: 'Active',
      createdDate: '2024-01-01T00:00:00Z',
      billingStartDate: '2024-02-01T00:00:00Z',
      rawJson:
        '{"id":20,"name":"web01","note":"front","dataSourceState":{"id":3,"name":"Active"},"createdDate":"2024-01-01T00:00:00Z",' +
        '"billingStartDate":"2024-02-01T00:00:00Z","businessUnit":{"id":5,"name":"Acme"}}'
    })
  })

  it('gives nulls for what the answer leaves out', () => {
    expect(consumerFromApi(6, { id: 21, name: 'bare', tags: [] } as unknown as Consumer)).toStrictEqual({
      id: 21,
      bunitId: 6,
      name: 'bare',
      note: null,
      stateId: null,
      stateName: null,
      createdDate: null,
      billingStartDate: null,
      rawJson: '{"id":21,"name":"bare"}'
    })
  })
})

describe('nodeFromApi', () => {
  it('maps every field, proxy relations included', () => {
    const n = {
      href: 'h',
      id: 30,
      tsmName: 'WEB01',
      activatedDate: '2024-03-01T00:00:00Z',
      operatingSystem: { id: 1, name: 'Windows' },
      type: { id: 2, name: 'File server' },
      domain: { id: 3, name: 'STANDARD' },
      clientOptionSet: { id: 4, name: 'DEFAULT' },
      cpuCount: 8,
      contact: 'Åsa',
      lastAccessTime: '2024-03-02T00:00:00Z',
      locked: true,
      decommissioned: true,
      proxyAgents: [{ id: 40, tsmName: 'AGENT', consumer: { id: 41, name: 'a' } }, 'junk', { id: '42' }],
      proxyTargets: []
    } as unknown as Node
    expect(nodeFromApi(20, n)).toStrictEqual({
      consumerId: 20,
      nodeId: 30,
      tsmName: 'WEB01',
      activated: true,
      activatedDate: '2024-03-01T00:00:00Z',
      osId: 1,
      osName: 'Windows',
      typeId: 2,
      typeName: 'File server',
      domainId: 3,
      domainName: 'STANDARD',
      optionSetId: 4,
      optionSetName: 'DEFAULT',
      cpuCount: 8,
      contact: 'Åsa',
      lastAccessTime: '2024-03-02T00:00:00Z',
      locked: true,
      decommissioned: true,
      proxyAgents: [
        { consumerId: 41, nodeId: 40, tsmName: 'AGENT' },
        { consumerId: null, nodeId: 42, tsmName: null }
      ],
      proxyTargets: [],
      rawJson:
        '{"id":30,"tsmName":"WEB01","activatedDate":"2024-03-01T00:00:00Z","operatingSystem":{"id":1,"name":"Windows"},' +
        '"type":{"id":2,"name":"File server"},"domain":{"id":3,"name":"STANDARD"},"clientOptionSet":{"id":4,"name":"DEFAULT"},' +
        '"cpuCount":8,"contact":"Åsa","lastAccessTime":"2024-03-02T00:00:00Z","locked":true,"decommissioned":true,' +
        '"proxyAgents":[{"id":40,"tsmName":"AGENT","consumer":{"id":41,"name":"a"}},"junk",{"id":"42"}]}'
    })
  })

  it('gives nulls for what the answer leaves out; proxies it does not mention stay unknown', () => {
    expect(nodeFromApi(21, { id: 31 } as unknown as Node)).toStrictEqual({
      consumerId: 21,
      nodeId: 31,
      tsmName: null,
      activated: false,
      activatedDate: null,
      osId: null,
      osName: null,
      typeId: null,
      typeName: null,
      domainId: null,
      domainName: null,
      optionSetId: null,
      optionSetName: null,
      cpuCount: null,
      contact: null,
      lastAccessTime: null,
      locked: null,
      decommissioned: null,
      proxyAgents: undefined,
      proxyTargets: undefined,
      rawJson: '{"id":31}'
    })
  })

  it('counts a node as activated only with a non-empty activation date', () => {
    const node = (activatedDate: unknown) => nodeFromApi(1, { id: 1, activatedDate } as unknown as Node)
    expect([node('').activated, node('').activatedDate]).toEqual([false, ''])
    expect([node('2024').activated, node(undefined).activated, node(true).activated]).toEqual([true, false, false])
    expect([nodeFromApi(1, { id: 1, locked: false, decommissioned: false } as unknown as Node)].map((r) => [r.locked, r.decommissioned])).toEqual([[false, false]])
  })
})

describe('referenceFromApi', () => {
  it('maps every list, with descriptions, short names and the node types each operating system supports', () => {
    const windows = {
      href: 'h',
      id: 1,
      name: 'Windows',
      shortName: 'WIN',
      supportedNodeTypes: [{ id: 2, name: 'File server' }, { id: 3, name: 'SQL' }]
    } as unknown as NodeOperatingSystem
    const linux = { id: 2, name: 'Linux', supportedNodeTypes: [] } as unknown as NodeOperatingSystem
    const ref = referenceFromApi({
      domains: [{ id: 3, name: 'STANDARD', description: 'Default', backupRetention: 30, href: 'd' }],
      optionSets: [{ id: 4, name: 'DEFAULT' }],
      operatingSystems: [windows, linux],
      nodeTypes: [{ id: 2, name: 'File server', shortName: 'FS' }, { id: 3, name: 'SQL' }],
      timeZones: [{ id: 6, name: 'UTC', offset: 0 }],
      defaultServer: { id: 9, name: 'SP01', href: 's' }
    } as unknown as Parameters<typeof referenceFromApi>[0])
    expect(ref).toStrictEqual({
      domains: [{ id: 3, name: 'STANDARD', description: 'Default', raw: { id: 3, name: 'STANDARD', description: 'Default', backupRetention: 30 } }],
      optionSets: [{ id: 4, name: 'DEFAULT', description: null, raw: { id: 4, name: 'DEFAULT' } }],
      operatingSystems: [
        { id: 1, name: 'Windows', shortName: 'WIN', supportedNodeTypeIds: [2, 3], raw: { id: 1, name: 'Windows', shortName: 'WIN' } },
        { id: 2, name: 'Linux', shortName: null, supportedNodeTypeIds: [], raw: { id: 2, name: 'Linux' } }
      ],
      nodeTypes: [
        { id: 2, name: 'File server', description: null, shortName: 'FS', raw: { id: 2, name: 'File server', shortName: 'FS' } },
        { id: 3, name: 'SQL', description: null, shortName: null, raw: { id: 3, name: 'SQL' } }
      ],
      timeZones: [{ id: 6, name: 'UTC', description: null, raw: { id: 6, name: 'UTC', offset: 0 } }],
      defaultServer: { id: 9, name: 'SP01', description: null, raw: { id: 9, name: 'SP01' } }
    })
    expect(referenceFromApi({ domains: [], optionSets: [], operatingSystems: [], nodeTypes: [], timeZones: [], defaultServer: null })).toStrictEqual({
      domains: [],
      optionSets: [],
      operatingSystems: [],
      nodeTypes: [],
      timeZones: [],
      defaultServer: null
    })
  })
})
