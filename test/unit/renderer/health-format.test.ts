import { describe, expect, it } from 'vitest'
import {
  formatAgo,
  formatCount,
  formatDeltaMB,
  formatDuration,
  formatMB,
  intervalChoices,
  problemsText,
  REFRESH_INTERVALS,
  shortPath,
  warningsText
} from '../../../src/renderer/src/views/health/health-format'

describe('formatMB', () => {
  it('steps up in binary units with sensible precision', () => {
    expect(formatMB(0)).toBe('0 MB')
    expect(formatMB(512)).toBe('512 MB')
    expect(formatMB(1536)).toBe('1.5 GB')
    expect(formatMB(1024 * 240)).toBe('240 GB')
    expect(formatMB(1024 * 1024 * 12.5)).toBe('12.5 TB')
    expect(formatMB(1024 ** 3 * 3)).toBe('3 PB')
    expect(formatMB(3.456)).toBe('3.46 MB')
  })
  it('says a dash for missing or unreadable values and keeps the sign', () => {
    expect(formatMB(null)).toBe('—')
    expect(formatMB(undefined)).toBe('—')
    expect(formatMB(Number.NaN)).toBe('—')
    expect(formatMB(-2048)).toBe('−2 GB')
  })
  it('formats changes with a sign', () => {
    expect(formatDeltaMB(2048)).toBe('+2 GB')
    expect(formatDeltaMB(-300)).toBe('−300 MB')
    expect(formatDeltaMB(0)).toBe('no change')
    expect(formatDeltaMB(null)).toBe('—')
  })
})

describe('formatDuration and counts', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(200)).toBe('3 min 20 s')
    expect(formatDuration(180)).toBe('3 min')
    expect(formatDuration(7500)).toBe('2 h 5 min')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(27 * 3600)).toBe('1 d 3 h')
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(-1)).toBe('—')
  })
  it('separates thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(null)).toBe('—')
  })
})

describe('formatAgo', () => {
  const now = Date.parse('2026-12-01T12:00:00Z')
  it('counts minutes, hours, then days', () => {
    expect(formatAgo('2026-12-01T11:59:40Z', now)).toBe('just now')
    expect(formatAgo('2026-12-01T11:15:00Z', now)).toBe('45 min ago')
    expect(formatAgo('2026-12-01T11:00:00Z', now)).toBe('1 hour ago')
    expect(formatAgo('2026-11-30T12:00:00Z', now)).toBe('24 hours ago')
    expect(formatAgo('2026-11-27T12:00:00Z', now)).toBe('4 days ago')
    expect(formatAgo(null, now)).toBe('—')
    expect(formatAgo('not a date', now)).toBe('not a date')
  })
})

describe('warnings and badges in words', () => {
  it('joins the warnings and the note', () => {
    const row = {
      warnings: [
        { typeName: 'Storage', text: 'Storage limit exceeded: 1,240 GB stored, limit 1,000 GB', days: null, limit: 1000 },
        { typeName: 'Activity', text: '', days: 3, limit: null }
      ],
      note: 'The portal sent a report without a status'
    }
    expect(warningsText(row)).toBe('Storage limit exceeded: 1,240 GB stored, limit 1,000 GB; Activity; The portal sent a report without a status')
    expect(warningsText({ warnings: [], note: null })).toBe('')
  })
  it('shortens a unit path: without the root, and only its end when long', () => {
    expect(shortPath('Root')).toBe('Root')
    expect(shortPath('Root / Customer')).toBe('Customer')
    expect(shortPath('Root / Customer / Site')).toBe('Customer / Site')
    expect(shortPath('Root / Customer / Site / Office')).toBe('… / Site / Office')
  })
  it('names a badge', () => {
    expect(problemsText(1)).toBe('1 backup problem')
    expect(problemsText(3)).toBe('3 backup problems')
  })
  it('offers the current interval even when it is not a preset', () => {
    expect(intervalChoices(60)).toBe(REFRESH_INTERVALS)
    const odd = intervalChoices(45)
    expect(odd.map((c) => c.minutes)).toEqual([0, 15, 30, 45, 60, 120, 240, 720, 1440])
    expect(odd.find((c) => c.minutes === 45)?.label).toBe('Every 45 minutes')
  })
})
