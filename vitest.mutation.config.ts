// The node-side unit tests only, for mutation testing (the renderer tests cannot kill main-process mutants).
// Stryker's vitest runner forces the threads pool. keytar (libsecret) hangs once it has been loaded by
// a worker thread that has since ended, so every test file shares one worker (`isolate: false`):
// keytar is loaded once and the real-keyring tests keep working for every mutant.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/{main,simulator,shared}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    isolate: false
  }
})
