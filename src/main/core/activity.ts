/**
 * What the core is doing right now, for "is it safe to restart?": syncs in progress and calls that
 * change something (portal writes, bulk runs, account changes) in flight. The updater installs
 * only when both are zero, so a restart never cuts a write or a sync in half.
 */
import type { MethodName } from '../../shared/ipc/contract'
import type { Handlers } from '../ipc/dispatch'
import { DeskError } from '../../shared/errors'
import { rememberSecretsIn } from '../logging/redact'
import { log } from '../log'

/** Calls that change the portal or the local settings. Reads, searches and exports are not here. */
export const WRITE_METHODS = [
  'addAccount',
  'updateAccount',
  'removeAccount',
  'reorderAccounts',
  'setActiveAccount',
  'unlockAccount',
  'createUnit',
  'updateUnit',
  'deleteUnit',
  'createConsumer',
  'updateConsumer',
  'deleteConsumer',
  'createNode',
  'updateNode',
  'deleteNode',
  'activateNode',
  'setNodePassword',
  'addProxy',
  'removeProxy',
  'runBulkCreate',
  'setHealthSettings'
] as const satisfies readonly MethodName[]

export interface CoreActivity {
  syncs: number
  writes: number
}

export class WriteTracker {
  private inFlight = 0

  get writes(): number {
    return this.inFlight
  }

  /**
   * Wraps the write handlers so each call counts while it runs (also when it fails), is logged by
   * name and outcome (never its input), and any password in its input or answer is known to the
   * log redactor before anything could log it.
   */
  wrap(handlers: Handlers): Handlers {
    const wrapped = { ...handlers } as Record<MethodName, (input: unknown) => Promise<unknown>>
    for (const method of WRITE_METHODS) {
      const original = handlers[method] as (input: unknown) => Promise<unknown>
      wrapped[method] = async (input: unknown) => {
        rememberSecretsIn(input)
        this.inFlight++
        const started = Date.now()
        try {
          const result = await original(input)
          rememberSecretsIn(result)
          log.info(`${method} done in ${Date.now() - started} ms`)
          return result
        } catch (error) {
          log.info(`${method} refused or failed after ${Date.now() - started} ms (${error instanceof DeskError ? error.kind : 'internal'})`)
          throw error
        } finally {
          this.inFlight--
        }
      }
    }
    return wrapped as unknown as Handlers
  }
}
