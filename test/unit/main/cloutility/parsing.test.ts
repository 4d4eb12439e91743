import { describe, expect, it } from 'vitest'
import { parseErrorBody, errorFromResponse, redact } from '../../../../src/main/cloutility/errors'
import { AccessTokenSchema } from '../../../../src/main/cloutility/models/token'
import { ConsumerSchema } from '../../../../src/main/cloutility/models/consumer'
import { NodeSchema } from '../../../../src/main/cloutility/models/node'
import { SimpleBusinessUnitSchema } from '../../../../src/main/cloutility/models/business-unit'
import { collectionOf } from '../../../../src/main/cloutility/models/common'
import { parseBody } from '../../../../src/main/cloutility/parse'
import { parseRetryAfter, backoffMs } from '../../../../src/main/cloutility/retry'

describe('tolerant response parsing', () => {
  it('coerces expires_in given as a string', () => {
    const t = parseBody(AccessTokenSchema, { access_token: 'a', expires_in: '299' }, 'POST', 'oauth')
    expect(t.expires_in).toBe(299)
  })

  it('keeps unknown fields and treats null, missing and wrongly typed optional fields as absent', () => {
    const c = parseBody(
      ConsumerSchema,
      { id: 7, name: 'WS', note: null, limitHighStorage: 'lots', futureField: { x: 1 }, tags: [{ id: 1, text: 't' }, 'junk'] },
      'GET',
      'bunits/1/consumers/7'
    )
    expect(c).toMatchObject({ id: 7, name: 'WS', futureField: { x: 1 } })
    expect(c.note).toBeUndefined()
    expect(c.limitHighStorage).toBeUndefined()
    expect(c.tags).toEqual([{ id: 1, text: 't' }])
  })

  it('accepts quoted ids', () => {
    expect(parseBody(ConsumerSchema, { id: '42', name: 'x' }, 'GET', 'p').id).toBe(42)
  })

  it('parses a nested tree and fills missing child lists', () => {
    const tree = parseBody(
      SimpleBusinessUnitSchema,
      { id: 1, name: 'Root', businessUnits: [{ id: 2, parentId: 1, name: 'A' }] },
      'GET',
      'bunits'
    )
    expect(tree.businessUnits[0]).toMatchObject({ id: 2, parentId: 1, name: 'A', businessUnits: [] })
  })

  it('never keeps a node password echoed by the portal', () => {
    const n = parseBody(NodeSchema, { id: 3, tsmName: 'N1', tsmPassword: 'Secret-123' }, 'GET', 'node')
    expect(n).not.toHaveProperty('tsmPassword')
    expect(JSON.stringify(n)).not.toContain('Secret-123')
  })

  it('accepts a collection object or a bare array', () => {
    const schema = collectionOf(ConsumerSchema)
    expect(parseBody(schema, { href: 'x', total: 3, offset: 0, items: [{ id: 1, name: 'a' }] }, 'GET', 'p')).toMatchObject({
      total: 3,
      items: [{ id: 1 }]
    })
    expect(parseBody(schema, [{ id: 1, name: 'a' }], 'GET', 'p')).toMatchObject({ total: 1, items: [{ id: 1 }] })
  })

  it.each([
    ['a string', 'hello'],
    ['an object without id', { name: 'no id' }],
    ['nothing', undefined]
  ])('rejects %s where a resource was expected with a typed error, not a crash', (_label, body) => {
    expect(() => parseBody(ConsumerSchema, body, 'GET', 'bunits/1/consumers/7')).toThrow(
      expect.objectContaining({ kind: 'server', details: expect.objectContaining({ code: 'UNEXPECTED_RESPONSE' }) })
    )
  })

  it('reports issue paths but never the values of a malformed token response', () => {
    try {
      parseBody(AccessTokenSchema, { access_token: 12345678, refresh_token: 'rt-secret-value' }, 'POST', 'oauth')
      expect.unreachable()
    } catch (e) {
      expect(JSON.stringify((e as { details: unknown }).details)).not.toContain('rt-secret-value')
      expect(JSON.stringify((e as { details: unknown }).details)).not.toContain('12345678')
    }
  })
})

