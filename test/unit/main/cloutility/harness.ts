/** Shared set-up for contract tests: a real simulator on 127.0.0.1 and a client wired to count what it does. */
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
