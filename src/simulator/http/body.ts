/**
 * Request bodies. Clients in the wild send PascalCase ("OperatingSystem": {"ID": 3})
 * as well as camelCase, so JSON keys are folded to lower case once on arrival and
 * handlers read them through the helpers below, which name the field on errors.
 */
import type { IncomingMessage } from 'node:http'
import { ApiError, badRequest } from './errors'

const MAX_BODY_BYTES = 1024 * 1024

export async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', 'Request body exceeds 1 MB.')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A JSON object whose keys were folded to lower case (recursively). */
export type Body = Record<string, unknown>

export function parseJsonBody(raw: string): Body {
  if (raw.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch (err) {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.', String(err))
  }
  if (!isObject(parsed)) throw new ApiError(400, 'invalid_json', 'The request body must be a JSON object.')
  return foldKeys(parsed) as Body
}

function foldKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(foldKeys)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k.toLowerCase()] = foldKeys(v)
  return out
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const get = (body: Body, field: string): unknown => body[field.toLowerCase()]
export const has = (body: Body, field: string): boolean => get(body, field) !== undefined && get(body, field) !== null

export function optString(body: Body, field: string, max = 255): string | undefined {
  const v = get(body, field)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw badRequest(`'${field}' must be a string.`, field)
  if (v.length > max) throw badRequest(`'${field}' must be at most ${max} characters.`, field)
  return v
}

export function reqString(body: Body, field: string, max = 255): string {
  const v = optString(body, field, max)
  if (v === undefined || v.trim() === '') throw badRequest(`'${field}' is required.`, field)
  return v.trim()
}

export function optInt(body: Body, field: string, min: number, max: number): number | undefined {
  const v = get(body, field)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badRequest(`'${field}' must be an integer between ${min} and ${max}.`, field)
  }
  return v
}

export function optNumber(body: Body, field: string, min: number, max: number): number | undefined {
  const v = get(body, field)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw badRequest(`'${field}' must be a number between ${min} and ${max}.`, field)
  }
  return v
}

export function optBool(body: Body, field: string): boolean | undefined {
  const v = get(body, field)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean') throw badRequest(`'${field}' must be true or false.`, field)
  return v
}

export function optDate(body: Body, field: string): string | undefined {
  const v = optString(body, field, 64)
  if (v === undefined) return undefined
  const t = Date.parse(v)
  if (Number.isNaN(t)) throw badRequest(`'${field}' must be an ISO 8601 date.`, field)
  return new Date(t).toISOString()
}

/** A reference to another resource: `{"id": 3}` (or `{"ID": 3}`); a bare number is tolerated too. */
export function optRef(body: Body, field: string): number | undefined {
  const v = get(body, field)
  if (v === undefined || v === null) return undefined
  const id = typeof v === 'number' ? v : isObject(v) ? v.id : undefined
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
    throw badRequest(`'${field}' must be an object with a numeric 'id'.`, field)
  }
  return id
}

export function reqRef(body: Body, field: string): number {
  const id = optRef(body, field)
  if (id === undefined) throw badRequest(`'${field}' is required (an object with an 'id').`, field)
  return id
}
