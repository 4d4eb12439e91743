#!/usr/bin/env node
// Records reviewed surviving mutants in reports/mutation-accepted.json from lines of the form
// `src/file.ts:LINE:MutatorName — reason` (stdin or a file), sorted by key. A key names a line and a
// mutator, so a reason covers every mutant of that kind on that line.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'

const FILE = 'reports/mutation-accepted.json'
const text = readFileSync(process.argv[2] ?? 0, 'utf8')
const accepted = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {}
let added = 0
for (const line of text.split('\n')) {
  const match = /^(src\/\S+:\d+:[A-Za-z]+)\s+[—-]+\s+(.+)$/.exec(line.trim())
  if (!match) continue
  accepted[match[1]] = match[2].trim()
  added++
}
const sorted = Object.fromEntries(Object.entries(accepted).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })))
writeFileSync(FILE, `${JSON.stringify(sorted, null, 2)}\n`)
console.log(`${added} reason(s) recorded, ${Object.keys(sorted).length} in ${FILE}`)
