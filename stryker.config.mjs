// Mutation testing of the modules where a silent bug costs most (issue 13). Run with
// `npm run test:mutation` (scripts/run-mutation.mjs: a private keyring session, then Stryker, then
// per-module scores against the break thresholds in scripts/mutation-thresholds.json).
// Incremental: results are reused from reports/stryker-incremental.json (kept in git) for code and
// tests that did not change, so a re-run after a small change takes minutes.
import { CORE_MUTATE } from './scripts/mutation-modules.mjs'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: process.env.MUTATE?.split(',') ?? CORE_MUTATE,
  ignorePatterns: ['out', 'dist', 'test-results', 'reports/mutation', '.stryker-tmp'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['progress', 'clear-text', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { reportMutants: false, reportTests: false },
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 30,
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp'
}
