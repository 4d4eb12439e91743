/**
 * `window.desk` for renderer tests, backed by the app's real main-process core in the same
 * process: every call goes through the real dispatcher and handlers, every push event comes from
 * the real event hub. The only thing missing is a transport, which the e2e suite covers.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppCore, type AppCore } from '../../src/main/core/app-core'
import { dispatch } from '../../src/main/ipc/dispatch'
import { eventListenerName, eventNames, methodNames, type DeskBridge, type EventName } from '../../src/shared/ipc/contract'

export interface InProcessDesk {
  bridge: DeskBridge
  core: AppCore
  close(): Promise<void>
}

export async function inProcessDesk(): Promise<InProcessDesk> {
  process.env.DESK_QUIET = '1'
  const core = await createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'desk-renderer-')),
    host: 'browser',
    version: 'test'
  })
  const api: Record<string, unknown> = {}
  for (const method of methodNames) api[method] = (input: unknown) => dispatch(core.handlers, method, input)
  for (const event of eventNames) {
    api[eventListenerName(event)] = (listener: (payload: unknown) => void) =>
      core.events.onAny((name: EventName, payload) => {
        if (name === event) listener(payload)
      })
  }
  return { bridge: api as DeskBridge, core, close: () => core.close() }
}
