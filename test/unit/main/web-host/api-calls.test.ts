/**
 * What the browser host does with a call's body: `{ input }` reaches the handler, an empty body
 * is no input, a body that is not JSON is refused without running anything, and a call whose
 * answer cannot be sent is a 500 that says nothing of the cause (the cause goes to the log).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { send, startTestHost, type TestHost } from '../../../helpers/web-host'

const accountsState = { accounts: [], activeAccountId: null, keychain: { available: true }, problems: [] }
const tree = { units: [] }

describe('browser host calls', () => {
  let t: TestHost
  let treeAnswer: unknown

  beforeEach(async () => {
    treeAnswer = tree
    t = await startTestHost({
      handlers: {
        listAccounts: async () => accountsState,
        getTree: async () => treeAnswer
      }
    })
  })
  afterEach(() => t.close())

  const post = (path: string, body: string) => send(t.port, path, { method: 'POST', headers: t.apiHeaders(), body })

  it('hands the body\'s input to the handler and answers its value as JSON', async () => {
    const res = await post('/api/invoke/getTree', JSON.stringify({ input: { accountId: 'acc-1' } }))
    expect(res.status).toBe(200)
    expect(t.calls.getTree).toEqual([{ accountId: 'acc-1' }])
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: tree })
  })

  it.each([
    ['an empty body', ''],
    ['a body without input', '{}']
  ])('runs a call that takes no input from %s', async (_, body) => {
    const res = await post('/api/invoke/listAccounts', body)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: accountsState })
    expect(t.calls.listAccounts).toEqual([undefined])
  })

  it.each(['not json', '{"input":', "{'input':{}}"])('answers a body that is not JSON (%s) 400 and runs nothing', async (body) => {
    const res = await post('/api/invoke/getTree', body)
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'Body is not JSON' } })
    expect(t.calls.getTree).toBeUndefined()
  })

  it('answers 500 with a bare internal error when the answer cannot be sent, and logs the cause', async () => {
    treeAnswer = { units: [], size: 10n } // JSON has no BigInt: the envelope cannot be serialised
    const logged: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (logged.push(String(chunk)), true))
    try {
      const res = await post('/api/invoke/getTree', JSON.stringify({ input: { accountId: 'acc-1' } }))
      expect(res.status).toBe(500)
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: { kind: 'internal', message: 'Request failed' } })
      expect(logged.join('')).toContain('BigInt')
    } finally {
      stderr.mockRestore()
    }
  })
})
