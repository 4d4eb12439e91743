import { describe, expect, it } from 'vitest'
import type { HistoryPoint } from '../../../src/shared/ipc/health-models'
import { buildStorageChartOption, CHART_PALETTES, historyCaption, summarizeHistory, tooltipText } from '../../../src/renderer/src/views/health/storage-chart-model'

function point(date: string, storedMB: number | null, archiveMB: number | null = null): HistoryPoint {
  return { date, storedMB, backupMB: storedMB === null ? null : storedMB - (archiveMB ?? 0), archiveMB, transferredMB: 1, statusName: 'Successful', state: 'ok' }
}

const points = [point('2026-11-03', 3072), point('2026-11-01', 1024), point('2026-11-02', 512), point('not a date', 99999)]

describe('storage chart option', () => {
  it('plots the readable points oldest first; backup and archive only when there are archives', () => {
    const option = buildStorageChartOption(points, false)
    const dataset = option.dataset as { dimensions: string[]; source: unknown[][] }
    expect(dataset.dimensions).toEqual(['date', 'storedMB'])
    expect(dataset.source.map((r) => r[0])).toEqual(['2026-11-01', '2026-11-02', '2026-11-03'])
    expect(dataset.source[0]).toEqual(['2026-11-01', 1024])
    const withArchive = buildStorageChartOption([point('2026-11-01', 100, 10), point('2026-11-02', 120, 0)], false)
    expect((withArchive.dataset as { source: unknown[][] }).source[0]).toEqual(['2026-11-01', 100, 90, 10])
    const series = withArchive.series as { name: string; type: string; encode: { y: string } }[]
    expect(series.map((s) => [s.type, s.name, s.encode.y])).toEqual([
      ['line', 'Stored', 'storedMB'],
      ['line', 'Backup', 'backupMB'],
      ['line', 'Archive', 'archiveMB']
    ])
    const zeroArchive = buildStorageChartOption([point('2026-11-01', 100, 0)], false)
    expect((zeroArchive.series as unknown[]).length).toBe(1)
  })
  it('uses the dark palette in dark mode and the light one otherwise', () => {
    const light = buildStorageChartOption(points, false)
    const dark = buildStorageChartOption(points, true)
    expect(light.color).toEqual([...CHART_PALETTES.light.series])
    expect(dark.color).toEqual([...CHART_PALETTES.dark.series])
    expect((dark.legend as { textStyle: { color: string } }).textStyle.color).toBe(CHART_PALETTES.dark.text)
    expect((light.legend as { textStyle: { color: string } }).textStyle.color).toBe(CHART_PALETTES.light.text)
    expect((dark.yAxis as { splitLine: { lineStyle: { color: string } } }).splitLine.lineStyle.color).toBe(CHART_PALETTES.dark.grid)
    expect((dark.tooltip as { backgroundColor: string }).backgroundColor).toBe(CHART_PALETTES.dark.tooltipBg)
    expect(dark.backgroundColor).toBe('transparent')
  })
  it('labels the value axis in human units', () => {
    const option = buildStorageChartOption(points, false)
    const formatter = (option.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter
    expect(formatter(2048)).toBe('2 GB')
  })
  it('writes the tooltip as escaped text without style attributes (the CSP refuses them)', () => {
    const html = tooltipText([
      { seriesName: 'Stored <b>', value: ['2026-11-01', 2048, 1024], encode: { y: [1] }, axisValueLabel: '2026-11-01' },
      { seriesName: 'Backup', value: ['2026-11-01', 2048, 1024], encode: { y: [2] }, axisValueLabel: '2026-11-01' }
    ])
    expect(html).toContain('Stored &lt;b&gt;: 2 GB')
    expect(html).toContain('Backup: 1 GB')
    expect(html).not.toMatch(/style=/i)
  })
})

describe('the chart in words', () => {
  it('summarizes first, last, lowest and highest stored data', () => {
    expect(summarizeHistory(points)).toEqual({ from: '2026-11-01', to: '2026-11-03', first: 1024, last: 3072, min: 512, max: 3072 })
    const caption = historyCaption(points)
    expect(caption).toContain('1 GB → 3 GB (+2 GB)')
    expect(caption).toContain('lowest 512 MB, highest 3 GB')
  })
  it('says so when there is nothing to plot', () => {
    expect(summarizeHistory([point('2026-11-01', null)])).toBeNull()
    expect(historyCaption([])).toBe('No stored data in the report history.')
  })
})
