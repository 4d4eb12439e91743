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

  it('never forwards the message or stack of an unexpected error', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const getTree = async () => {
      throw new Error('token=secret-value at /home/user/file.ts:12')
    }
    const result = await dispatch(handlers({ getTree }), 'getTree', { accountId: 'a' })
    stderr.mockRestore()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe('internal')
    expect(JSON.stringify(result)).not.toContain('secret-value')
  })

  it('turns undefined results into null so every transport can carry them', async () => {
    const removeAccount = async () => undefined
    expect(await dispatch(handlers({ removeAccount }), 'removeAccount', { accountId: 'a' })).toEqual({ ok: true, value: null })
  })
})
