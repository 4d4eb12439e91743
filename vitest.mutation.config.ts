// The node-side unit tests only, for mutation testing (the renderer tests cannot kill main-process mutants).
// Stryker's vitest runner forces the threads pool, and libsecret crashes or hangs when keytar is
// loaded again by a later worker thread: keytar runs in a child process here
// (test/mutation/keytar-in-child.ts), still against the real Secret Service, and the test files
// share one worker (`isolate: false`), which also makes the run several times faster.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    // MUTATION_TESTS narrows the test files for one module's run (scripts/run-mutation.mjs).
    include: process.env.MUTATION_TESTS?.split(',') ?? ['test/unit/{main,simulator,shared}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    isolate: false,
    setupFiles: ['test/mutation/keytar-in-child.ts']
  }
})
