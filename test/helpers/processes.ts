/**
 * Real processes for end-to-end tests: the Cloutility simulator and the browser host, each
 * started with `tsx` exactly as `npm run sim` / `npm run web` start them, and stopped with a
 * signal (so "stop the portal" and "restart the app" are real).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const tsx = join(root, 'node_modules/.bin/tsx')

export interface RunningProcess {
  child: ChildProcess
  output: () => string
  stop(): Promise<void>
}

function startAndWait(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ match: RegExpExecArray; proc: RunningProcess }> {
  const child = spawn(tsx, args, { cwd: root, env: { ...process.env, DESK_QUIET: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const proc: RunningProcess = {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
  }
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = pattern.exec(output)
      if (match) resolvePromise({ match, proc })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${output}`)))
  })
}

export interface SimProcess extends RunningProcess {
  apiUrl: string
  port: number
}

export async function startSimulatorProcess(extraArgs: string[] = []): Promise<SimProcess> {
  const { match, proc } = await startAndWait(['src/simulator/cli.ts', '--port', '0', ...extraArgs], /(https?:\/\/[A-Za-z0-9.-]+:(\d+)\/v1\/)/)
  return { ...proc, apiUrl: match[1]!, port: Number(match[2]) }
}

export interface HostProcess extends RunningProcess {
  openUrl: string
  dataDir: string
}

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'desk-e2e-'))
}

/** `env` adds to the host's environment (e.g. HTTPS_PROXY, NODE_EXTRA_CA_CERTS). */
export async function startHostProcess(options: { dataDir?: string; demo?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<HostProcess> {
  const dataDir = options.dataDir ?? freshDataDir()
  const args = ['src/main/web-host/cli.ts', '--port', '0', '--data-dir', dataDir, ...(options.demo ? ['--demo'] : [])]
  const { match, proc } = await startAndWait(args, /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/, options.env)
  return { ...proc, openUrl: match[1]!, dataDir }
}

export const SIM = { clientId: 'desk-demo', origin: 'http://localhost', username: 'demo@example.com', password: 'demo' }

/**
 * Test control of a simulator started with `--test-control`: plant a consumer's health
 * (`{consumerId | consumerName, status?: 'failed'|'missed'|'warning'|'ok'|'no-status', days?,
 * bogusJobDate?}`) or undo it (`{consumerId?, clear: true}`). Throws on any non-200 answer.
 */
export async function setSimHealth(sim: { apiUrl: string }, body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(sim.apiUrl.replace(/\/v1\/$/, '/_sim/health'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })
  const answer: unknown = await res.json()
  if (res.status !== 200) throw new Error(`POST /_sim/health answered ${res.status}: ${JSON.stringify(answer)}`)
  return answer
}
