/**
 * Embedded Cloutility simulator: a real HTTP server on 127.0.0.1 that behaves
 * like the Cloutility REST API, for demo mode and for every test.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AuthStore, type SimClient } from './auth'
import { generateEstate } from './estate'
import { FaultState, type FaultControls } from './faults'
import type { SimState } from './model'
import { clearHealth, plantHealth, type HealthPlant, type HealthPlanted } from './health/overrides'
import { createPrng } from './prng'
import { buildRouter } from './routes'
import { createHttpServer, createStats, type SimStats } from './server'
import { addUser } from './store'
import { validateOptions } from './options'

export type { SimClient } from './auth'
export type { FaultControls } from './faults'
export type { HealthPlant, HealthPlanted, PlantedStatus } from './health/overrides'
export type { SimStats } from './server'
export type { SimState, BusinessUnitRec, ConsumerRec, NodeRec, UserRec, FilespaceRec } from './model'
export type { AuditEntry, AuditType } from './audit'
export { AUDIT_TYPES } from './audit'

export interface SimUser {
  username: string
  password: string
  /** Scope: the user sees this unit and its descendants. Default: the root unit. */
  businessUnitId?: number
}

export interface SimulatorOptions {
  /** 0 / undefined = a random free port. Always binds 127.0.0.1. */
  port?: number
  /** Seed of the deterministic estate and of random faults. Default 1. */
  seed?: number
  /** Number of business units, root included. Default 12. */
  bunits?: number
  /** Number of consumers. Default 60. */
  consumers?: number
  latencyMs?: number
  jitterMs?: number
  /** Access-token lifetime; default 299 like the real API. */
  tokenLifetimeSeconds?: number
  /** 0..1 share of requests answered 500/503. */
  errorRate?: number
  /** 0..1 share of requests answered 429 with Retry-After. */
  rate429?: number
  clients?: SimClient[]
  users?: SimUser[]
  /** fullVersion; default "1.0.4480.0". */
  version?: string
  /** 'empty' = only the root unit. Default 'generated'. */
  estate?: 'generated' | 'empty'
  /**
   * Where the generated history ends (dates, audit log). Default: start of the
   * current UTC day, so a demo looks recent yet two runs on the same day match.
   */
  referenceTime?: Date | number | string
  /**
   * Serve `POST /_sim/health` (outside /v1, no OAuth) so end-to-end tests can plant
   * failures on a running process. Off by default; `setHealth` works regardless.
   */
  testControl?: boolean
  /** Serve https with this key and certificate (PEM) instead of plain http. */
  tls?: { key: string; cert: string }
  /**
   * The host name the API URL uses (e.g. a name only a test proxy resolves, matching the TLS
   * certificate). It still binds 127.0.0.1 only. Default 127.0.0.1.
   */
  publicHost?: string
}

export const SIM_DEFAULTS = {
  clientId: 'desk-demo',
  origin: 'http://localhost',
  username: 'demo@example.com',
  password: 'demo'
} as const

export interface RunningSimulator {
  /** "http://127.0.0.1:PORT" (https and `publicHost` when configured) */
  url: string
  /** "http://127.0.0.1:PORT/v1/" */
  apiUrl: string
  port: number
  defaults: typeof SIM_DEFAULTS
  faults: FaultControls
  stats: SimStats
  state: SimState
  /**
   * Test control: plant a status on a consumer's last `days` nights (default 1) —
   * its latest report, history and jobs follow — or the faults 'no-status' (reports
   * without a status) and `bogusJobDate` (latest jobs with bogus dates). Throws an
   * Error (an ApiError with status 400/404/409) on bad input.
   */
  setHealth(plant: HealthPlant): HealthPlanted
  /** Undo setHealth for one consumer, or for all without an id. */
  clearHealth(consumerId?: number): void
  close(): Promise<void>
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const o = validateOptions(options)
  const state = generateEstate({
    seed: o.seed,
    bunits: o.bunits,
    consumers: o.consumers,
    estate: o.estate,
    version: o.version,
    referenceTime: o.referenceTime
  })
  const created = new Date(state.referenceTime - 400 * 86_400_000).toISOString()
  addUser(state, {
    username: SIM_DEFAULTS.username,
    password: SIM_DEFAULTS.password,
    name: 'Demo Technician',
    phone: '+46 8 123 456 00',
    businessUnitId: state.rootId,
    createdDate: created
  })
  for (const u of o.users) {
    const unitId = u.businessUnitId ?? state.rootId
    if (!state.bunits.has(unitId)) throw new Error(`SimUser ${u.username}: business unit ${unitId} does not exist`)
    const existing = state.usersByName.get(u.username.toLowerCase())
    if (existing) {
      existing.password = u.password
      existing.businessUnitId = unitId
      continue
    }
    addUser(state, { username: u.username, password: u.password, name: u.username.split('@')[0] ?? u.username, phone: '', businessUnitId: unitId, createdDate: created })
  }

  const auth = new AuthStore(o.tokenLifetimeSeconds)
  auth.addClient({ clientId: SIM_DEFAULTS.clientId, origin: SIM_DEFAULTS.origin, allowRefresh: true })
  for (const c of o.clients) auth.addClient({ ...c })

  const faults = new FaultState(o.seed, auth)
  faults.latencyMs = o.latencyMs
  faults.jitterMs = o.jitterMs
  faults.errorRate = o.errorRate
  faults.rate429 = o.rate429

  const stats = createStats()
  const sim = { state, auth, faults, rng: createPrng(o.seed ^ 0xa11ce), testControl: o.testControl }
  const { server, sockets } = createHttpServer(sim, buildRouter(), stats, options.tls)
  const port = await listen(server, o.port)
  const url = `${options.tls ? 'https' : 'http'}://${options.publicHost ?? '127.0.0.1'}:${port}`
  state.baseUrl = `${url}/v1/`

  let closing: Promise<void> | undefined
  return {
    url,
    apiUrl: state.baseUrl,
    port,
    defaults: SIM_DEFAULTS,
    faults,
    stats,
    state,
    setHealth: (plant) => plantHealth(state, plant),
    clearHealth: (consumerId) => clearHealth(state, consumerId),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
      })
      return closing
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}
