/**
 * `npm run web -- --port N [--data-dir DIR] [--demo]`: the browser host. Runs main's real core
 * in Node and serves the built renderer on 127.0.0.1, then prints the URL to open.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createAppCore } from '../core/app-core'
import { startWebHost } from './server'

const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--demo] [--sync-concurrency N] [--renderer-dir DIR]
  --port N              port on 127.0.0.1 (default 5199; 0 picks a free one)
  --data-dir DIR        where accounts and caches live (default: the desktop app's data folder)
  --demo                start the embedded Cloutility simulator and open its demo account
  --sync-concurrency N  portal requests in flight during a sync, 1 to 16 (default 8)
  --renderer-dir        the built renderer (default out/renderer, made by "npm run build")`

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`)
  process.exit(2)
}

/** Same folder Electron uses for userData, so both hosts see the same accounts. */
function defaultDataDir(): string {
  const name = 'Cloutility Desk'
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name)
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name)
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name)
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '5199' },
        'data-dir': { type: 'string' },
        'renderer-dir': { type: 'string' },
        demo: { type: 'boolean', default: false },
        'sync-concurrency': { type: 'string', default: '8' },
        help: { type: 'boolean', default: false }
      },
      strict: true
    }))
  } catch (error) {
    fail((error as Error).message)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`)
  const syncConcurrency = Number(values['sync-concurrency'])
  if (!Number.isInteger(syncConcurrency) || syncConcurrency < 1 || syncConcurrency > 16) {
    fail(`--sync-concurrency must be a whole number from 1 to 16, not "${values['sync-concurrency']}"`)
  }
  const here = fileURLToPath(new URL('.', import.meta.url))
  const rendererDir = resolve(values['renderer-dir'] ?? join(here, '../../../out/renderer'))
  if (!existsSync(join(rendererDir, 'index.html'))) fail(`No built renderer in ${rendererDir}: run "npm run build" first`)
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir())

  const core = await createAppCore({ dataDir, host: 'browser', version: process.env.npm_package_version ?? '0.0.0', syncConcurrency })
  const host = await startWebHost({ handlers: core.handlers, events: core.events, rendererDir, port })
  if (values.demo) {
    const account = await core.startDemo()
    process.stdout.write(`Demo portal ready: ${account.apiUrl} (user ${account.username})\n`)
  }
  process.stdout.write(`Cloutility Desk (browser host) is running. Data: ${dataDir}\nOpen ${host.openUrl}\n`)

  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    await host.close()
    await core.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  process.stderr.write(`Cloutility Desk could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
