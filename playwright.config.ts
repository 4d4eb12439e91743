import { defineConfig } from '@playwright/test'

/**
 * Two suites:
 * - chromium: the renderer in Debian's Chromium against the browser host (the app's real main
 *   code on loopback) and the Cloutility simulator, both started per test as real processes;
 * - electron: the desktop window via Playwright's _electron, where the Electron binary exists
 *   (it skips with the reason printed where it does not).
 */
const chromiumArgs = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export default defineConfig({
  outputDir: 'test-results/playwright-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
        viewport: { width: 1280, height: 800 },
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure'
      }
    },
    { name: 'electron', testDir: 'test/electron' }
  ]
})
