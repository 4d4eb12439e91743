/**
 * The issue-14 scenarios of the sync benchmark, on the same estate as the main run:
 *   storm — 3 syncs with 30 % of calls answered 429 (Retry-After 1 s), 25 ms latency;
 *   slow  — 150 ms latency, 8 in flight (the default), efficiency against requests × latency ÷ 8;
 *   rss   — peak RSS of a sync of a 10,000- and a 50,000-consumer estate at 0 ms latency, each in
 *           its own child process (rss-child.ts) so the peaks are separate.
 */
import { fork } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openEstateCache } from '../src/main/cache'
import { syncAccount } from '../src/main/sync'
import { clientFor, log, progressLogger, round, startSimProcess } from './bench-kit'

export interface StormResult {
  stormSyncs: number
  stormFailures: number
  stormSeconds: number[]
  stormRequests: number
  stormMaxInFlight: number
}

export async function stormScenario(dir: string, estate: { bunits: number; consumers: number }, concurrency: number): Promise<StormResult> {
  const sim = await startSimProcess({ port: 0, seed: 2024, ...estate, latencyMs: 25, rate429: 0.3 })
  const seconds: number[] = []
  let failures = 0
  let requests = 0
  try {
    for (let i = 0; i < 3; i++) {
      const cache = openEstateCache(path.join(dir, 'cache', `storm-${i}.sqlite`))
      const started = performance.now()
      try {
        const result = await syncAccount({ client: clientFor(sim), cache, concurrency, onProgress: progressLogger(`storm ${i + 1}`) })
        if (result.counts.consumers !== sim.consumers) throw new Error(`storm sync ${i + 1} incomplete: ${result.counts.consumers}`)
        requests = result.requests
      } catch (error) {
        failures++
        log(`storm sync ${i + 1} failed: ${error instanceof Error ? error.message : String(error)}`)
      } finally {
        seconds.push(round((performance.now() - started) / 1000, 2))
        cache.close()
      }
    }
    const stats = await sim.stats()
    return { stormSyncs: 3, stormFailures: failures, stormSeconds: seconds, stormRequests: requests, stormMaxInFlight: stats.maxInFlight }
  } finally {
    await sim.close()
  }
}

export interface SlowResult {
  slowSyncSeconds: number
  slowEfficiency: number
  slowRequests: number
  slowMaxInFlight: number
}

export async function slowScenario(dir: string, estate: { bunits: number; consumers: number }): Promise<SlowResult> {
  const latencyMs = 150
  const concurrency = 8
  const sim = await startSimProcess({ port: 0, seed: 2024, ...estate, latencyMs })
  try {
    const cache = openEstateCache(path.join(dir, 'cache', 'slow.sqlite'))
    const result = await syncAccount({ client: clientFor(sim), cache, concurrency, onProgress: progressLogger('slow') })
    cache.close()
    const stats = await sim.stats()
    const bound = (result.requests * latencyMs) / 1000 / concurrency
    return {
      slowSyncSeconds: round(result.seconds, 2),
      slowEfficiency: round(bound / result.seconds, 3),
      slowRequests: result.requests,
      slowMaxInFlight: stats.maxInFlight
    }
  } finally {
    await sim.close()
  }
}

export interface RssResult {
  consumers: number
  peakRssMb: number
  afterSyncRssMb: number
  seconds: number
}

/** One sync in a fresh child process; resolves with its peak RSS. */
export function rssScenario(dir: string, bunits: number, consumers: number): Promise<RssResult> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-child.ts')
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_RSS: JSON.stringify({ dir, bunits, consumers }) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc']
    })
    child.once('message', (m: RssResult | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)))
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`rss child exited (${code})`))))
  })
}
