import { describe, expect, it } from 'vitest'
import { classifyReport, describeWarning, jobOutcome, stateOfStatusName } from '../../../../src/main/health/classify'
import { isoDate } from '../../../../src/main/health/dates'
import { streakOf } from '../../../../src/main/health/refresh'
import type { NodeReport } from '../../../../src/main/cloutility'
import type { StoredHealth } from '../../../../src/main/cache'

const report = (over: Partial<NodeReport>): NodeReport => ({ id: 1, warnings: [], ...over }) as NodeReport
const noTypes = new Map()

describe('status names become states without reading ids', () => {
  it.each([
    ['Successful', 'ok'],
    ['Completed', 'ok'],
    ['OK', 'ok'],
    ['Warning', 'warning'],
    ['Completed with warnings', 'warning'],
    ['Failed', 'failed'],
    ['Completed with errors', 'failed'],
    ['Missed', 'missed'],
    ['No activity', 'missed'],
    ['Pending', 'unknown']
  ] as const)('%s → %s', (name, state) => {
    expect(stateOfStatusName(name)).toBe(state)
  })

  it('an empty name says nothing', () => {
    expect(stateOfStatusName('  ')).toBeNull()
    expect(stateOfStatusName(undefined)).toBeNull()
  })

  it('job outcomes fold missed into failed', () => {
    expect(jobOutcome('Missed')).toBe('failed')
    expect(jobOutcome('Completed')).toBe('ok')
    expect(jobOutcome(null)).toBe('unknown')
  })
})

describe('a report becomes a health state', () => {
  it('a report without a status is unknown, with the reason', () => {
    const h = classifyReport(report({}), noTypes, null)
    expect(h.state).toBe('unknown')
    expect(h.note).toMatch(/without a status/)
  })

  it('a status the app cannot place is unknown, never ok', () => {
    const h = classifyReport(report({ status: { id: 9, name: 'Quarantined' } }), noTypes, null)
    expect(h).toMatchObject({ state: 'unknown', statusName: 'Quarantined' })
  })

  it('a successful night with warnings is a warning; with a no-activity warning it is missed', () => {
    const types = new Map([
      [1, { id: 1, name: 'Storage limit exceeded', usesLimit: true }],
      [2, { id: 2, name: 'No activity', usesLimit: false }]
    ])
    const storage = classifyReport(report({ status: { id: 1, name: 'Successful' }, megaBytes: 2048 * 1024, warnings: [{ type: { id: 1 }, limit: 1000 }] }), types, 1000)
    expect(storage.state).toBe('warning')
    expect(storage.warnings[0]?.text).toBe('Storage limit exceeded: 2 TB stored, limit 1,000 GB')
    const idle = classifyReport(report({ status: { id: 1, name: 'Successful' }, warnings: [{ type: { id: 2 }, days: 9 }] }), types, null)
    expect(idle.state).toBe('missed')
    expect(idle.warnings[0]?.text).toBe('No activity: for 9 days')
  })

  it('a failed night stays failed whatever the warnings', () => {
    expect(classifyReport(report({ status: { id: 3, name: 'Failed' }, warnings: [{ type: { id: 7, name: 'Backup missed' } }] }), noTypes, null).state).toBe('failed')
  })

  it('names a warning type the list lacks by its id', () => {
    expect(describeWarning({ type: { id: 42 } }, noTypes, {}, null).typeName).toBe('Warning type 42')
  })
})

describe('portal dates', () => {
  it('reads zone-less dates as UTC and refuses filler and garbage', () => {
    expect(isoDate('2026-11-30T00:00:00')).toBe('2026-11-30T00:00:00.000Z')
    expect(isoDate('0001-01-01T00:00:00')).toBeNull()
    expect(isoDate('yesterday')).toBeNull()
    expect(isoDate('')).toBeNull()
  })
})

describe('since when and the last success, from the history', () => {
  const latest = { reportDate: '2026-11-30T00:00:00.000Z' } as StoredHealth
  const day = (d: number, name: string) => report({ reportDate: `2026-11-${String(d).padStart(2, '0')}T00:00:00Z`, status: { id: 0, name } })

  it('finds the start of the unbroken bad run and the success before it', () => {
    const history = [day(25, 'Successful'), day(26, 'Successful'), day(27, 'Failed'), day(28, 'Missed'), day(29, 'Failed'), day(30, 'Failed')]
    expect(streakOf(history, latest)).toEqual({ since: '2026-11-27T00:00:00.000Z', lastSuccessAt: '2026-11-26T00:00:00.000Z' })
  })

  it('without any success in the window, the run starts at the oldest report and no success is known', () => {
    expect(streakOf([day(29, 'Failed'), day(30, 'Failed')], latest)).toEqual({ since: '2026-11-29T00:00:00.000Z', lastSuccessAt: null })
  })
})
