/**
 * Exact error bodies, kinds and sentences (the user reads them; the UI keys on kinds and details).
 * Pure functions, so direct calls: toStrictEqual because a key holding `undefined` would cross IPC.
 */
import { describe, expect, it } from 'vitest'
import {
  cancelledError,
  errorFromResponse,
  kindForStatus,
  parseErrorBody,
  redirectError,
  timeoutError,
  unexpectedResponseError,
  type ResponseErrorInput
} from '../../../../src/main/cloutility/errors'

function fromResponse(i: Partial<ResponseErrorInput> & { status: number }) {
  return errorFromResponse({ bodyText: '', method: 'GET', path: 'bunits/7', secrets: [], ...i })
}

describe('parseErrorBody', () => {
  it('an HTML page after leading whitespace is still ignored', () => {
    expect(parseErrorBody('\n  <html><body>502 Bad Gateway</body></html>', [])).toStrictEqual({})
  })

  it('a JSON string of blanks carries no message key at all', () => {
    expect(parseErrorBody('"   "', [])).toStrictEqual({})
  })

  it('JSON null, numbers and arrays are not error objects', () => {
    expect(parseErrorBody('null', [])).toStrictEqual({})
    expect(parseErrorBody('42', [])).toStrictEqual({})
    expect(parseErrorBody('[{"message":"x"}]', [])).toStrictEqual({})
  })

  it('keeps a string status, and only the keys that have a value', () => {
    expect(parseErrorBody('{"status":"BadRequest","code":"x1"}', [])).toStrictEqual({ status: 'BadRequest', code: 'x1' })
    expect(parseErrorBody('{"status":409}', [])).toStrictEqual({ status: 409 })
    expect(parseErrorBody('{"code":7,"message":"  ","developerMessage":""}', [])).toStrictEqual({ code: 7 })
    expect(parseErrorBody('{"code":{"nested":1}}', [])).toStrictEqual({})
  })
})

describe('kinds', () => {
  it('410 Gone is not-found', () => {
    expect(kindForStatus(410)).toBe('not-found')
    expect(fromResponse({ status: 410 }).message).toBe('Not found on the portal (GET bunits/7).')
  })
})

describe('the sentences of errorFromResponse', () => {
  it('sign-in refused without a portal message', () => {
    const e = fromResponse({ status: 400, method: 'POST', path: 'oauth', auth: true })
    expect(e.kind).toBe('authentication')
    expect(e.message).toBe('Sign-in refused by the portal. Check the username, password, client ID and origin.')
  })

  it('a session the portal no longer accepts, with and without its message', () => {
    expect(fromResponse({ status: 401, bodyText: '{"message":"Token expired."}' }).message).toBe(
      'The portal no longer accepts this session: Token expired.'
    )
    expect(fromResponse({ status: 401 }).message).toBe('The portal no longer accepts this session.')
  })

  it('forbidden, with and without the portal message', () => {
    const e = fromResponse({ status: 403, bodyText: '{"message":"Admins only."}' })
    expect(e.kind).toBe('forbidden')
    expect(e.message).toBe('Your portal account is not allowed to do this: Admins only.')
    expect(fromResponse({ status: 403 }).message).toBe('Your portal account is not allowed to do this.')
  })

  it('not-found quotes the portal, or names the request', () => {
    expect(fromResponse({ status: 404 }).message).toBe('Not found on the portal (GET bunits/7).')
    expect(fromResponse({ status: 404, bodyText: '{"message":"No such unit."}' }).message).toBe('No such unit.')
  })

  it('rate-limited says when to try again (whole seconds, rounded up)', () => {
    const e = fromResponse({ status: 429, retryAfter: 1.2 })
    expect(e).toMatchObject({ kind: 'rate-limited', retryAfter: 1.2 })
    expect(e.message).toBe('The portal is rate-limiting requests; try again in 2 s.')
    expect(fromResponse({ status: 429 }).message).toBe('The portal is rate-limiting requests.')
  })

  it('server errors quote the portal without its trailing dots and blanks', () => {
    expect(fromResponse({ status: 500, bodyText: '{"message":"Database offline.. "}' }).message).toBe(
      'The portal failed with HTTP 500: Database offline.'
    )
    expect(fromResponse({ status: 502 }).message).toBe('The portal failed with HTTP 502.')
  })

  it('other refusals quote the portal, or give the status', () => {
    expect(fromResponse({ status: 400 }).message).toBe('The portal refused the request (HTTP 400).')
    expect(fromResponse({ status: 422, bodyText: '"Name is taken"' }).message).toBe('Name is taken')
  })

  it('a 401 from the token endpoint is a refused sign-in', () => {
    const e = fromResponse({ status: 401, method: 'POST', path: 'oauth', auth: true })
    expect(e.kind).toBe('authentication')
    expect(e.message).toBe('Sign-in refused by the portal. Check the username, password, client ID and origin.')
  })
})

describe('errors built without a response', () => {
  it('cancelled names the request', () => {
    const e = cancelledError('PUT', 'bunits/3')
    expect(e.toShape()).toStrictEqual({ kind: 'cancelled', message: 'The request was cancelled.', details: { method: 'PUT', path: 'bunits/3' } })
  })

  it('a redirect without a usable Location names no origin', () => {
    const e = redirectError('GET', 'me', 302, null)
    expect(e.kind).toBe('server')
    expect(e.message).toBe(
      "The portal answered 302 and redirected to an unknown address. Cloutility Desk does not follow redirects away from the portal's address (your credentials would go there); check the API URL."
    )
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', status: 302, code: 'REDIRECT_REFUSED' })
    expect(redirectError('GET', 'me', 307, 'https://elsewhere.example').details).toStrictEqual({
      method: 'GET',
      path: 'me',
      status: 307,
      code: 'REDIRECT_REFUSED',
      redirectOrigin: 'https://elsewhere.example'
    })
  })

  it('a timeout says how long was waited, in seconds', () => {
    const e = timeoutError('GET', 'me', 30_000)
    expect(e.message).toBe('The portal did not answer within 30 s.')
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', code: 'TIMEOUT', timeoutMs: 30_000 })
  })

  it('an unexpected response keeps at most five issues', () => {
    const issues = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    const e = unexpectedResponseError('GET', 'me', issues)
    expect(e.kind).toBe('server')
    expect(e.message).toBe('The portal sent a response this app does not understand.')
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', code: 'UNEXPECTED_RESPONSE', issues: ['a', 'b', 'c', 'd', 'e'] })
  })
})
