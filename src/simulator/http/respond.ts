/** Writing answers: JSON bodies, API errors, CORS echo of the caller's Origin. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError } from './errors'

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return
  const origin = req.headers.origin
  const common: Record<string, string> = {
    ...(origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}),
    ...headers
  }
  if (status === 204 || body === undefined) {
    res.writeHead(status, common)
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...common,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: ApiError): void {
  sendJson(req, res, err.status, err.toBody(), err.headers)
}

/** Canned error for injected faults and unexpected exceptions. */
export function statusError(status: number, retryAfterSeconds?: number, detail?: string): ApiError {
  const headers: Record<string, string> = retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {}
  switch (status) {
    case 429:
      return new ApiError(429, 'too_many_requests', `Too many requests; retry after ${retryAfterSeconds ?? 1} second(s).`, 'Rate limit exceeded.', headers)
    case 503:
      return new ApiError(503, 'service_unavailable', 'The service is temporarily unavailable.', detail ?? 'Injected fault.', headers)
    case 500:
      return new ApiError(500, 'internal_error', 'An error has occurred.', detail ?? 'Injected fault.', headers)
    default:
      return new ApiError(status, `http_${status}`, `The request failed with status ${status}.`, detail ?? 'Injected fault.', headers)
  }
}
