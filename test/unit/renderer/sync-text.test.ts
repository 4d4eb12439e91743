import { describe, expect, it } from 'vitest'
import {
  loadingText,
  diffHeadline,
  diffLines,
  etaText,
  formatLocalTime,
  lastSyncedText,
  nameList,
  offlineBannerText,
  progressPercent,
  progressText
} from '../../../src/renderer/src/views/sync/sync-text'
import type { SyncDiffView } from '../../../src/shared/ipc/estate-models'

const opts = { locale: 'en-GB', timeZone: 'Europe/Stockholm' }

describe('banner and last-synced times', () => {
  it('shows the synced time in the local zone', () => {
    // 12:03 UTC is 13:03 in Stockholm in winter.
    expect(formatLocalTime('2026-01-15T12:03:00Z', opts)).toBe('15 Jan 2026, 13:03')
    expect(offlineBannerText('2026-01-15T12:03:00Z', opts)).toBe('Offline — data from 15 Jan 2026, 13:03')
    expect(lastSyncedText('2026-07-01T08:00:00.000Z', opts)).toBe('Last synced 1 Jul 2026, 10:00')
  })
  it('says so when there is no synced data', () => {
    expect(formatLocalTime(null)).toBeNull()
    expect(formatLocalTime('not a date')).toBeNull()
    expect(offlineBannerText(null)).toBe('Offline — no synced data on this computer yet')
    expect(lastSyncedText(undefined)).toBe('Never synced')
  })
})

describe('progress and ETA', () => {
  it('words the time left', () => {
    expect(etaText(null)).toBeNull()
    expect(etaText(-1)).toBeNull()
    expect(etaText(Number.NaN)).toBeNull()
    expect(etaText(0.2)).toBe('less than a second left')
    expect(etaText(5.4)).toBe('about 5 s left')
    expect(etaText(59)).toBe('about 59 s left')
    expect(etaText(130)).toBe('about 2 min left')
    expect(etaText(3600)).toBe('about 1 h left')
    expect(etaText(3900)).toBe('about 1 h 5 min left')
  })
  it('computes a bounded percentage, unknown before a total', () => {
    expect(progressPercent({ phase: 'consumers', done: 0, total: 0 })).toBeNull()
    expect(progressPercent({ phase: 'consumers', done: 120, total: 480 })).toBe(25)
    expect(progressPercent({ phase: 'consumers', done: 600, total: 480 })).toBe(100)
    expect(progressPercent({ phase: 'done', done: 0, total: 0 })).toBe(100)
  })
  it('puts phase, counts and ETA on one line', () => {
    expect(progressText({ phase: 'consumers', done: 120, total: 480, etaSeconds: 5 })).toBe('Reading consumers — 120 / 480 — about 5 s left')
    expect(progressText({ phase: 'tree', done: 0, total: 0, etaSeconds: null })).toBe('Reading business units')
    expect(progressText({ phase: 'done', done: 480, total: 480, etaSeconds: 0 })).toBe('Sync finished')
    expect(progressText({ phase: 'failed', done: 3, total: 9, etaSeconds: 2, message: 'portal unreachable' })).toBe('Sync failed — portal unreachable')
  })
})

function diff(partial: Partial<SyncDiffView> = {}): SyncDiffView {
  const empty = { added: [], removed: [], changed: [], counts: { added: 0, removed: 0, changed: 0 } }
  return { initial: false, units: empty, consumers: empty, nodes: empty, ...partial }
}

describe('diff summaries', () => {
  it('lists names and cuts long lists with an exact count', () => {
    expect(nameList(['a', 'b'], 2)).toBe('a, b')
    expect(nameList(['a', 'b', 'c', 'd', 'e', 'f'], 6)).toBe('a, b, c, d, e and 1 more')
    // The stored list may be cut by main while the count stays exact.
    expect(nameList(['a', 'b'], 40)).toBe('a, b and 38 more')
    expect(nameList([], 3)).toBe('')
  })
  it('gives one line per kind of change', () => {
    const d = diff({
      consumers: { added: ['Web-01'], removed: ['Old', 'Older'], changed: [], counts: { added: 1, removed: 2, changed: 0 } },
      nodes: { added: [], removed: [], changed: ['WEB01'], counts: { added: 0, removed: 0, changed: 1 } }
    })
    expect(diffLines(d)).toEqual([
      { key: 'consumers-added', text: '1 consumer added: Web-01' },
      { key: 'consumers-removed', text: '2 consumers removed: Old, Older' },
      { key: 'nodes-changed', text: '1 node changed: WEB01' }
    ])
    expect(diffHeadline(d)).toBe('4 changes since the previous sync')
  })
  it('names business units renamed on the portal (issue 11)', () => {
    const d = diff({ units: { added: [], removed: [], changed: ['Sales (was Marketing)'], counts: { added: 0, removed: 0, changed: 1 } } })
    expect(diffLines(d)).toEqual([{ key: 'units-changed', text: '1 business unit changed: Sales (was Marketing)' }])
    expect(diffHeadline(d)).toBe('1 change since the previous sync')
  })
  it('has headlines for no diff, the first sync and no changes', () => {
    expect(diffHeadline(null)).toBe('No sync yet')
    expect(diffLines(null)).toEqual([])
    const added = (n: number) => ({ added: [], removed: [], changed: [], counts: { added: n, removed: 0, changed: 0 } })
    expect(diffHeadline(diff({ initial: true, units: added(3), consumers: added(1), nodes: added(0) }))).toBe(
      'First sync of this account: 3 business units, 1 consumer and 0 nodes saved on this computer'
    )
    expect(diffHeadline(diff())).toBe('No changes since the previous sync')
    expect(diffLines(diff())).toEqual([])
  })
})

describe('loadingText (issue 14)', () => {
  it('says what a running first sync has not filled in yet, and nothing once the data is complete', () => {
    expect(loadingText(null, true)).toBeNull()
    expect(loadingText(undefined, false)).toBeNull()
    expect(loadingText('consumers', true)).toMatch(/^Still loading consumption units/)
    expect(loadingText('nodes', true)).toMatch(/^Still loading nodes/)
  })

  it('says a first sync that stopped half-way left incomplete data', () => {
    expect(loadingText('nodes', false)).toMatch(/stopped before it finished.*Sync again/)
  })
})
