import { describe, expect, it, vi } from 'vitest'
import { dispatch, type Handlers } from '../../../../src/main/ipc/dispatch'
import { DeskError } from '../../../../src/shared/errors'

function handlers(overrides: Partial<Handlers>): Handlers {
  const refuse = async () => {
    throw new Error('not used in this test')
  }
  return new Proxy(overrides as Handlers, {
    get: (target, key) => (key in target ? target[key as keyof Handlers] : refuse)
  })
}

describe('dispatch', () => {
  it('rejects a method the contract does not know, without calling anything', async () => {
    const result = await dispatch(handlers({}), 'deleteEverything', {})
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'Unknown call "deleteEverything"' } })
  })

  it('quotes at most 80 characters of an unknown call\'s name', async () => {
    const result = await dispatch(handlers({}), 'x'.repeat(81) + 'TAIL', {})
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-input', message: `Unknown call "${'x'.repeat(80)}"` } })
  })

  it('validates the payload and reports each bad field by name', async () => {
    const addAccount = vi.fn()
    const result = await dispatch(handlers({ addAccount }), 'addAccount', {
      apiUrl: 'ftp://portal',
      clientId: '',
      origin: 'https://service.example.com/with/path',
      username: 'u',
      password: 'p',
      displayName: 'X'
    })
    expect(addAccount).not.toHaveBeenCalled()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe('invalid-input')
    const fields = result.error.details?.fields as Record<string, string>
    expect(Object.keys(fields).sort()).toEqual(['apiUrl', 'clientId', 'origin'])
    expect(fields.clientId).toBe('Client ID is required')
  })

  it('keys the field errors of an update by the form\'s field, dotted, without the "patch." wrapper', async () => {
    const result = await dispatch(handlers({}), 'updateAccount', {
      accountId: 'a',
      patch: { displayName: ' ', network: { proxy: { mode: 'manual', url: 'ftp://proxy.example.com' } } }
    })
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'Display name is required',
        details: {
          issues: [
            { field: 'patch.displayName', message: 'Display name is required' },
            { field: 'patch.network.proxy.url', message: 'Proxy must start with http:// or https://' }
          ],
          fields: { displayName: 'Display name is required', 'network.proxy.url': 'Proxy must start with http:// or https://' }
        }
      }
    })
  })

  it('shows a field\'s first problem when it has several', async () => {
    // Blank is both "required" and "not an http(s) address": the first says what to do.
    const result = await dispatch(handlers({}), 'addAccount', {
      apiUrl: '   ',
      clientId: 'c',
      origin: 'https://service.example.com',
      username: 'u',
      password: 'p',
      displayName: 'X'
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.details?.issues).toHaveLength(2)
    expect(result.error.details?.fields).toEqual({ apiUrl: 'Portal API URL is required' })
    expect(result.error.message).toBe('Portal API URL is required')
  })

  it('passes the parsed input (with defaults) to the handler and wraps its value', async () => {
    const addAccount = vi.fn(async (input: unknown) => input as never)
    const result = await dispatch(handlers({ addAccount }), 'addAccount', {
      apiUrl: ' https://portal-api.example.com/v1/ ',
      clientId: 'c',
      origin: 'https://service.example.com',
      username: 'u',
      password: 'p',
      displayName: 'Acme'
    })
    expect(result).toMatchObject({ ok: true, value: { apiUrl: 'https://portal-api.example.com/v1/', secretMode: 'keychain', label: '' } })
  })

  it('keeps the kind and details of a DeskError', async () => {
    const getTree = async () => {
      throw new DeskError('conflict', 'Unit still has children', { children: 3 })
    }
    expect(await dispatch(handlers({ getTree }), 'getTree', { accountId: 'a' })).toEqual({
      ok: false,
      error: { kind: 'conflict', message: 'Unit still has children', details: { children: 3 } }
    })
  })

  it('never forwards the message or stack of an unexpected error, and logs it with the call', async () => {
    const logged: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (logged.push(String(chunk)), true))
    const getTree = async () => {
      throw new Error('disk on fire at /home/user/file.ts:12')
    }
    const result = await dispatch(handlers({ getTree }), 'getTree', { accountId: 'a' })
    stderr.mockRestore()
    expect(result).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Something went wrong in the app. The details are in the log.' }
    })
    expect(logged.join('')).toMatch(/getTree.*disk on fire/)
  })

  it('turns undefined results into null so every transport can carry them', async () => {
    const removeAccount = async () => undefined
    expect(await dispatch(handlers({ removeAccount }), 'removeAccount', { accountId: 'a' })).toEqual({ ok: true, value: null })
  })
})
