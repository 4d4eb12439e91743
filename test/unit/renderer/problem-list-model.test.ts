import { describe, expect, it } from 'vitest'
import { compareBySeverity, countStates, filterProblems, matchesText, problemCount, sortBySeverity, sortTime, sumCounts } from '../../../src/renderer/src/views/health/problem-list-model'
import { healthRow } from './health-fixtures'

describe('problem list order', () => {
  it('puts the worst state first, then the oldest problem, rows without a since last', () => {
    const warningOld = healthRow({ consumerName: 'w-old', state: 'warning', since: '2026-11-01T00:00:00Z' })
    const failedNew = healthRow({ consumerName: 'f-new', state: 'failed', since: '2026-11-30T00:00:00Z' })
    const failedOld = healthRow({ consumerName: 'f-old', state: 'failed', since: '2026-11-20T00:00:00Z' })
    const failedNoSince = healthRow({ consumerName: 'f-none', state: 'failed', since: null })
    const missed = healthRow({ consumerName: 'm', state: 'missed' })
    const never = healthRow({ consumerName: 'n', state: 'never-activated', since: null })
    const unknown = healthRow({ consumerName: 'u', state: 'unknown' })
    const sorted = sortBySeverity([never, warningOld, failedNoSince, unknown, failedNew, missed, failedOld])
    expect(sorted.map((r) => r.consumerName)).toEqual(['f-old', 'f-new', 'f-none', 'm', 'w-old', 'u', 'n'])
  })
  it('breaks full ties by name, so the order is stable', () => {
    const a = healthRow({ consumerName: 'a' })
    const b = healthRow({ consumerName: 'b' })
    expect(compareBySeverity(a, b)).toBeLessThan(0)
    expect(compareBySeverity(b, a)).toBeGreaterThan(0)
  })
  it('sorts unreadable dates as missing', () => {
    expect(sortTime('2026-11-30T00:00:00Z')).toBe(Date.parse('2026-11-30T00:00:00Z'))
    expect(sortTime('garbage')).toBeUndefined()
    expect(sortTime(null)).toBeUndefined()
  })
})

describe('problem list filters', () => {
  const rows = [
    healthRow({ accountId: 'a', accountName: 'Alpha', consumerName: 'mail-server', state: 'failed' }),
    healthRow({ accountId: 'b', accountName: 'Bravo', consumerName: 'file-server', bunitPath: 'Root / Dental clinic', state: 'warning', warnings: [{ typeName: 'Storage', text: 'Storage limit exceeded', days: null, limit: 10 }] }),
    healthRow({ accountId: 'b', accountName: 'Bravo', consumerName: 'laptop', tsmName: 'LAPTOP-7', state: 'missed' })
  ]
  it('keeps one account, some states, or both', () => {
    expect(filterProblems(rows, { accountId: 'b', states: new Set() }).map((r) => r.consumerName)).toEqual(['file-server', 'laptop'])
    expect(filterProblems(rows, { accountId: null, states: new Set(['failed', 'missed']) }).map((r) => r.consumerName)).toEqual(['mail-server', 'laptop'])
    expect(filterProblems(rows, { accountId: 'a', states: new Set(['missed']) })).toEqual([])
    expect(filterProblems(rows, { accountId: null, states: new Set() })).toHaveLength(3)
  })
  it('finds every word anywhere in the row, ignoring case', () => {
    expect(matchesText(rows[1]!, 'DENTAL storage')).toBe(true)
    expect(matchesText(rows[1]!, 'dental laptop')).toBe(false)
    expect(matchesText(rows[2]!, 'laptop-7')).toBe(true)
    expect(matchesText(rows[2]!, 'missed')).toBe(true)
    expect(matchesText(rows[0]!, '   ')).toBe(true)
    expect(filterProblems(rows, { accountId: null, states: new Set(), text: 'bravo' })).toHaveLength(2)
  })
})

describe('counts', () => {
  it('counts states, sums accounts and tells problems apart from never-activated', () => {
    const counts = countStates([healthRow({ state: 'failed' }), healthRow({ state: 'failed' }), healthRow({ state: 'never-activated' }), healthRow({ state: 'unknown' })])
    expect(counts).toEqual({ failed: 2, missed: 0, warning: 0, unknown: 1, 'never-activated': 1, ok: 0 })
    const sum = sumCounts([counts, { failed: 1, missed: 2, warning: 3, unknown: 0, 'never-activated': 0, ok: 9 }])
    expect(sum).toEqual({ failed: 3, missed: 2, warning: 3, unknown: 1, 'never-activated': 1, ok: 9 })
    expect(problemCount(sum)).toBe(9)
  })
})
