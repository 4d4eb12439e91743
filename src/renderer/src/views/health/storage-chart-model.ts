/**
 * The storage trend chart of a consumer as data: the ECharts option built from the report
 * history (stored, backup and archive data per day) in the light or dark palette, and the text
 * alternative (first, last, lowest, highest) screen readers and the caption use. Pure.
 *
 * The tooltip's HTML has no style attributes: the window's CSP (style-src 'self') refuses them.
 */
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption } from 'echarts/charts'
import type { DatasetComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { HistoryPoint } from '../../../../shared/ipc/health-models'
import { formatDay, formatDeltaMB, formatMB } from './health-format'

export type StorageChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | DatasetComponentOption>

/** The palettes match the CSS variables of main.css (light and dark). */
export const CHART_PALETTES = {
  light: { text: '#1b1f24', muted: '#5b6470', grid: '#d6dbe2', tooltipBg: '#ffffff', series: ['#1e6fd9', '#2e7d32', '#b26a00'] },
  dark: { text: '#e6e9ed', muted: '#9aa4b1', grid: '#343b44', tooltipBg: '#1d2126', series: ['#5aa2ff', '#7ee787', '#f2b84b'] }
} as const

export const SERIES = [
  { key: 'storedMB', name: 'Stored' },
  { key: 'backupMB', name: 'Backup' },
  { key: 'archiveMB', name: 'Archive' }
] as const

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

/** Points with a readable date, oldest first. */
export function chartPoints(points: readonly HistoryPoint[]): HistoryPoint[] {
  return points.filter((p) => !Number.isNaN(Date.parse(p.date))).sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
}

interface TooltipParam {
  seriesName?: string
  value?: unknown
  encode?: { y?: number[] }
  axisValueLabel?: string
}

/** The tooltip's text for the points under the pointer (plain text joined with <br>). */
export function tooltipText(params: TooltipParam | TooltipParam[]): string {
  const list = Array.isArray(params) ? params : [params]
  const first = list[0]
  const lines = [escapeHtml(formatDay(first?.axisValueLabel ?? null))]
  for (const p of list) {
    const row = Array.isArray(p.value) ? p.value : []
    const y = p.encode?.y?.[0]
    const value = y === undefined ? null : row[y]
    lines.push(`${escapeHtml(p.seriesName ?? '')}: ${escapeHtml(formatMB(typeof value === 'number' ? value : null))}`)
  }
  return lines.join('<br>')
}

export function buildStorageChartOption(points: readonly HistoryPoint[], dark: boolean): StorageChartOption {
  const palette = dark ? CHART_PALETTES.dark : CHART_PALETTES.light
  const rows = chartPoints(points)
  // Archive data only when there is some; backup only beside archive (alone it equals stored).
  const hasArchive = rows.some((p) => typeof p.archiveMB === 'number' && p.archiveMB > 0)
  const series = SERIES.filter((s) => (s.key === 'storedMB' ? true : hasArchive) && rows.some((p) => typeof p[s.key] === 'number'))
  return {
    backgroundColor: 'transparent',
    color: [...palette.series],
    textStyle: { color: palette.text },
    animation: false,
    dataset: {
      dimensions: ['date', ...series.map((s) => s.key)],
      source: rows.map((p) => [p.date, ...series.map((s) => p[s.key])])
    },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: palette.text } },
    tooltip: {
      trigger: 'axis',
      backgroundColor: palette.tooltipBg,
      borderColor: palette.grid,
      textStyle: { color: palette.text },
      formatter: (params) => tooltipText(params as unknown as TooltipParam[])
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: palette.grid } },
      axisLabel: { color: palette.muted },
      splitLine: { show: false }
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: palette.muted, formatter: (v: number) => formatMB(v) },
      splitLine: { lineStyle: { color: palette.grid } }
    },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      showSymbol: rows.length < 40,
      connectNulls: false,
      // Stored is the total: a solid line; its parts are dashed.
      lineStyle: s.key === 'storedMB' ? { width: 2.5 } : { width: 1.5, type: 'dashed' },
      encode: { x: 'date', y: s.key }
    }))
  }
}

export interface HistorySummary {
  from: string
  to: string
  first: number
  last: number
  min: number
  max: number
}

/** First, last, lowest and highest stored data over the history, or null without any value. */
export function summarizeHistory(points: readonly HistoryPoint[]): HistorySummary | null {
  const rows = chartPoints(points).filter((p) => typeof p.storedMB === 'number')
  const first = rows[0]
  const last = rows[rows.length - 1]
  if (!first || !last) return null
  const values = rows.map((p) => p.storedMB as number)
  return { from: first.date, to: last.date, first: first.storedMB as number, last: last.storedMB as number, min: Math.min(...values), max: Math.max(...values) }
}

/** The chart in words: "Stored data from 1 Nov 2026 to 30 Nov 2026: 120 GB → 140 GB (+20 GB); lowest …". */
export function historyCaption(points: readonly HistoryPoint[]): string {
  const s = summarizeHistory(points)
  if (!s) return 'No stored data in the report history.'
  return (
    `Stored data from ${formatDay(s.from)} to ${formatDay(s.to)}: ${formatMB(s.first)} → ${formatMB(s.last)} ` +
    `(${formatDeltaMB(s.last - s.first)}); lowest ${formatMB(s.min)}, highest ${formatMB(s.max)}.`
  )
}
