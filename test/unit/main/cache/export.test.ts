import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEstateCache } from '../../../../src/main/cache'
import { csvCell, exportEstate, exportRows, toCsv, writeFileAtomic } from '../../../../src/main/export'
import { smallSnapshot, tempDir } from './fixtures'

/** A strict RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const ch = text[i] as string
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (ch === '"') {
        quoted = false
        i++
        continue
      }
      cell += ch
      i++
      continue
    }
    if (ch === '"' && cell === '') {
      quoted = true
      i++
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
      i++
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i += 2
    } else if (ch === '"' || ch === '\n' || ch === '\r') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`)
    } else {
      cell += ch
      i++
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('missing final CRLF')
  return rows
}

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir('desk-export-'))
})
afterEach(() => cleanup())

describe('CSV cells', () => {
  it('quotes what RFC 4180 requires and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(42)).toBe('42')
    expect(csvCell(true)).toBe('true')
  })

  it('defuses formulas in text but leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvCell('+46 8 123')).toBe("'+46 8 123")
    expect(csvCell('-rm')).toBe("'-rm")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tx')).toBe("'\tx")
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell('a=b')).toBe('a=b')
  })

  it('writes a header, CRLF line ends and a BOM unless asked not to', () => {
    const rows = [{ a: 'x', b: 1 }, { a: 'y,z', b: null }]
    const csv = toCsv([{ key: 'a', header: 'A' }, { key: 'b', header: 'B "num"' }], rows)
    expect(csv).toBe('\ufeffA,"B ""num"""\r\nx,1\r\n"y,z",\r\n')
    expect(toCsv([{ key: 'a', header: 'A' }], rows, { bom: false, delimiter: ';' })).toBe('A\r\nx\r\ny,z\r\n')
  })
})

describe('writing files', () => {
  it('replaces a file atomically and leaves no temporary files', () => {
    const file = path.join(dir, 'out', 'view.csv')
    writeFileAtomic(file, 'first')
    writeFileAtomic(file, 'second')
    expect(fs.readFileSync(file, 'utf8')).toBe('second')
    expect(fs.readdirSync(path.dirname(file))).toEqual(['view.csv'])
  })

  it('fails with a storage error and keeps the old file when the target cannot be replaced', () => {
    const target = path.join(dir, 'is-a-dir')
    fs.mkdirSync(path.join(target, 'child'), { recursive: true })
    expect(() => writeFileAtomic(target, 'x')).toThrow(expect.objectContaining({ kind: 'storage' }))
    expect(fs.statSync(target).isDirectory()).toBe(true)
    expect(fs.readdirSync(dir)).toEqual(['is-a-dir'])
  })

  it('exports the current view as CSV and JSON', () => {
    const rows = [
      { name: 'web01', note: '=cmd|calc', n: 3 },
      { name: 'db, "main"', note: 'multi\nline', n: -1 }
    ]
    const columns = [
      { key: 'name' as const, header: 'Name' },
      { key: 'note' as const, header: 'Note' },
      { key: (r: { n: number }) => r.n * 2, header: 'Double' }
    ]
    const csvFile = path.join(dir, 'view.csv')
    expect(exportRows({ file: csvFile, format: 'csv', columns, rows, csv: { bom: false } })).toEqual({ file: csvFile, rows: 2 })
    expect(parseCsv(fs.readFileSync(csvFile, 'utf8'))).toEqual([
      ['Name', 'Note', 'Double'],
      ['web01', "'=cmd|calc", '6'],
      ['db, "main"', 'multi\nline', '-2']
    ])
    const jsonFile = path.join(dir, 'view.json')
    exportRows({ file: jsonFile, format: 'json', columns, rows })
    expect(JSON.parse(fs.readFileSync(jsonFile, 'utf8'))).toEqual([
      { Name: 'web01', Note: '=cmd|calc', Double: 6 },
      { Name: 'db, "main"', Note: 'multi\nline', Double: -2 }
    ])
  })

  it('exports a whole estate from the cache', () => {
    const cache = openEstateCache(path.join(dir, 'c.sqlite'))
    cache.replaceSnapshot(smallSnapshot())
    const csvFile = path.join(dir, 'estate.csv')
    expect(exportEstate(cache, { file: csvFile, format: 'csv' }).rows).toBe(5)
    const text = fs.readFileSync(csvFile, 'utf8')
    expect(text.startsWith('\ufeff')).toBe(true)
    const table = parseCsv(text.slice(1))
    expect(table).toHaveLength(6)
    const header = table[0] as string[]
    const lab = table.find((r) => r[header.indexOf('Consumer')] === 'lab-box') as string[]
    expect(lab[header.indexOf('Business unit')]).toBe('Acme / Stockholm / Lab')
    expect(lab[header.indexOf('Note')]).toBe("'=cmd|calc")
    expect(lab[header.indexOf('Activated')]).toBe('no')

    const jsonFile = path.join(dir, 'estate.json')
    exportEstate(cache, { file: jsonFile, format: 'json', account: { displayName: 'Demo' } })
    const doc = JSON.parse(fs.readFileSync(jsonFile, 'utf8'))
    expect(doc).toMatchObject({ format: 'cloutility-desk-estate', account: { displayName: 'Demo' } })
    expect(doc.businessUnits).toHaveLength(4)
    expect(doc.consumers).toHaveLength(5)
    expect(doc.reference.domains).toHaveLength(2)
    cache.close()
  })
})
