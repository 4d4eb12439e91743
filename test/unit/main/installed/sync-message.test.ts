/**
 * A failed sync's message says it once: "The sync failed while … The cached estate is unchanged."
 * and not "The sync failed: The sync failed while …".
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import type { SyncProgress } from '../../../../src/shared/ipc/estate-models'

process.env.DESK_QUIET = '1'

let sim: RunningSimulator
let core: AppCore

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 4, bunits: 3, consumers: 6 })
  core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'desk-syncmsg-')), host: 'browser', version: 'test' })
})
afterAll(async () => {
  await core.close()
  await sim.close()
})

it('says "The sync failed" once, with where it stopped and that the cache is unchanged', async () => {
  // Every consumer list answers 403 (not retried): the first sync fails while reading consumers.
  sim.faults.failNext(1000, 403, /consumers/)
  const failed = new Promise<SyncProgress>((resolve) => core.events.onAny((name, p) => name === 'syncProgress' && (p as SyncProgress).phase === 'failed' && resolve(p as SyncProgress)))
  const added = await dispatch(core.handlers, 'addAccount', {
    apiUrl: sim.apiUrl, clientId: sim.defaults.clientId, origin: sim.defaults.origin, username: sim.defaults.username, password: sim.defaults.password, displayName: 'A', secretMode: 'session'
  })
  expect(added.ok).toBe(true)
  const { message } = await failed
  expect(message).toMatch(/^The sync failed while /)
  expect(message!.match(/sync failed/gi)).toHaveLength(1)
  expect(message!.match(/unchanged|kept/gi)).toHaveLength(1)
  expect(message).not.toMatch(/[^.!?] The cached/) // the portal's reason ends its sentence first
  expect(message).toMatch(/\. The cached estate is unchanged\.$/)
})
