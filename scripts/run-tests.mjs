#!/usr/bin/env node
// The whole test suite, as CI and the README run it: typecheck, lint, unit tests (vitest),
// build, end-to-end tests (Playwright: Chromium against the browser host, and the Electron
// window where the Electron binary exists). Runs inside a private D-Bus session with an
// unlocked gnome-keyring so keytar talks to a real Secret Service. Ends with one summary line.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { ensureKeyringSession } from './keyring-session.mjs'

ensureKeyringSession('scripts/run-tests.mjs')

mkdirSync('test-results', { recursive: true })
const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']],
  ['build', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']],
  ['e2e', 'npx', ['playwright', 'test']]
]

const failedSteps = []
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  if (result.status !== 0) {
    failedSteps.push(name)
    // Without a build there is nothing to run end to end.
    if (name === 'build') break
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 }
addVitest(counts)
addPlaywright(counts)
console.log(`\nsteps failed: ${failedSteps.length === 0 ? 'none' : failedSteps.join(', ')}`)
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
process.exit(failedSteps.length === 0 && counts.failed === 0 ? 0 : 1)

function addVitest(total) {
  const report = readJson('test-results/vitest.json')
  if (!report) return
  total.passed += report.numPassedTests ?? 0
  total.failed += report.numFailedTests ?? 0
  total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
}

function addPlaywright(total) {
  const report = readJson('test-results/playwright.json')
  if (!report?.stats) return
  total.passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0)
  total.failed += report.stats.unexpected ?? 0
  total.skipped += report.stats.skipped ?? 0
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null
  } catch {
    return null
  }
}

