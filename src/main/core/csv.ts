/**
 * A small RFC 4180 reader: quoted fields with embedded commas, quotes ("") and line breaks,
 * CRLF or LF, a UTF-8 BOM, and ';' as the delimiter when the header uses it (as spreadsheets in
 * many European locales write). Returns rows with their 1-based line numbers for messages.
 */
export interface CsvRow {
  line: number
  cells: string[]
}

export function parseCsv(text: string): CsvRow[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const firstLine = source.slice(0, source.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: CsvRow[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
      continue
    }
    if (ch === '"' && cell === '') quoted = true
    else if (ch === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++
      cells.push(cell)
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells })
      cells = []
      cell = ''
      line++
      rowLine = line
    } else cell += ch
  }
  cells.push(cell)
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells })
  return rows
}
