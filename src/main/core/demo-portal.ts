/**
 * "Try the demo": the embedded Cloutility simulator, started on demand on a random loopback port
 * with a seeded estate, so a new user sees a full estate without a portal.
 */
import { startSimulator, type RunningSimulator } from '../../simulator'

export const DEMO_ESTATE = { seed: 2026, bunits: 36, consumers: 480 }

export interface DemoConnection {
  apiUrl: string
  clientId: string
  origin: string
  username: string
  password: string
}

export class DemoPortal {
  private running: Promise<RunningSimulator> | null = null

  /** Starts the simulator once; later calls get the same one. */
  async connection(): Promise<DemoConnection> {
    this.running ??= startSimulator({ port: 0, ...DEMO_ESTATE }).catch((error: unknown) => {
      this.running = null
      throw error
    })
    const sim = await this.running
    return { apiUrl: sim.apiUrl, ...sim.defaults }
  }

  async close(): Promise<void> {
    const running = this.running
    this.running = null
    if (running) await (await running).close()
  }
}
