import { describe, expect, it } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import {
  identityKey,
  normaliseApiUrl,
  normaliseOrigin,
  parseCreateInput,
  parseUpdateInput
} from '../../../../src/main/accounts/schema'

const valid = {
  displayName: '  Acme Corp  ',
  apiUrl: 'https://Portal.Example.com:443/api/',
  clientId: 'c-123',
  username: 'tech@example.com'
}

function invalid(fn: () => unknown): DeskError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(DeskError)
    expect((e as DeskError).kind).toBe('invalid-input')
    return e as DeskError
  }
  throw new Error('expected invalid-input')
}

describe('normaliseApiUrl', () => {
  it.each([
    ['https://Portal.Example.com:443/api/', 'https://portal.example.com/api'],
    ['  https://portal.example.com/  ', 'https://portal.example.com'],
    ['http://localhost:8080/cloutility//', 'http://localhost:8080/cloutility'],
    ['https://portal.example.com:8443', 'https://portal.example.com:8443'],
    ['HTTPS://portal.example.com/API', 'https://portal.example.com/API']
  ])('%s -> %s', (input, expected) => {
    expect(normaliseApiUrl(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['', /required/],
    ['portal.example.com', /full URL/],
    ['ftp://portal.example.com', /http:\/\/ or https:\/\//],
    ['https://user:pw@portal.example.com', /user name or password/],
    ['https://portal.example.com/api?x=1', /query/],
    ['https://portal.example.com/api#frag', /fragment/]
  ])('rejects %j', (input, message) => {
    const r = normaliseApiUrl(input)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(message)
  })
})

describe('normaliseOrigin', () => {
  it('keeps scheme, host and a non-default port only', () => {
    expect(normaliseOrigin('https://Portal.example.com/')).toEqual({ ok: true, value: 'https://portal.example.com' })
    expect(normaliseOrigin('http://desk.local:3000')).toEqual({ ok: true, value: 'http://desk.local:3000' })
    expect(normaliseOrigin('https://x.example.com:443')).toEqual({ ok: true, value: 'https://x.example.com' })
  })
  it('refuses a path', () => {
    expect(normaliseOrigin('https://portal.example.com/app')).toEqual({
      ok: false,
      message: 'Origin must be scheme://host[:port] without a path'
    })
  })
})

describe('parseCreateInput', () => {
  it('trims, normalises and fills defaults', () => {
    expect(parseCreateInput({ ...valid, color: '#ABCDEF', label: ' PROD ' })).toEqual({
      displayName: 'Acme Corp',
      apiUrl: 'https://portal.example.com/api',
      clientId: 'c-123',
      username: 'tech@example.com',
      color: '#abcdef',
      label: 'PROD',
      secretMode: 'keychain',
      kind: 'portal'
    })
  })

  it('reports each bad field by name', () => {
    const err = invalid(() =>
      parseCreateInput({
        displayName: ' ',
        apiUrl: 'nope',
        clientId: 'c',
        origin: 'https://x.example.com/path',
        username: 'u',
        color: 'red',
        label: 'WAY-TOO-LONG-LABEL',
        secretMode: 'disk'
      })
    )
    const fields = err.details?.fields as Record<string, string>
    expect(Object.keys(fields).sort()).toEqual(['apiUrl', 'color', 'displayName', 'label', 'origin', 'secretMode'])
    expect(fields.displayName).toBe('Display name is required')
    expect(fields.label).toBe('Label must be at most 12 characters')
    expect(fields.color).toMatch(/hex colour/)
    expect(err.message).toMatch(/^Invalid account details: .* \(and 5 more\)$/)
  })

  it('names missing required fields', () => {
    const err = invalid(() => parseCreateInput({}))
    expect(err.details?.fields).toEqual({
      displayName: 'Display name is required',
      apiUrl: 'API URL is required',
      clientId: 'Client ID is required',
      username: 'Username is required'
    })
  })

  it('refuses unknown fields (e.g. a password smuggled into the account) without echoing values', () => {
    const err = invalid(() => parseCreateInput({ ...valid, password: 'hunter2' }))
    expect(err.details?.fields).toEqual({ password: 'password is not a known field' })
    expect(JSON.stringify(err.toShape())).not.toContain('hunter2')
  })

  it('refuses non-objects and control characters', () => {
    invalid(() => parseCreateInput(null))
    invalid(() => parseCreateInput([valid]))
    const err = invalid(() => parseCreateInput({ ...valid, displayName: 'a\nb' }))
    expect(err.details?.fields).toEqual({ displayName: 'Display name must not contain control characters' })
  })
})

describe('parseUpdateInput', () => {
  it('accepts a subset and normalises it', () => {
    expect(parseUpdateInput({ apiUrl: 'https://NEW.example.com/' })).toEqual({ apiUrl: 'https://new.example.com' })
    expect(parseUpdateInput({})).toEqual({})
  })
  it('refuses id and createdAt', () => {
    const err = invalid(() => parseUpdateInput({ id: 'x', createdAt: 'y' }))
    expect(Object.keys(err.details?.fields as object).sort()).toEqual(['createdAt', 'id'])
  })
})

describe('identityKey', () => {
  it('ignores case of client id and username, not of the URL path', () => {
    const a = { apiUrl: 'https://p.example.com/api', clientId: 'ABC', username: 'Tech@Example.com' }
    expect(identityKey(a)).toBe(identityKey({ ...a, clientId: 'abc', username: 'tech@example.com' }))
    expect(identityKey(a)).not.toBe(identityKey({ ...a, apiUrl: 'https://p.example.com/API' }))
  })
})