describe('error bodies', () => {
  it('reads the documented shape', () => {
    expect(parseErrorBody('{"status":400,"code":"validation_error","message":"Name is required.","developerMessage":"dev"}', [])).toEqual({
      status: 400,
      code: 'validation_error',
      message: 'Name is required.',
      developerMessage: 'dev'
    })
  })

  it('reads OAuth, ASP.NET, JSON-string and plain-text errors; ignores HTML', () => {
    expect(parseErrorBody('{"error":"invalid_grant","error_description":"Bad password"}', [])).toMatchObject({
      code: 'invalid_grant',
      message: 'Bad password'
    })
    expect(parseErrorBody('{"Message":"An error has occurred.","ExceptionMessage":"NullReference"}', [])).toMatchObject({
      message: 'An error has occurred.',
      developerMessage: 'NullReference'
    })
    expect(parseErrorBody('"Consumer not found"', [])).toEqual({ message: 'Consumer not found' })
    expect(parseErrorBody('Service Unavailable', [])).toEqual({ message: 'Service Unavailable' })
    expect(parseErrorBody('<html><body>502 Bad Gateway</body></html>', [])).toEqual({})
    expect(parseErrorBody('', [])).toEqual({})
  })

  it('scrubs secrets the portal echoes back', () => {
    expect(redact('password hunter22 is too weak', ['hunter22'])).toBe('password [redacted] is too weak')
    const e = errorFromResponse({
      status: 400,
      bodyText: '{"message":"tsmPassword hunter22 is too short","developerMessage":"got hunter22"}',
      method: 'POST',
      path: 'x',
      secrets: ['hunter22']
    })
    expect(e.kind).toBe('validation')
    expect(JSON.stringify(e.toShape())).not.toContain('hunter22')
  })

  it('quotes the portal’s sentence without doubling its period (issue 11: "incorrect..")', () => {
    const e = errorFromResponse({
      status: 400,
      bodyText: '{"error":"invalid_grant","error_description":"The user name or password is incorrect."}',
      method: 'POST',
      path: 'oauth',
      secrets: [],
      auth: true
    })
    expect(e.message).toBe('Sign-in refused by the portal: The user name or password is incorrect. Check the username, password, client ID and origin.')
    expect(e.message).not.toContain('..')
    const plain = errorFromResponse({ status: 400, bodyText: '{"message":"\'note\' must be a string."}', method: 'POST', path: 'x', secrets: [] })
    expect(plain.message).toBe("'note' must be a string.")
  })

  it.each([
    [400, 'validation'],
    [401, 'authentication'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [422, 'validation'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server']
  ] as const)('maps HTTP %i to %s', (status, kind) => {
    expect(errorFromResponse({ status, bodyText: '', method: 'GET', path: 'p', secrets: [] }).kind).toBe(kind)
  })

  it('maps a 400 from the token endpoint to authentication', () => {
    expect(errorFromResponse({ status: 400, bodyText: '{"error":"invalid_grant"}', method: 'POST', path: 'oauth', secrets: [], auth: true }).kind).toBe(
      'authentication'
    )
  })
})

describe('retry helpers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3)
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10)
    expect(parseRetryAfter('Sun, 31 Dec 2023 23:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('full-jitter backoff stays within [0, min(cap, base·2^n)]', () => {
    expect(backoffMs(0, 250, 8000, () => 0.999)).toBeLessThan(250)
    expect(backoffMs(3, 250, 8000, () => 0.999)).toBe(1998)
    expect(backoffMs(10, 250, 8000, () => 0.999)).toBe(7992)
    expect(backoffMs(10, 250, 8000, () => 0)).toBe(0)
  })
})
