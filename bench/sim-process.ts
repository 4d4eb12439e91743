/**
 * Runs the simulator in its own process for the benchmark, so the portal stand-in's memory and
 * CPU do not count as the app's. Talks to the parent over the IPC channel:
 *   parent → child: { type: 'stats' } | { type: 'close' }
 *   child → parent: { type: 'ready', ... } | { type: 'stats', ... } | { type: 'error', message }
 */
import { startSimulator, type SimulatorOptions } from '../src/simulator'

export interface SimReady {
  type: 'ready'
  apiUrl: string
  defaults: { clientId: string; origin: string; username: string; password: string }
  bunits: number
  consumers: number
  nodes: number
}

export interface SimStatsMessage {
  type: 'stats'
  requests: number
  maxInFlight: number
  inFlight: number
  peakRssMb: number
}

async function main(): Promise<void> {
  const send = (message: unknown) => process.send?.(message)
  const options = JSON.parse(process.env.BENCH_SIM_OPTIONS ?? '{}') as SimulatorOptions
  const sim = await startSimulator(options)
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stats') {
      const stats: SimStatsMessage = {
        type: 'stats',
        requests: sim.stats.requests,
        maxInFlight: sim.stats.maxInFlight,
        inFlight: sim.stats.inFlight,
        peakRssMb: process.resourceUsage().maxRSS / 1024
      }
      send(stats)
    } else if (message?.type === 'close') {
      void sim.close().then(() => process.exit(0))
    }
  })
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)))
  const ready: SimReady = {
    type: 'ready',
    apiUrl: sim.apiUrl,
    defaults: { ...sim.defaults },
    bunits: sim.state.bunits.size,
    consumers: sim.state.consumers.size,
    nodes: [...sim.state.consumers.values()].filter((c) => c.nodeId !== undefined).length
  }
  send(ready)
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})
