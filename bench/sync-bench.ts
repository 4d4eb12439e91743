/**
 * Sync benchmark: a large simulated estate (250 business units, 10,000 consumers with nodes) with
 * 25 ms injected latency per request, synced into a fresh cache; then the cache is reopened for
 * the first screen and searched. Progress goes to stderr; the last stdout line is one JSON object.
 *
 *   npm run bench                       (defaults)
 *   BENCH_CONSUMERS=2000 npm run bench  (a quicker run)
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openEstateCache } from '../src/main/cache'
import { CloutilityClient } from '../src/main/cloutility'
import { syncAccount, type SyncProgress } from '../src/main/sync'
import { refreshHealth } from '../src/main/health/refresh'
import { measureHealthView } from './health-view'
import type { SimulatorOptions } from '../src/simulator'
import type { SimReady, SimStatsMessage } from './sim-process'

const BUNITS = Number(process.env.BENCH_BUNITS ?? 250)
const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 10_000)
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const SEQ_BUNITS = 20
const SEQ_CONSUMERS = 300
const SEARCH_QUERIES = 1000

const log = (line: string) => process.stderr.write(`${line}\n`)
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

/** The simulator in a child process (its memory and CPU are the portal's, not the app's). */
interface SimHandle extends SimReady {
  stats(): Promise<SimStatsMessage>
  close(): Promise<void>
}

