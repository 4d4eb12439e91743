/**
 * Sync benchmark: a large simulated estate (250 business units, 10,000 consumers with nodes) with
 * 25 ms injected latency per request, synced into a fresh cache; then the cache is reopened for
 * the first screen and searched. Progress goes to stderr; the last stdout line is one JSON object.
 *
 * Then the issue-14 scenarios (scenarios.ts): a 429 storm, a slow portal, and the peak RSS of
 * a 10,000- and a 50,000-consumer sync in child processes.
 *
 *   npm run bench                              (defaults: every scenario)
 *   BENCH_CONSUMERS=2000 npm run bench         (a quicker run)
 *   BENCH_SCENARIOS=storm,rss npm run bench    (some of main, storm, slow, rss)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openEstateCache } from '../src/main/cache'
import { syncAccount } from '../src/main/sync'
import { refreshHealth } from '../src/main/health/refresh'
import { measureHealthView } from './health-view'
import Database from 'better-sqlite3'
import { clientFor, log, progressLogger, round, startSimProcess } from './bench-kit'
import { rssScenario, slowScenario, stormScenario } from './scenarios'

const BUNITS = Number(process.env.BENCH_BUNITS ?? 250)
const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 10_000)
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const SEQ_BUNITS = 20
const SEQ_CONSUMERS = 300
const SEARCH_QUERIES = 1000


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

/** The main run: the big sync (a never-synced account), health pass, baseline, first screen, search. */
async function mainScenario(dir: string): Promise<{ summary: Record<string, unknown>; targets: Record<string, boolean> }> {
  const file = path.join(dir, 'cache', 'bench.sqlite')
  {
    // ---------------------------------------------------------------- the big sync
    log(`starting simulator: ${BUNITS} units, ${CONSUMERS} consumers, ${LATENCY_MS} ms latency`)
    const sim = await startSimProcess({ port: 0, seed: 2024, bunits: BUNITS, consumers: CONSUMERS, latencyMs: LATENCY_MS })
    const cache = openEstateCache(file)
    // firstUseful: when the tree and every unit's consumer list are readable by the UI. Checked
    // through a second connection to the file, as another reader would see it.
    let firstUsefulSeconds = Number.NaN
    let firstUsefulConsumers = 0
    const syncStart = performance.now()
    const result = await syncAccount({
      client: clientFor(sim),
      cache,
      concurrency: CONCURRENCY,
      onProgress: progressLogger('sync'),
      onConsumersListed: () => {
        firstUsefulSeconds = (performance.now() - syncStart) / 1000
        const reader = new Database(file, { readonly: true })
        const row = reader.prepare('SELECT (SELECT count(*) FROM consumers) AS c, (SELECT count(*) FROM bunits) AS b').get() as { c: number; b: number }
        reader.close()
        firstUsefulConsumers = row.b === sim.bunits ? row.c : -1
        log(`first useful after ${round(firstUsefulSeconds, 2)} s: ${row.b} units, ${row.c} consumers readable`)
      }
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
    const syncBound = (result.requests * LATENCY_MS) / 1000 / CONCURRENCY
    if (firstUsefulConsumers !== sim.consumers) throw new Error(`first sync did not show every consumer before the nodes (${firstUsefulConsumers})`)
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
      firstUsefulSeconds: round(firstUsefulSeconds, 2),
      syncEfficiency: round(syncBound / result.seconds, 3),
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
    }
    const targets = {
        healthEfficiency: healthBound / healthSeconds >= 0.85 && healthMaxInFlight <= 16,
        healthViewMs: healthView.ms <= 300,
        speedup: speedup >= 10 && maxInFlight <= 16,
        cacheOpenMs: cacheOpenMs <= 300,
        searchP95Ms: percentile(times, 95) <= 30,
      peakRssMb: process.resourceUsage().maxRSS / 1024 <= 400,
      syncEfficiency: syncBound / result.seconds >= 0.85 && maxInFlight <= 16
    }
    return { summary, targets }
  }
}

async function main(): Promise<void> {
  const scenarios = new Set((process.env.BENCH_SCENARIOS ?? 'main,storm,slow,rss').split(',').map((x) => x.trim()))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'))
  const estate = { bunits: BUNITS, consumers: CONSUMERS }
  const summary: Record<string, unknown> = {}
  const targets: Record<string, boolean> = {}
  try {
    if (scenarios.has('main')) {
      const main = await mainScenario(dir)
      Object.assign(summary, main.summary)
      Object.assign(targets, main.targets)
    }
    if (scenarios.has('storm')) {
      log('storm: 3 syncs, 30 % of calls answered 429 (Retry-After 1 s), 25 ms latency')
      const storm = await stormScenario(dir, estate, 8)
      Object.assign(summary, storm)
      targets.stormFailures = storm.stormFailures === 0 && storm.stormMaxInFlight <= 8
    }
    if (scenarios.has('slow')) {
      log('slow: 150 ms latency, 8 in flight')
      const slow = await slowScenario(dir, estate)
      Object.assign(summary, slow)
      targets.slowEfficiency = slow.slowEfficiency >= 0.85 && slow.slowMaxInFlight <= 8
    }
    if (scenarios.has('rss')) {
      const small = await rssScenario(dir, BUNITS, 10_000)
      const large = await rssScenario(dir, BUNITS * 5, 50_000)
      summary.rss10kMb = round(small.peakRssMb)
      summary.rss50kMb = round(large.peakRssMb)
      summary.rssAfterSync50kMb = round(large.afterSyncRssMb)
      targets.rss50kMb = large.peakRssMb <= 400 && large.peakRssMb - small.peakRssMb <= 100
    }
    if (typeof summary.firstUsefulSeconds === 'number' && typeof summary.syncSeconds === 'number') {
      targets.firstUsefulSeconds = summary.firstUsefulSeconds <= 0.1 * summary.syncSeconds
    }
    process.stdout.write(`${JSON.stringify({ ...summary, targets })}\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
