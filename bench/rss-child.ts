/**
 * One sync of a fresh cache at 0 ms latency, in its own process (the simulator runs in yet
 * another one): reports this process's peak RSS — the same core as the desktop main process —
 * and its RSS once the sync is over, to the parent over IPC.
 */
import path from 'node:path'
import { openEstateCache } from '../src/main/cache'
import { syncAccount } from '../src/main/sync'
import { clientFor, log, progressLogger, startSimProcess } from './bench-kit'

async function main(): Promise<void> {
  const { dir, bunits, consumers } = JSON.parse(process.env.BENCH_RSS ?? '{}') as { dir: string; bunits: number; consumers: number }
  const sim = await startSimProcess({ port: 0, seed: 2024, bunits, consumers, latencyMs: 0 })
  const cache = openEstateCache(path.join(dir, 'cache', `rss-${consumers}.sqlite`))
  const result = await syncAccount({ client: clientFor(sim), cache, concurrency: 8, onProgress: progressLogger(`rss ${consumers}`) })
  cache.close()
  await sim.close()
  if (result.counts.consumers !== consumers) throw new Error(`incomplete: ${result.counts.consumers} of ${consumers}`)
  await new Promise((r) => setTimeout(r, 200))
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  const afterSyncRssMb = process.memoryUsage().rss / 1_048_576
  log(`rss ${consumers}: peak ${Math.round(peakRssMb)} MB, after ${Math.round(afterSyncRssMb)} MB, ${result.seconds.toFixed(1)} s`)
  process.send?.({ consumers, peakRssMb, afterSyncRssMb, seconds: result.seconds })
  process.disconnect?.()
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})
