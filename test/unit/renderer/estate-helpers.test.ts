import { describe, expect, it } from 'vitest'
import type { BulkRowResult, SearchHit } from '../../../src/shared/ipc/estate-models'
import { AUDIT_TYPES, auditQuery, defaultFilters, localToIso, pageLabel } from '../../../src/renderer/src/components/audit-model'
import { COLUMN_HINTS, columnHint, mergeResult, sampleCsv, summarize } from '../../../src/renderer/src/views/wizards/bulk-model'
import { describeName, takenBy } from '../../../src/renderer/src/views/wizards/node-name-check'
import { validatePassword } from '../../../src/renderer/src/views/wizards/password-model'
import { moveIndex, routeForHit } from '../../../src/renderer/src/components/command-palette-model'

const hit = (over: Partial<SearchHit>): SearchHit => ({
  accountId: 'a', accountName: 'Acme', kind: 'node', id: 5, name: 'WEB01', path: 'Acme / Sales', bunitId: 2, consumerId: 5, matched: 'node name', ...over
})

describe('audit log filters', () => {
  it('all types selected sends no type filter; some sends them sorted', () => {
    const all = auditQuery(defaultFilters(), 0)
    expect(all).toEqual({ query: { offset: 0, limit: 25, orderDesc: true } })
    const some = auditQuery({ ...defaultFilters(), types: [400, 100], newestFirst: false }, 50)
    expect(some).toEqual({ query: { offset: 50, limit: 25, orderDesc: false, types: [100, 400] } })
    expect(AUDIT_TYPES.map((t) => t.value)).toEqual([0, 100, 200, 300, 400])
  })

  it('refuses no type and a reversed range before anything is sent', () => {
    expect(auditQuery({ ...defaultFilters(), types: [] }, 0)).toEqual({ error: 'Choose at least one entry type.' })
    expect(auditQuery({ ...defaultFilters(), from: '2024-02-01T00:00', to: '2024-01-01T00:00' }, 0)).toEqual({ error: 'The start of the time range is after its end.' })
    const ok = auditQuery({ ...defaultFilters(), from: '2024-01-01T00:00', to: '2024-02-01T00:00' }, 0)
    expect('query' in ok && ok.query.startTime).toBe(new Date('2024-01-01T00:00').toISOString())
  })

  it('converts local datetimes and labels pages', () => {
    expect(localToIso('')).toBeUndefined()
    expect(localToIso('garbage')).toBeNull()
    expect(pageLabel(120, 25, 25)).toBe('26–50 of 120')
    expect(pageLabel(0, 0, 0)).toBe('No entries')
  })
})

describe('bulk model', () => {
  const r = (line: number, status: BulkRowResult['status']): BulkRowResult => ({ line, name: `n${line}`, status })
  it('progress rows replace the same line and stay ordered', () => {
    let results: BulkRowResult[] = []
    results = mergeResult(results, r(3, 'created'))
    results = mergeResult(results, r(2, 'failed'))
    results = mergeResult(results, r(3, 'completed'))
    expect(results.map((x) => `${x.line}:${x.status}`)).toEqual(['2:failed', '3:completed'])
    expect(summarize(results)).toEqual({ created: 0, completed: 1, skipped: 0, failed: 1 })
  })
  it('documents every column and gives a sample in the same order', () => {
    expect(Object.keys(COLUMN_HINTS)).toEqual(['name', 'note', 'os', 'type', 'domain', 'optionset', 'cpucount', 'contact', 'nodename'])
    expect(columnHint('NodeName')).toMatch(/at most 64/)
    expect(columnHint('unknown')).toBe('')
    expect(sampleCsv(['name', 'os']).split('\n')).toEqual(['name,os', 'web-01,Linux', ''])
  })
})

describe('node name checks', () => {
  it('rules first, then uniqueness in the same account, ignoring the node itself', () => {
    expect(describeName('bad name', null).state).toBe('invalid')
    expect(describeName('web01', null)).toEqual({ state: 'ok', normalized: 'WEB01', message: 'Valid node name. It will be stored as WEB01.' })
    const hits = [hit({}), hit({ accountId: 'b' }), hit({ kind: 'consumer', name: 'WEB01', consumerId: 9 })]
    expect(takenBy(hits, 'a', 'WEB01')).toBe(hits[0])
    expect(takenBy(hits, 'a', 'WEB01', 5)).toBeNull()
    expect(takenBy(hits, 'c', 'WEB01')).toBeNull()
    expect(describeName('web01', hits[0] ?? null).message).toBe('WEB01 is already used by another node (in Acme / Sales).')
  })
})

describe('node password', () => {
  it('generated needs nothing; typed is checked and confirmed', () => {
    expect(validatePassword('generate', '', '')).toEqual({})
    expect(validatePassword('type', 'short', 'short')).toEqual({ password: 'A node password has at least 8 characters' })
    expect(validatePassword('type', 'has space 123', 'has space 123')).toEqual({ password: 'A node password cannot contain spaces' })
    expect(validatePassword('type', 'Correct-42', 'Correct-43')).toEqual({ confirm: 'The passwords do not match' })
    expect(validatePassword('type', 'Correct-42', 'Correct-42')).toEqual({})
  })
})

describe('command palette', () => {
  it('routes units to their page and consumers/nodes to the consumer page', () => {
    expect(routeForHit(hit({ kind: 'bunit', id: 4, consumerId: null }))).toEqual({ name: 'unit', bunitId: 4 })
    expect(routeForHit(hit({}))).toEqual({ name: 'consumer', bunitId: 2, consumerId: 5 })
  })
  it('arrow keys wrap', () => {
    expect(moveIndex(-1, 1, 3)).toBe(0)
    expect(moveIndex(-1, -1, 3)).toBe(2)
    expect(moveIndex(2, 1, 3)).toBe(0)
    expect(moveIndex(0, -1, 3)).toBe(2)
    expect(moveIndex(0, 1, 0)).toBe(-1)
  })
})
