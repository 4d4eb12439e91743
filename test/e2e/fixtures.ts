/**
 * The usual end-to-end setup as Playwright fixtures: a Cloutility simulator process (its flags
 * set per file with `test.use({ simArgs })`) and a fresh browser host, both stopped afterwards.
 * Specs that restart the host or run several portals manage their own processes.
 */
import { test as base } from '@playwright/test'
import { startHostProcess, startSimulatorProcess, type HostProcess, type SimProcess } from '../helpers/processes'

export const test = base.extend<{ simArgs: string[]; sim: SimProcess; host: HostProcess }>({
  simArgs: [['--bunits', '6', '--consumers', '20', '--seed', '1'], { option: true }],
  sim: async ({ simArgs }, use) => {
    const sim = await startSimulatorProcess(simArgs)
    await use(sim)
    await sim.stop()
  },
  // Playwright reads a fixture's dependencies from this destructuring pattern, even an empty one.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHostProcess()
    await use(host)
    await host.stop()
  }
})

export { expect } from '@playwright/test'