function startSimProcess(options: SimulatorOptions): Promise<SimHandle> {
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

function clientFor(sim: SimHandle): CloutilityClient {
  const d = sim.defaults
  return new CloutilityClient({
    apiUrl: sim.apiUrl,
    clientId: d.clientId,
    origin: d.origin,
    username: d.username,
    getPassword: async () => d.password
  })
}

function progressLogger(label: string): (p: SyncProgress) => void {
  let lastPhase = ''
  let lastLog = 0
  return (p) => {
    const now = performance.now()
    if (p.phase === lastPhase && p.done < p.total && now - lastLog < 1000) return
    lastPhase = p.phase
    lastLog = now
    const eta = p.etaSeconds === null ? '?' : `${p.etaSeconds}s`
    log(`[${label}] ${p.phase.padEnd(9)} ${String(p.done).padStart(6)}/${p.total} eta ${eta} requests ${p.requests}`)
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] as number
}

/** 1,000 queries shaped like typing: prefixes, middles, node names, contacts, units, misses. */
function buildQueries(names: { consumers: string[]; nodes: string[]; contacts: string[]; units: string[] }): string[] {
  let seed = 42
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  const pick = (list: string[]) => list[Math.floor(rand() * list.length)] ?? 'x'
  const queries: string[] = []
  while (queries.length < SEARCH_QUERIES) {
    const kind = queries.length % 8
    const name = pick(kind < 3 ? names.consumers : kind === 3 ? names.nodes : kind === 4 ? names.contacts : names.units)
    let q: string
    if (kind === 0 || kind === 5) q = name.slice(0, 1 + Math.floor(rand() * 6)) // prefix as typed
    else if (kind === 1 || kind === 4) {
      const start = Math.floor(rand() * Math.max(1, name.length - 3))
      q = name.slice(start, start + 3 + Math.floor(rand() * 4)) // substring
    } else if (kind === 2 || kind === 3) q = name // whole name
    else if (kind === 6) q = name.slice(0, 2) // two letters
    else q = `zq${Math.floor(rand() * 1e6)}` // no match
    queries.push(q.trim() === '' ? 'a' : q)
  }
  return queries
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'))
  const file = path.join(dir, 'cache', 'bench.sqlite')
  try {
    // ---------------------------------------------------------------- the big sync
    log(`starting simulator: ${BUNITS} units, ${CONSUMERS} consumers, ${LATENCY_MS} ms latency`)
    const sim = await startSimProcess({ port: 0, seed: 2024, bunits: BUNITS, consumers: CONSUMERS, latencyMs: LATENCY_MS })
    const cache = openEstateCache(file)
    const result = await syncAccount({
      client: clientFor(sim),
      cache,
      concurrency: CONCURRENCY,
      onProgress: progressLogger('sync')
    })
    const simStats = await sim.stats()
    const maxInFlight = simStats.maxInFlight
    const simRequests = simStats.requests

    // ---------------------------------------------------------------- health pass on the same estate
    const healthStart = performance.now()
    const health = await refreshHealth({
      client: clientFor(sim),
      cache,
      concurrency: CONCURRENCY,
      onProgress: (done, total) => {
        if (done % 1000 === 0 || done === total) log(`[health] ${done}/${total}`)
      }
    })
    const healthSeconds = (performance.now() - healthStart) / 1000
    const healthMaxInFlight = (await sim.stats()).maxInFlight
    const healthBound = (health.requests * LATENCY_MS) / 1000 / CONCURRENCY
    log(`health: ${health.checked} consumers, ${health.requests} requests in ${round(healthSeconds, 2)} s (bound ${round(healthBound, 2)} s), counts ${JSON.stringify(health.counts)}`)
    await sim.close()
    if (result.counts.consumers !== sim.consumers || result.counts.nodes !== sim.nodes || result.counts.bunits !== sim.bunits) {
      throw new Error(`sync incomplete: ${JSON.stringify(result.counts)} vs ${sim.bunits}/${sim.consumers}/${sim.nodes}`)
    }
    log(`sync: ${result.counts.consumers} consumers, ${result.counts.nodes} nodes, ${result.requests} requests in ${round(result.seconds, 2)} s, max in flight ${maxInFlight}`)

    const names = {
      consumers: cache.consumers().map((c) => c.name),
      nodes: cache.consumers({ filter: { hasNode: true } }).flatMap((c) => (c.tsmName ? [c.tsmName] : [])),
      contacts: cache.consumers().flatMap((c) => (c.contact ? [c.contact] : [])),
      units: cache.tree().map((u) => u.name)
    }
    cache.close()

    // ---------------------------------------------------------------- sequential baseline
    log(`sequential baseline: ${SEQ_BUNITS} units, ${SEQ_CONSUMERS} consumers, one request at a time`)
    const small = await startSimProcess({ port: 0, seed: 2024, bunits: SEQ_BUNITS, consumers: SEQ_CONSUMERS, latencyMs: LATENCY_MS })
    const smallCache = openEstateCache(path.join(dir, 'cache', 'sequential.sqlite'))
    const seq = await syncAccount({ client: clientFor(small), cache: smallCache, concurrency: 1, onProgress: progressLogger('seq') })
    const seqMaxInFlight = (await small.stats()).maxInFlight
    smallCache.close()
    await small.close()
    const secondsPerRequest = seq.seconds / seq.requests
    const sequentialSeconds = secondsPerRequest * result.requests
    log(`sequential: ${seq.requests} requests in ${round(seq.seconds, 2)} s (${round(secondsPerRequest * 1000, 2)} ms each, max in flight ${seqMaxInFlight})`)

    // ---------------------------------------------------------------- first screen from a fresh open
    const t0 = performance.now()
    const reopened = openEstateCache(file)
    const first = reopened.firstScreen()
    const cacheOpenMs = performance.now() - t0
    log(`first screen: ${first.tree.length} units, ${first.consumers.length} consumers of unit ${first.bunitId} in ${round(cacheOpenMs)} ms`)

    // ---------------------------------------------------------------- search
    const queries = buildQueries(names)
    for (const q of queries.slice(0, 20)) reopened.search(q) // warm the statement cache
    const times: number[] = []
    let hits = 0
    for (const q of queries) {
      const s = performance.now()
      hits += reopened.search(q, { limit: 50 }).length
      times.push(performance.now() - s)
    }
    times.sort((a, b) => a - b)
    log(`search: ${queries.length} queries, ${hits} hits, p50 ${round(percentile(times, 50), 2)} ms, p95 ${round(percentile(times, 95), 2)} ms, max ${round(times.at(-1) ?? 0, 2)} ms`)
    reopened.close()
    const cacheFileMb = fs.statSync(file).size / 1_048_576
    const healthView = measureHealthView(file, 500)
    log(`health view: ${healthView.problems} problems of ${healthView.consumers} consumers read in ${round(healthView.ms)} ms (fresh open)`)

    const speedup = sequentialSeconds / result.seconds
    const summary = {
      consumers: result.counts.consumers,
      nodes: result.counts.nodes,
      bunits: result.counts.bunits,
      requests: result.requests,
      simRequests,
      concurrency: CONCURRENCY,
      latencyMs: LATENCY_MS,
      maxInFlight,
      syncSeconds: round(result.seconds, 2),
      sequentialSeconds: round(sequentialSeconds, 1),
      sequentialMethod: `measured with concurrency 1 on a ${SEQ_BUNITS}-unit, ${SEQ_CONSUMERS}-consumer estate (same latency): ${seq.requests} requests in ${round(seq.seconds, 2)} s, scaled by request count to ${result.requests} requests`,
      speedup: round(speedup, 1),
      cacheOpenMs: round(cacheOpenMs),
      searchP50Ms: round(percentile(times, 50), 2),
      searchP95Ms: round(percentile(times, 95), 2),
      searchQueries: queries.length,
      // This process only (sync, cache, search); the simulator runs in a child process.
      peakRssMb: round(process.resourceUsage().maxRSS / 1024),
      simPeakRssMb: round(simStats.peakRssMb),
      cacheFileMb: round(cacheFileMb),
      healthConsumers: health.checked,
      healthRequests: health.requests,
      healthSeconds: round(healthSeconds, 2),
      healthEfficiency: round(healthBound / healthSeconds, 2),
      healthMaxInFlight,
      healthViewMs: round(healthView.ms),
      healthViewProblems: healthView.problems,
      targets: {
        healthEfficiency: healthBound / healthSeconds >= 0.85 && healthMaxInFlight <= 16,
        healthViewMs: healthView.ms <= 300,
        speedup: speedup >= 10 && maxInFlight <= 16,
        cacheOpenMs: cacheOpenMs <= 300,
        searchP95Ms: percentile(times, 95) <= 30,
        peakRssMb: process.resourceUsage().maxRSS / 1024 <= 400
      }
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
