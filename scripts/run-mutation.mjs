#!/usr/bin/env node
// `npm run test:mutation`: StrykerJS over the core modules (stryker.config.mjs), incremental, inside
// a private keyring session; then the mutation score per module, checked against the break
// thresholds in scripts/mutation-thresholds.json, written to reports/mutation-scores.json (kept in
// git, so the scores' history shows) with every surviving mutant and its reason from
// reports/mutation-accepted.json (equivalent mutant or accepted risk; "unreviewed" otherwise).
// Limit the run with MUTATE=src/shared/**/*.ts (comma-separated globs); MUTATION_TESTS (comma-
// separated globs) overrides the test files.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { ensureKeyringSession } from './keyring-session.mjs'
import { CORE_MUTATE } from './mutation-modules.mjs'

ensureKeyringSession('scripts/run-mutation.mjs', process.argv.slice(2))

// App-level tests (core, installed, ipc…) build a whole app core in `beforeAll` and start syncs
// that go on between tests. Stryker counts code run outside a test as "static" and runs the whole
// suite for each such mutant, which turns the sync, cache, accounts and client modules into hours. Those
// are measured with their own unit tests only: a stricter score (app-level kills are not
// counted), never a kinder one.
const OWN_TESTS = {
  'src/main/sync/': ['sync', 'cache', 'health'],
  'src/main/cache/': ['sync', 'cache', 'health'],
  'src/main/accounts/': ['accounts', 'credentials'],
  // The client's contract tests sign in once per file in `beforeAll`: two thirds of its mutants
  // are static, so the client is measured with its own folder, the smallest suite that covers it.
  'src/main/cloutility/': ['cloutility']
}
const testsFor = (glob) => {
  const folders = Object.entries(OWN_TESTS).find(([prefix]) => glob.startsWith(prefix))?.[1]
  return process.env.MUTATION_TESTS ?? folders?.map((f) => `test/unit/main/${f}/**/*.test.ts`).join(',')
}
const globs = process.env.MUTATE ? process.env.MUTATE.split(',') : CORE_MUTATE
// One Stryker run per test set, in order of first appearance.
const runs = []
for (const glob of globs) {
  const tests = testsFor(glob)
  const run = runs.find((r) => r.tests === tests)
  if (run) run.mutate.push(glob)
  else runs.push({ mutate: [glob], tests })
}
for (const { mutate, tests } of runs) {
  const env = { ...process.env, MUTATE: mutate.join(',') }
  if (tests) env.MUTATION_TESTS = tests
  else delete env.MUTATION_TESTS
  console.log(`\nmutating ${mutate.join(', ')}\n  with ${tests ?? 'all node unit tests'}`)
  const run = spawnSync('npx', ['stryker', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env })
  if (run.status !== 0) process.exit(run.status ?? 1)
}

const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'))
const { modules: thresholds } = JSON.parse(readFileSync('scripts/mutation-thresholds.json', 'utf8'))
const accepted = existsSync('reports/mutation-accepted.json') ? JSON.parse(readFileSync('reports/mutation-accepted.json', 'utf8')) : {}
const moduleOf = (file) => Object.keys(thresholds).find((m) => file === m || file.startsWith(`${m}/`)) ?? 'other'

const scores = {}
const survivors = []
for (const [file, { mutants }] of Object.entries(report.files)) {
  const module = moduleOf(file)
  const s = (scores[module] ??= { killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0 })
  for (const m of mutants) {
    if (m.status === 'Killed') s.killed++
    else if (m.status === 'Timeout') s.timeout++
    else if (m.status === 'Survived') s.survived++
    else if (m.status === 'NoCoverage') s.noCoverage++
    else s.ignored++
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const key = `${file}:${m.location.start.line}:${m.mutatorName}`
      survivors.push({ key, status: m.status, replacement: m.replacement ?? null, reason: accepted[key] ?? 'unreviewed' })
    }
  }
}

let failed = false
const lines = []
for (const [module, s] of Object.entries(scores).sort()) {
  const detected = s.killed + s.timeout
  // No-coverage counts as survived: an untested line is not a defended one.
  const score = detected + s.survived + s.noCoverage === 0 ? 100 : (100 * detected) / (detected + s.survived + s.noCoverage)
  s.score = Math.round(score * 10) / 10
  const floor = thresholds[module] ?? 0
  const ok = score >= floor
  failed ||= !ok
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${module.padEnd(30)} ${String(s.score).padStart(5)} %  (killed ${detected}, survived ${s.survived}, no coverage ${s.noCoverage}; break ${floor})`)
}
// Modules the incremental report holds no result for yet (never mutated on this history).
const unmeasured = Object.keys(thresholds).filter((m) => !(m in scores))
for (const module of unmeasured) lines.push(`---- ${module.padEnd(30)}   not measured yet (MUTATE='${module}${module.endsWith('.ts') ? '' : '/**/*.ts'}' npm run test:mutation)`)
writeFileSync('reports/mutation-scores.json', `${JSON.stringify({ ranAt: new Date().toISOString(), scores, unmeasured, survivors }, null, 2)}\n`)
console.log(`\nmutation score per module:\n${lines.join('\n')}\nsurviving mutants: ${survivors.length} (reports/mutation-scores.json)`)
process.exit(failed ? 1 : 0)
