/** Shared set-up for contract tests: a real simulator on 127.0.0.1 and a client wired to count what it does. */
import { vi } from 'vitest'
import { startSimulator } from '../../../../src/simulator'
import { CloutilityClient, type ClientOptions, type RequestInfo } from '../../../../src/main/cloutility'

export type Sim = Awaited<ReturnType<typeof startSimulator>>
export type SimOptions = Parameters<typeof startSimulator>[0]

export async function startSim(options: Partial<SimOptions> = {}): Promise<Sim> {
  return startSimulator({ port: 0, seed: 1, bunits: 12, consumers: 60, ...options })
}

export interface Harness {
  client: CloutilityClient
  requests: RequestInfo[]
  refreshTokens: string[]
  passwordCalls: () => number
  oauthCalls: () => number
  attempts: (method: string, pathPattern: RegExp) => RequestInfo[]
}

export function connect(sim: Sim, overrides: Partial<ClientOptions> = {}): Harness {
  const requests: RequestInfo[] = []
  const refreshTokens: string[] = []
  let passwordCalls = 0
  const client = new CloutilityClient({
    apiUrl: sim.apiUrl,
    clientId: sim.defaults.clientId,
    origin: sim.defaults.origin,
    username: sim.defaults.username,
    getPassword: () => {
      passwordCalls++
      return Promise.resolve(sim.defaults.password)
    },
    onRefreshToken: (t) => {
      refreshTokens.push(t)
    },
    onRequest: (info) => requests.push(info),
    retryBaseMs: 5,
    ...overrides
  })
  return {
    client,
    requests,
    refreshTokens,
    passwordCalls: () => passwordCalls,
    oauthCalls: () => requests.filter((r) => r.path === 'oauth').length,
    attempts: (method, pathPattern) => requests.filter((r) => r.method === method && pathPattern.test(r.path))
  }
}

/** Resolve with the rejection of `p` (fails the test if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Record<string, unknown> & { kind: string; message: string; details?: Record<string, unknown> }> {
  try {
    await p
  } catch (e) {
    return e as Record<string, unknown> & { kind: string; message: string; details?: Record<string, unknown> }
  }
  throw new Error('expected the promise to reject')
}

// Taken before any test fakes the clock: real waits for real I/O.
const realSetTimeout = globalThis.setTimeout

/**
 * Fakes only what the client's waits read (setTimeout/clearTimeout for its sleeps, Date for
 * Retry-After dates and the limiter); setImmediate, nextTick, intervals and performance stay real,
 * so sockets, the HTTP stack and the simulator's I/O run on the real event loop. The simulator in
 * this process sleeps its latency on the same fake clock; undici's keep-alive timer for idle
 * sockets does too (they close when the clock passes it, as they would). Undo with
 * vi.useRealTimers().
 */
export function useFakeClock(now = 1_700_000_000_000): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now })
}

/** Waits on real I/O (an answer on its way) without moving the fake clock. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 5_000; waited += 2) {
    if (check()) return
    await new Promise((resolve) => realSetTimeout(resolve, 2))
  }
  throw new Error(`gave up waiting for ${what}`)
}

/** The global fetch, noting the (fake) time each request to a path matching `path` is sent. */
export function recordSends(sends: number[], path: RegExp): typeof fetch {
  return (input, init) => {
    if (path.test(new URL(String(input instanceof Request ? input.url : input)).pathname)) sends.push(Date.now())
    return fetch(input, init)
  }
}

/** Tracks whether a promise has settled, for waits that must end without the clock moving. */
export function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false
  const tracked = promise.finally(() => {
    done = true
  })
  return { promise: tracked, settled: () => done }
}
