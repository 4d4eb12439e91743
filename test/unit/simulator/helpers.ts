/** Test helpers: a started simulator plus a tiny client speaking to it over real HTTP. */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator/index'

/** Loose view of response JSON for assertions; tests read arbitrary nested fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type J = any

export interface ApiResponse<T = J> {
  status: number
  body: T
  headers: Headers
}

export interface CallOptions {
  method?: string
  json?: unknown
  token?: string | null
  origin?: string | null
  headers?: Record<string, string>
}

export async function call<T = J>(sim: RunningSimulator, path: string, opts: CallOptions = {}, token?: string): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers }
  const origin = opts.origin === undefined ? sim.defaults.origin : opts.origin
  if (origin !== null) headers.Origin = origin
  const bearer = opts.token === undefined ? token : opts.token
  if (bearer) headers.Authorization = `Bearer ${bearer}`
  let body: string | undefined
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.json)
  }
  const res = await fetch(sim.apiUrl + path, { method: opts.method ?? 'GET', headers, body })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
}

export async function oauth(sim: RunningSimulator, fields: Record<string, string>, origin: string | null = sim.defaults.origin) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (origin !== null) headers.Origin = origin
  const res = await fetch(sim.apiUrl + 'oauth', { method: 'POST', headers, body: new URLSearchParams(fields).toString() })
  return { status: res.status, body: (await res.json()) as J }
}

export async function login(sim: RunningSimulator, username: string = sim.defaults.username, password: string = sim.defaults.password) {
  const r = await oauth(sim, { client_id: sim.defaults.clientId, grant_type: 'password', username, password })
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body as { access_token: string; refresh_token: string; expires_in: number }
}

/** A simulator plus a signed-in API function bound to it. */
export async function session(options: SimulatorOptions = {}) {
  const sim = await startSimulator(options)
  const { access_token } = await login(sim)
  const api = <T = J>(path: string, opts: CallOptions = {}) => call<T>(sim, path, opts, access_token)
  return { sim, api, token: access_token }
}

/** The unit/consumer of the generated estate matching a predicate (fails the test when none). */
export function findConsumer(sim: RunningSimulator, pred: (c: { nodeId?: number; id: number }, node?: { activatedDate?: string }) => boolean) {
  for (const c of sim.state.consumers.values()) {
    const node = c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
    if (pred(c, node)) return c
  }
  throw new Error('no consumer matches')
}
