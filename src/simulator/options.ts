/** Defaults and validation of SimulatorOptions (programmatic callers get a clear Error). */
import type { SimClient } from './auth'
import type { SimUser, SimulatorOptions } from './index'

export interface ResolvedOptions {
  port: number
  seed: number
  bunits: number
  consumers: number
  latencyMs: number
  jitterMs: number
  tokenLifetimeSeconds: number
  errorRate: number
  rate429: number
  clients: SimClient[]
  users: SimUser[]
  version: string
  estate: 'generated' | 'empty'
  referenceTime: number
  testControl: boolean
}

export const MAX_CONSUMERS = 100_000
export const MAX_BUNITS = 5_000

function int(name: string, v: number | undefined, def: number, min: number, max: number): number {
  if (v === undefined) return def
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer between ${min} and ${max} (got ${v})`)
  return v
}

function rate(name: string, v: number | undefined): number {
  if (v === undefined) return 0
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${name} must be a number between 0 and 1 (got ${v})`)
  return v
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000
}

export function validateOptions(o: SimulatorOptions): ResolvedOptions {
  const estate = o.estate ?? 'generated'
  if (estate !== 'generated' && estate !== 'empty') throw new Error(`estate must be 'generated' or 'empty' (got ${String(estate)})`)
  let referenceTime = startOfUtcDay(Date.now())
  if (o.referenceTime !== undefined) {
    referenceTime = new Date(o.referenceTime).getTime()
    if (Number.isNaN(referenceTime)) throw new Error(`referenceTime is not a valid date (got ${String(o.referenceTime)})`)
  }
  for (const c of o.clients ?? []) {
    if (!c.clientId || !c.origin) throw new Error('every SimClient needs a clientId and an origin')
  }
  if (o.testControl !== undefined && typeof o.testControl !== 'boolean') throw new Error(`testControl must be true or false (got ${String(o.testControl)})`)
  for (const u of o.users ?? []) {
    if (!u.username || !u.password) throw new Error('every SimUser needs a username and a password')
  }
  return {
    port: int('port', o.port, 0, 0, 65_535),
    seed: int('seed', o.seed, 1, -2_147_483_648, 4_294_967_295),
    bunits: int('bunits', o.bunits, 12, 1, MAX_BUNITS),
    consumers: int('consumers', o.consumers, 60, 0, MAX_CONSUMERS),
    latencyMs: int('latencyMs', o.latencyMs, 0, 0, 600_000),
    jitterMs: int('jitterMs', o.jitterMs, 0, 0, 600_000),
    tokenLifetimeSeconds: int('tokenLifetimeSeconds', o.tokenLifetimeSeconds, 299, 1, 86_400 * 30),
    errorRate: rate('errorRate', o.errorRate),
    rate429: rate('rate429', o.rate429),
    clients: o.clients ?? [],
    users: o.users ?? [],
    version: o.version ?? '1.0.4480.0',
    estate,
    referenceTime,
    testControl: o.testControl ?? false
  }
}
