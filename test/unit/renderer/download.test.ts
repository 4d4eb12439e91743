import { describe, expect, it, vi } from 'vitest'
import { exportLabel, extensionFor, safeDownloadName, saveExportFile } from '../../../src/renderer/src/utils/download'

describe('download names', () => {
  it('keeps a good name from main', () => {
    expect(safeDownloadName({ fileName: 'acme-estate-2026-01-15.csv', mimeType: 'text/csv; charset=utf-8' })).toBe('acme-estate-2026-01-15.csv')
    expect(safeDownloadName({ fileName: 'acme.json', mimeType: 'application/json' })).toBe('acme.json')
  })
  it('strips folders and characters file systems refuse', () => {
    expect(safeDownloadName({ fileName: '../../etc/pass:wd?.csv', mimeType: 'text/csv' })).toBe('pass_wd_.csv')
    expect(safeDownloadName({ fileName: 'C:\\Users\\x\\a<b>.json', mimeType: 'application/json' })).toBe('a_b_.json')
    expect(safeDownloadName({ fileName: '.hidden.csv', mimeType: 'text/csv' })).toBe('hidden.csv')
  })
  it('adds the extension of the type and falls back when the name is empty', () => {
    expect(safeDownloadName({ fileName: 'consumers', mimeType: 'text/csv' })).toBe('consumers.csv')
    expect(safeDownloadName({ fileName: '', mimeType: 'application/json' })).toBe('cloutility-export.json')
    expect(safeDownloadName({ fileName: 'x.bin', mimeType: 'application/octet-stream' })).toBe('x.bin')
    expect(extensionFor('TEXT/CSV;charset=utf-8')).toBe('csv')
  })
  it('labels the export buttons', () => {
    expect(exportLabel('estate', 'csv')).toBe('Export estate as CSV')
    expect(exportLabel('consumers', 'json')).toBe('Export consumer list as JSON')
  })
  it('saves through a Blob and an <a download>', () => {
    const create = vi.fn(() => 'blob:test')
    const revoke = vi.fn()
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke })
    const clicked: { name: string; href: string }[] = []
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.getAttribute('href') ?? '' })
    })
    const name = saveExportFile({ fileName: 'acme.csv', mimeType: 'text/csv', content: 'a,b\r\n1,2\r\n' })
    expect(name).toBe('acme.csv')
    expect(clicked).toEqual([{ name: 'acme.csv', href: 'blob:test' }])
    expect(create).toHaveBeenCalledOnce()
    expect(document.querySelectorAll('a[download]')).toHaveLength(0)
    spy.mockRestore()
  })
})
