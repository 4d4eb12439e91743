#!/usr/bin/env node
// Lists the mutants that survived the last mutation run (reports/mutation/mutation.json), file by
// file, with the original line and the replacement, and the reason recorded for it in
// reports/mutation-accepted.json, if any. `node scripts/mutation-survivors.mjs src/main/cache` narrows
// it to one folder or file. For writing the test that kills a mutant, or the reason it is accepted.
import { existsSync, readFileSync } from 'node:fs'

const prefix = process.argv[2] ?? ''
const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'))
const accepted = existsSync('reports/mutation-accepted.json') ? JSON.parse(readFileSync('reports/mutation-accepted.json', 'utf8')) : {}

let count = 0
for (const [file, { source, mutants }] of Object.entries(report.files).sort()) {
  if (!file.startsWith(prefix)) continue
  const lines = source.split('\n')
  const left = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line)
  if (left.length === 0) continue
  console.log(`\n${file} (${left.length})`)
  for (const m of left) {
    const key = `${file}:${m.location.start.line}:${m.mutatorName}`
    const original = lines[m.location.start.line - 1].trim()
    const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)
    console.log(`  ${m.location.start.line}:${m.location.start.column} ${m.status === 'NoCoverage' ? 'NO COVERAGE ' : ''}${m.mutatorName}  ${original.slice(0, 110)}`)
    console.log(`      -> ${replacement}${accepted[key] ? `   [accepted: ${accepted[key]}]` : ''}`)
    count++
  }
}
console.log(`\n${count} surviving mutant(s)`)
