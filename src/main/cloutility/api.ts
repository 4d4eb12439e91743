import type { z } from 'zod'
import { errorFromResponse, invalidInput } from './errors'
import type { CallOptions } from './options'
import { decodeBody, parseBody } from './parse'
import type { TokenManager } from './tokens'
import type { HttpMethod, QueryValue, Transport } from './transport'

export interface ApiCall {
  method: HttpMethod
  path: string
  query?: Record<string, QueryValue>
  /** JSON body. */
  body?: unknown
  /** Override the default (GET/PUT/DELETE retry, POST does not). */
  retry?: boolean
}

/**
 * Authenticated JSON calls. Adds the bearer token, turns a 401 into one re-authentication and one
 * replay (the 401 means the request was not acted on, so replaying even a POST is safe), maps
 * error statuses to CloutilityError and validates the body against a schema.
 */
export class Api {
  constructor(
    private readonly transport: Transport,
    private readonly tokens: TokenManager
  ) {}

  async call<S extends z.ZodType>(call: ApiCall, schema: S, o?: CallOptions): Promise<z.output<S>> {
    const text = await this.exchange(call, o)
    return parseBody(schema, decodeBody(text), call.method, call.path)
  }

  async callVoid(call: ApiCall, o?: CallOptions): Promise<void> {
    await this.exchange(call, o)
  }

  private async exchange(call: ApiCall, o?: CallOptions): Promise<string> {
    const retry = call.retry ?? call.method !== 'POST'
    const body = call.body === undefined ? undefined : JSON.stringify(call.body)
    for (let replay = 0; ; replay++) {
      const token = await this.tokens.accessToken(o?.signal)
      const res = await this.transport.send({
        method: call.method,
        path: call.path,
        query: call.query,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
        },
        body,
        retry,
        signal: o?.signal
      })
      if (res.status === 401 && replay === 0) {
        this.tokens.invalidate(token)
        continue
      }
      if (res.status >= 200 && res.status < 300) return res.text
      // A DELETE whose first answer was lost and whose retry finds nothing: the first one did it.
      if (call.method === 'DELETE' && res.status === 404 && res.afterLostAttempt) return ''
      throw errorFromResponse({
        status: res.status,
        bodyText: res.text,
        method: call.method,
        path: call.path,
        retryAfter: res.retryAfter,
        secrets: [token, ...this.tokens.secrets(), ...secretsIn(call.body)]
      })
    }
  }
}

/** A node password in a request body must never come back to us inside an error message. */
function secretsIn(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return []
  const pw = (body as Record<string, unknown>).tsmPassword
  return typeof pw === 'string' ? [pw] : []
}

/** Path segment for an id: a positive safe integer, nothing else can reach the URL. */
export function idSegment(value: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw invalidInput(`Invalid ${what} id: ${String(value)}.`, { field: what })
  return String(value)
}
