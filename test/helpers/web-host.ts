/**
 * A browser host for tests: the real server on 127.0.0.1 with a throwaway renderer folder, and a
 * raw HTTP client that can send the Host and Origin headers a browser would (fetch forbids them).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { request, type IncomingHttpHeaders } from 'node:http'
import { startWebHost, type RunningWebHost, type WebHostOptions } from '../../src/main/web-host/server'
import { EventHub } from '../../src/main/core/events'
import type { Handlers } from '../../src/main/ipc/dispatch'

export const TEST_TOKEN = 'web-host-test-token'

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

export interface SendOptions {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Send the body in chunked encoding, without a Content-Length. */
  chunked?: boolean
}

/** One request; an event stream (which never ends by itself) is answered after its first chunk. */
export function send(port: number, path: string, options: SendOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString()
        if (res.headers['content-type']?.startsWith('text/event-stream')) {
          done()
          req.destroy()
        }
      })
      res.on('end', done)
    })
    req.on('error', reject)
    if (options.chunked && options.body !== undefined) req.write(options.body)
    req.end(options.chunked ? undefined : options.body)
  })
}

export interface TestHost {
  host: RunningWebHost
  port: number
  events: EventHub
  dir: string
  /** Inputs each handler was called with, by method name. */
  calls: Record<string, unknown[]>
  /** Headers of a well-formed API call; `extra` overrides or adds. */
  apiHeaders(extra?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

export async function startTestHost(
  options: {
    handlers?: Record<string, (input: unknown) => Promise<unknown>>
    files?: Record<string, string | Buffer>
  } & Partial<Pick<WebHostOptions, 'port' | 'timeouts'>> = {}
): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-web-host-'))
  for (const [name, content] of Object.entries({ 'index.html': '<!doctype html><title>Desk</title>', ...options.files })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  const calls: Record<string, unknown[]> = {}
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const [name, handler] of Object.entries(options.handlers ?? {})) {
    handlers[name] = (input) => {
      ;(calls[name] ??= []).push(input)
      return handler(input)
    }
  }
  const events = new EventHub()
  const host = await startWebHost({
    handlers: handlers as unknown as Handlers,
    events,
    rendererDir: dir,
    token: TEST_TOKEN,
    port: options.port,
    timeouts: options.timeouts
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true })
    throw error
  })
  return {
    host,
    port: host.port,
    events,
    dir,
    calls,
    apiHeaders: (extra = {}) => ({ host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', 'x-desk-token': TEST_TOKEN, ...extra }),
    close: async () => {
      await host.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
