/**
 * Simulator health benchmark: generating a 20,000-consumer estate (time and heap, which the
 * lazily computed report history must not grow), then reading every consumer's latest report,
 * 30-day histories, a month of jobs and the root's billing over real HTTP.
 * Progress goes to stderr; the last stdout line is one JSON object.
 *
 *   npx tsx --expose-gc bench/sim-health-bench.ts
 *   BENCH_CONSUMERS=5000 npx tsx bench/sim-health-bench.ts
 */
import { generateEstate } from '../src/simulator/estate'
import { startSimulator } from '../src/simulator'

const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 20_000)
const BUNITS = Number(process.env.BENCH_BUNITS ?? 250)
const CONCURRENCY = 16
const log = (line: string) => process.stderr.write(`${line}\n`)
const round = (n: number) => Math.round(n * 10) / 10
const gc = (globalThis as { gc?: () => void }).gc
const heapMb = () => {
  gc?.()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

async function main(): Promise<void> {
  const referenceTime = Date.UTC(2025, 5, 1)
  const heap0 = heapMb()
  let t = performance.now()
  const state = generateEstate({ seed: 2, bunits: BUNITS, consumers: CONSUMERS, estate: 'generated', version: 'bench', referenceTime })
  const generateMs = performance.now() - t
  const estateHeapMb = heapMb() - heap0
  log(`generated ${state.consumers.size} consumers in ${round(generateMs)} ms, heap +${round(estateHeapMb)} MB`)

  const sim = await startSimulator({ seed: 2, bunits: BUNITS, consumers: CONSUMERS, referenceTime })
  const headers = { Origin: sim.defaults.origin, 'Content-Type': 'application/x-www-form-urlencoded' }
  const body = `client_id=${sim.defaults.clientId}&grant_type=password&username=${encodeURIComponent(sim.defaults.username)}&password=${sim.defaults.password}`
  const token = ((await (await fetch(`${sim.apiUrl}oauth`, { method: 'POST', headers, body })).json()) as { access_token: string }).access_token
  const get = async (path: string) => {
    const r = await fetch(sim.apiUrl + path, { headers: { Origin: sim.defaults.origin, Authorization: `Bearer ${token}` } })
    await r.arrayBuffer()
    return r.status
  }
  const all = async (paths: string[]) => {
    let next = 0
    const t0 = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < paths.length) await get(paths[next++] as string)
    }))
    return performance.now() - t0
  }
  const consumers = [...sim.state.consumers.values()].map((c) => `bunits/${c.businessUnitId}/consumers/${c.id}`)
  const simHeap0 = heapMb()
  const consumerMs = await all(consumers)
  log(`plain consumer GET of ${consumers.length} consumers (baseline): ${round(consumerMs)} ms`)
  const latestMs = await all(consumers.map((p) => `${p}/reports/latest`))
  log(`latest report of ${consumers.length} consumers: ${round(latestMs)} ms`)
  const historyMs = await all(consumers.slice(0, 1000).map((p) => `${p}/reports?status=true&warnings=true`))
  log(`30-day history of 1000 consumers: ${round(historyMs)} ms`)
  const jobsMs = await all(consumers.slice(0, 1000).map((p) => `${p}/jobs/first?endTime=2025-06-01T00:00:00Z&startTime=2025-05-01T00:00:00Z`))
  log(`a month of jobs of 1000 consumers: ${round(jobsMs)} ms`)
  t = performance.now()
  await get(`bunits/${sim.state.rootId}/billing`)
  const billingMs = performance.now() - t
  const heapAfterMb = heapMb() - simHeap0
  await sim.close()
  console.log(JSON.stringify({
    consumers: CONSUMERS,
    bunits: BUNITS,
    generateMs: round(generateMs),
    estateHeapMb: round(estateHeapMb),
    consumerGetAllMs: round(consumerMs),
    latestAllMs: round(latestMs),
    history1000Ms: round(historyMs),
    jobs1000Ms: round(jobsMs),
    rootBillingMs: round(billingMs),
    heapGrowthAfterReadsMb: round(heapAfterMb),
    gcExposed: gc !== undefined
  }))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
