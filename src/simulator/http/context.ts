/** What every route handler receives. */
import type { IncomingMessage } from 'node:http'
import type { AuthStore } from '../auth'
import type { FaultState } from '../faults'
import type { SimState, UserRec } from '../model'
import type { Prng } from '../prng'
import type { Body } from './body'

/** The running simulator's moving parts, shared by all requests. */
export interface Sim {
  state: SimState
  auth: AuthStore
  faults: FaultState
  /** Seeded; used for generated names/passwords so runs are reproducible. */
  rng: Prng
  /** `POST /_sim/health` is served (the --test-control flag). */
  testControl: boolean
}

export interface Ctx {
  sim: Sim
  state: SimState
  req: IncomingMessage
  params: Record<string, string>
  query: URLSearchParams
  /** JSON body with lower-cased keys ({} when none). */
  body: Body
  /** Form fields (OAuth endpoint only). */
  form: URLSearchParams
  origin: string
  /** The signed-in user; throws on anonymous routes. */
  readonly user: UserRec
}
