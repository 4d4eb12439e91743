/**
 * Mutation runs only (vitest.mutation.config.ts): keytar, run in a child process.
 *
 * Stryker's vitest runner runs the tests in worker threads and starts new ones as it goes; libsecret
 * registers its D-Bus error domains once per process, so a second load of keytar in a later worker
 * thread crashes the process (SIGSEGV) or hangs. Here the `keytar` module is replaced by one that
 * forwards each call to a long-lived Node child process that loads the real keytar once: the tests
 * still talk to the real Secret Service, only from another process. The ordinary test run does not
 * use this file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createRequire } from 'node:module'
import { vi } from 'vitest'

const KEYTAR_PATH = createRequire(import.meta.url).resolve('keytar')

// The child: one JSON request per line in, one JSON answer per line out.
const CHILD_SOURCE = `
const keytar = require(${JSON.stringify(KEYTAR_PATH)})
const readline = require('node:readline')
readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const { id, method, args } = JSON.parse(line)
  try {
    const value = await keytar[method](...args)
    process.stdout.write(JSON.stringify({ id, value: value === undefined ? null : value }) + '\\n')
  } catch (err) {
    process.stdout.write(JSON.stringify({ id, error: String(err && err.message || err) }) + '\\n')
  }
})
`

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void }

// One child per process (not per worker thread), shared through globalThis.
const shared = globalThis as typeof globalThis & { __deskKeytarChild?: { child: ChildProcessWithoutNullStreams; pending: Map<number, Pending>; next: number } }

function channel(): NonNullable<typeof shared.__deskKeytarChild> {
  if (shared.__deskKeytarChild) return shared.__deskKeytarChild
  const child = spawn(process.execPath, ['-e', CHILD_SOURCE], { stdio: ['pipe', 'pipe', 'pipe'] })
  child.unref()
  ;(child.stdin as unknown as { unref?: () => void }).unref?.()
  ;(child.stdout as unknown as { unref?: () => void }).unref?.()
  ;(child.stderr as unknown as { unref?: () => void }).unref?.()
  const state = { child, pending: new Map<number, Pending>(), next: 1 }
  let buffer = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk
    let newline: number
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const answer = JSON.parse(buffer.slice(0, newline)) as { id: number; value?: unknown; error?: string }
      buffer = buffer.slice(newline + 1)
      const waiter = state.pending.get(answer.id)
      state.pending.delete(answer.id)
      if (answer.error !== undefined) waiter?.reject(new Error(answer.error))
      else waiter?.resolve(answer.value)
    }
  })
  shared.__deskKeytarChild = state
  return state
}

function call(method: string, ...args: unknown[]): Promise<never> {
  const state = channel()
  const id = state.next++
  return new Promise((resolve, reject) => {
    state.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
    state.child.stdin.write(`${JSON.stringify({ id, method, args })}\n`)
  })
}

const keytarInChild = {
  getPassword: (service: string, account: string) => call('getPassword', service, account),
  setPassword: (service: string, account: string, password: string) => call('setPassword', service, account, password),
  deletePassword: (service: string, account: string) => call('deletePassword', service, account),
  findCredentials: (service: string) => call('findCredentials', service),
  findPassword: (service: string) => call('findPassword', service)
}

vi.mock('keytar', () => ({ default: keytarInChild, ...keytarInChild }))
