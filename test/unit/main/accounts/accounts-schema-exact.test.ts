/**
 * Exact messages, limits, defaults and trimming of the account schemas (mutation testing, issue 13):
 * the module-level zod schemas are reached through the exported parse functions.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DeskError } from '../../../../src/shared/errors'
import {
  FIELD_LABELS,
  accountsFileSchema,
  identityKey,
  normaliseApiUrl,
  normaliseOrigin,
  parseAccountId,
  parseCreateInput,
  parseUpdateInput,
  toInvalidInput
} from '../../../../src/main/accounts/schema'
import { accountNetworkSchema } from '../../../../src/main/accounts/network-schema'

const valid = { displayName: 'Acme', apiUrl: 'https://portal.example.com/api', clientId: 'c-1', username: 'tech@example.com' }

function thrown(fn: () => unknown): DeskError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(DeskError)
    expect((e as DeskError).kind).toBe('invalid-input')
    return e as DeskError
  }
  throw new Error('expected invalid-input')
}

/** The one message a create input with one bad field gets. */
const createMessage = (extra: Record<string, unknown>): string => thrown(() => parseCreateInput({ ...valid, ...extra })).message

describe('URL rules', () => {
  it('limits the length to 2048 after trimming', () => {
    const atLimit = `https://portal.example.com/${'a'.repeat(2048 - 27)}`
    expect(atLimit).toHaveLength(2048)
    expect(normaliseApiUrl(`  ${atLimit}  `)).toEqual({ ok: true, value: atLimit })
    expect(normaliseApiUrl(`${atLimit}a`)).toEqual({ ok: false, message: 'API URL is too long' })
    const origin = `https://${'a'.repeat(2048 - 8)}`
    expect(normaliseOrigin(` ${origin}/ `)).toEqual({ ok: false, message: 'Origin is too long' })
  })

  it('reports blank input as required, not as a bad URL', () => {
    expect(normaliseApiUrl('   ')).toEqual({ ok: false, message: 'API URL is required' })
    expect(normaliseOrigin('   ')).toEqual({ ok: false, message: 'Origin is required' })
    expect(normaliseOrigin('ftp://portal.example.com')).toEqual({ ok: false, message: 'Origin must start with http:// or https://' })
  })

  it.each([
    ['https://user@portal.example.com/api'],
    ['https://:secret@portal.example.com/api'],
    ['https://user:secret@portal.example.com/api']
  ])('refuses credentials in %s', (raw) => {
    expect(normaliseApiUrl(raw)).toEqual({ ok: false, message: 'API URL must not contain a user name or password' })
  })

  it.each([['https://p.example.com/api?x=1'], ['https://p.example.com/api#top'], ['https://p.example.com/api?'], ['https://p.example.com/api#']])(
    'refuses a query or fragment in %s',
    (raw) => {
      expect(normaliseApiUrl(raw)).toEqual({ ok: false, message: 'API URL must not contain a query (?) or fragment (#)' })
    }
  )
})

describe('field messages', () => {
  it('labels fields for messages', () => {
    expect(FIELD_LABELS).toEqual({
      displayName: 'Display name',
      apiUrl: 'API URL',
      clientId: 'Client ID',
      origin: 'Origin',
      username: 'Username',
      color: 'Colour',
      label: 'Label',
      secretMode: 'Password storage'
    })
  })

  it('tells missing from non-text values', () => {
    expect(createMessage({ displayName: 5 })).toBe('Invalid account details: Display name must be text')
    expect(createMessage({ apiUrl: 5 })).toBe('Invalid account details: API URL must be text')
    expect(createMessage({ origin: 5 })).toBe('Invalid account details: Origin must be text')
    expect(createMessage({ origin: ' ' })).toBe('Invalid account details: Origin is required')
    expect(createMessage({ clientId: '   ' })).toBe('Invalid account details: Client ID is required')
    expect(createMessage({ username: '' })).toBe('Invalid account details: Username is required')
  })

  it('colours: trimmed, lower-cased, exactly #rrggbb', () => {
    expect(parseCreateInput({ ...valid, color: ' #AABBCC ' }).color).toBe('#aabbcc')
    expect(createMessage({ color: 5 })).toBe('Invalid account details: Colour must be text such as #1a73e8')
    for (const color of ['#aabbccdd', 'x#aabbcc']) {
      expect(createMessage({ color })).toBe('Invalid account details: Colour must be a hex colour such as #1a73e8')
    }
  })

  it('secret modes and timestamps have their own messages', () => {
    expect(createMessage({ secretMode: 'cloud' })).toBe('Invalid account details: Password storage must be "keychain" or "session"')
  })
})

