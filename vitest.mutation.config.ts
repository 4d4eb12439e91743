// The node-side unit tests only, for mutation testing (the renderer tests cannot kill main-process mutants).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/{main,simulator,shared}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
