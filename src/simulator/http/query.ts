/** Query-string readers. Flags accept `True`/`true`/`1` like the .NET API does. */
import { ApiError, badRequest } from './errors'

export function optFlag(q: URLSearchParams, name: string): boolean | undefined {
  const raw = getCI(q, name)
  if (raw === undefined || raw === '') return undefined
  const v = raw.toLowerCase()
  if (v === 'true' || v === '1') return true
  if (v === 'false' || v === '0') return false
  throw badRequest(`Query parameter '${name}' must be true or false.`, name)
}

export function optQueryInt(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = getCI(q, name)
  if (raw === undefined || raw === '') return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw badRequest(`Query parameter '${name}' must be an integer between ${min} and ${max}.`, name)
  }
  return n
}

export function optQueryDate(q: URLSearchParams, name: string): number | undefined {
  const raw = getCI(q, name)
  if (raw === undefined || raw === '') return undefined
  const t = Date.parse(raw)
  if (Number.isNaN(t)) throw badRequest(`Query parameter '${name}' must be an ISO 8601 date.`, name)
  return t
}

/** Query names are matched case-insensitively, like ASP.NET model binding. */
export function getCI(q: URLSearchParams, name: string): string | undefined {
  return getAllCI(q, name)[0]
}

export function getAllCI(q: URLSearchParams, name: string): string[] {
  const lower = name.toLowerCase()
  const out: string[] = []
  for (const [k, v] of q) if (k.toLowerCase() === lower) out.push(v)
  return out
}

/** An ISO 8601 date ("2025-06-01" or "2025-06-01T08:00:00Z") or 400 `bad_request`, as the health endpoints answer. */
export function optIsoDate(q: URLSearchParams, name: string): number | undefined {
  const raw = getCI(q, name)
  if (raw === undefined || raw.trim() === '') return undefined
  const t = /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(raw.trim()) ? Date.parse(raw.trim()) : Number.NaN
  if (Number.isNaN(t)) {
    throw new ApiError(400, 'bad_request', `Query parameter '${name}' must be an ISO 8601 date (got '${raw}').`, `Invalid value for '${name}'. Example: 2025-06-01T00:00:00Z.`)
  }
  return t
}