describe('network block', () => {
  const manual = { mode: 'manual', url: 'http://proxy.example.com:3128' }

  it('trims the proxy user, limits it to 256 and defaults allowInsecureHttp to false', () => {
    expect(accountNetworkSchema.parse({ proxy: { ...manual, username: ' bob ' } })).toEqual({
      proxy: { ...manual, username: 'bob' },
      allowInsecureHttp: false
    })
    expect(accountNetworkSchema.safeParse({ proxy: { ...manual, username: 'b'.repeat(256) } }).success).toBe(true)
    expect(accountNetworkSchema.safeParse({ proxy: { ...manual, username: 'b'.repeat(257) } }).success).toBe(false)
  })

  it('a manual proxy needs a URL, reported on proxy.url', () => {
    const r = accountNetworkSchema.safeParse({ proxy: { mode: 'manual' } })
    expect(r.success).toBe(false)
    expect(r.error!.issues.map((i) => [i.path, i.message])).toEqual([[['proxy', 'url'], 'Proxy URL is required for a manual proxy']])
    expect(accountNetworkSchema.safeParse({ proxy: manual }).success).toBe(true)
    expect(accountNetworkSchema.safeParse({ proxy: { mode: 'none' } }).success).toBe(true)
  })

  it('limits the CA PEM and fingerprint lengths (short ones are fine)', () => {
    const base = { proxy: { mode: 'system' } }
    expect(accountNetworkSchema.safeParse({ ...base, caCertPem: 'pem', caFingerprint: 'AB:CD' }).success).toBe(true)
    expect(accountNetworkSchema.safeParse({ ...base, caCertPem: 'p'.repeat(65_536), caFingerprint: 'f'.repeat(200) }).success).toBe(true)
    expect(accountNetworkSchema.safeParse({ ...base, caCertPem: 'p'.repeat(65_537) }).success).toBe(false)
    expect(accountNetworkSchema.safeParse({ ...base, caFingerprint: 'f'.repeat(201) }).success).toBe(false)
  })
})

describe('input checks', () => {
  it.each([['text'], [null], [[valid]], [5]])('refuses a non-object %j with one fixed message', (input) => {
    const create = thrown(() => parseCreateInput(input))
    expect([create.message, create.details]).toEqual(['Invalid account details: expected an object', { fields: {} }])
    const update = thrown(() => parseUpdateInput(input))
    expect([update.message, update.details]).toEqual(['Invalid account changes: expected an object', { fields: {} }])
  })

  it('names the input in messages and counts further problems; one problem has no count', () => {
    const one = thrown(() => parseUpdateInput({ displayName: '' }))
    expect(one.message).toBe('Invalid account changes: Display name is required')
    expect(one.details).toEqual({ fields: { displayName: 'Display name is required' } })
    const two = thrown(() => parseCreateInput({ ...valid, displayName: '', username: '' }))
    expect(two.message).toBe('Invalid account details: Display name is required (and 1 more)')
  })

  it('keeps issues without a field as general ones', () => {
    const issues = [
      { code: 'custom', path: ['a'], message: 'A is off', input: 1 },
      { code: 'custom', path: [], message: 'Whole thing is off', input: {} }
    ] as z.core.$ZodIssue[]
    const both = toInvalidInput(new z.ZodError(issues), 'thing')
    expect(both.message).toBe('Invalid thing: A is off (and 1 more)')
    expect(both.details).toEqual({ fields: { a: 'A is off' }, general: ['Whole thing is off'] })
    const general = toInvalidInput(z.string().safeParse(1).error!, 'thing')
    expect([general.message, general.details]).toEqual([
      'Invalid thing: Invalid input: expected string, received number',
      { fields: {}, general: ['Invalid input: expected string, received number'] }
    ])
    const none = toInvalidInput(new z.ZodError([]), 'thing')
    expect([none.message, none.details]).toEqual(['Invalid thing: Invalid input', { fields: {} }])
  })

  it('account ids: fixed message and field', () => {
    const e = thrown(() => parseAccountId('a b'))
    expect([e.message, e.details]).toEqual(['Account id is not valid', { fields: { id: 'Account id is not valid' } }])
  })

  it('identity key lower-cases client id and username only', () => {
    expect(identityKey({ apiUrl: 'https://P/api', clientId: 'AbC', username: 'Me@X' })).toBe('["https://P/api","abc","me@x"]')
  })
})

describe('accounts file schema', () => {
  const entry = (id: string, createdAt = '2025-01-02T03:04:05.000Z') => ({
    id,
    displayName: 'A',
    apiUrl: 'https://portal.example.com/api',
    clientId: 'c',
    origin: 'https://portal.example.com',
    username: 'u',
    color: '#112233',
    label: '',
    secretMode: 'keychain',
    createdAt
  })

  it('reports a duplicate id on the later entry', () => {
    const r = accountsFileSchema.safeParse({ version: 1, accounts: [entry('a1'), entry('a1')] })
    expect(r.error!.issues.map((i) => [i.code, i.path, i.message])).toEqual([['custom', ['accounts', 1, 'id'], 'Duplicate account id']])
  })

  it('accepts timestamps with an offset and names a bad one', () => {
    const ok = accountsFileSchema.safeParse({ version: 1, accounts: [entry('a1', '2025-01-02T03:04:05+02:00')] })
    expect(ok.data?.accounts[0]?.createdAt).toBe('2025-01-02T03:04:05+02:00')
    const bad = accountsFileSchema.safeParse({ version: 1, accounts: [entry('a1', 'yesterday')] })
    expect(bad.error!.issues.map((i) => i.message)).toEqual(['createdAt must be an ISO timestamp'])
  })

  it('names non-text and malformed ids', () => {
    const r = accountsFileSchema.safeParse({ version: 1, accounts: [entry(5 as unknown as string), entry('a b')] })
    expect(r.error!.issues.map((i) => i.message)).toEqual(['Account id must be text', 'Account id is not valid'])
  })
})
