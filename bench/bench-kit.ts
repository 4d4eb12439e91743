/**
 * What the benchmark scripts share: the simulator in a child process (its memory and CPU are the
 * portal's, not the app's), a client for it, and a progress logger on stderr.
 */
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CloutilityClient } from '../src/main/cloutility'
import type { SyncProgress } from '../src/main/sync'
import type { SimulatorOptions } from '../src/simulator'
import type { SimReady, SimStatsMessage } from './sim-process'

export const log = (line: string): void => void process.stderr.write(`${line}\n`)
export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits

/** The simulator in a child process (its memory and CPU are the portal's, not the app's). */
export interface SimHandle extends SimReady {
  stats(): Promise<SimStatsMessage>
  close(): Promise<void>
}

export function startSimProcess(options: SimulatorOptions): Promise<SimHandle> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sim-process.ts')
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SIM_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc']
  })
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type === 'error') reject(new Error(`simulator process: ${m.message}`))
        else if (m.type === type) resolve(m as T)
        else return
        child.off('message', onMessage)
        child.off('exit', onExit)
      }
      const onExit = (code: number | null) => reject(new Error(`simulator process exited (${code})`))
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  return next<SimReady>('ready').then((ready) => ({
    ...ready,
    stats: () => {
      const answer = next<SimStatsMessage>('stats')
      child.send({ type: 'stats' })
      return answer
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.send({ type: 'close' })
      })
  }))
}

export function clientFor(sim: SimHandle): CloutilityClient {
  const d = sim.defaults
  return new CloutilityClient({
    apiUrl: sim.apiUrl,
    clientId: d.clientId,
    origin: d.origin,
    username: d.username,
    getPassword: async () => d.password
  })
}

export function progressLogger(label: string): (p: SyncProgress) => void {
  let lastPhase = ''
  let lastLog = 0
  const started = performance.now()
  return (p) => {
    const now = performance.now()
    if (p.phase === lastPhase && p.done < p.total && now - lastLog < 1000) return
    lastPhase = p.phase
    lastLog = now
    const eta = p.etaSeconds === null ? '?' : `${p.etaSeconds}s`
    log(`[${label}] ${((now - started) / 1000).toFixed(2).padStart(7)}s ${p.phase.padEnd(9)} ${String(p.done).padStart(6)}/${p.total} eta ${eta} requests ${p.requests}`)
  }
}

