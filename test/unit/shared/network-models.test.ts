import { describe, expect, it } from 'vitest'
import {
  inspectCertificateInput,
  MAX_PEM_LENGTH,
  networkSettingsInput,
  proxySettingsInput,
  proxyUrl,
  proxyUrlProblem,
  testAccountConnectionInput
} from '../../../src/shared/ipc/network-models'
import { chars, issuesOf, refusedPaths } from './schema-issues'

const NOTHING_AFTER = 'Proxy must be scheme://host:port with nothing after it'
const CREDENTIALS_APART = 'Put the proxy user name and password in their own fields'

describe('proxy URLs', () => {
  it.each([['http://proxy.example.com:3128'], ['https://proxy.example.com:8443/'], ['http://10.0.0.1:8080'], ['http://[::1]:3128']])(
    'accepts %s',
    (url) => {
      expect(proxyUrlProblem(url)).toBeNull()
    }
  )

  it.each([
    ['proxy.example.com:3128', 'Proxy must start with http:// or https://'],
    ['not a url', 'Proxy must be a URL such as http://proxy.example.com:3128'],
    ['socks5://proxy.example.com:1080', 'Proxy must start with http:// or https://'],
    ['http://bob:pw@proxy.example.com:3128', CREDENTIALS_APART],
    ['http://bob@proxy.example.com:3128', CREDENTIALS_APART],
    ['http://:pw@proxy.example.com:3128', CREDENTIALS_APART],
    ['http://proxy.example.com:3128/path', NOTHING_AFTER],
    ['http://proxy.example.com:3128/?q=1', NOTHING_AFTER],
    ['http://proxy.example.com:3128#top', NOTHING_AFTER]
  ])('refuses %s', (url, message) => {
    expect(proxyUrlProblem(url)).toBe(message)
  })

  it('trims the URL, then checks it', () => {
    expect(proxyUrl.parse('  http://proxy.example.com:3128 ')).toBe('http://proxy.example.com:3128')
    expect(issuesOf(proxyUrl, 'ftp://proxy.example.com')).toEqual([': Proxy must start with http:// or https://'])
  })

  it('refuses a URL that is not text or is too long', () => {
    expect(issuesOf(proxyUrl, 42)).toEqual([': Proxy URL must be text'])
    expect(issuesOf(proxyUrl, `http://${chars(500)}.example.com`)).toContain(': Proxy URL is too long')
  })
})

describe('proxy settings', () => {
  it('trims the proxy user name and keeps the password as typed', () => {
    expect(proxySettingsInput.parse({ mode: 'manual', url: 'http://proxy:3128', username: ' bob ', password: ' pw ' })).toEqual({
      mode: 'manual',
      url: 'http://proxy:3128',
      username: 'bob',
      password: ' pw '
    })
  })

  it('needs no URL for the system proxy or a direct connection', () => {
    expect(proxySettingsInput.parse({ mode: 'system' })).toEqual({ mode: 'system' })
    expect(proxySettingsInput.parse({ mode: 'none' })).toEqual({ mode: 'none' })
  })

  it.each([
    ['a manual proxy without a URL', { mode: 'manual' }, ['url: Proxy URL is required for a manual proxy']],
    ['an unknown mode', { mode: 'auto' }, ['mode: Proxy must be "system", "none" or "manual"']],
    ['a user name over 256', { mode: 'system', username: ` ${chars(257)} ` }, ['username: Proxy user name is too long']],
    ['a password over 1000', { mode: 'system', password: chars(1001) }, ['password: Proxy password is too long']]
  ])('refuses %s', (_what, input, expected) => {
    expect(issuesOf(proxySettingsInput, input)).toEqual(expected)
  })

  it('measures the proxy user name after trimming', () => {
    expect(proxySettingsInput.parse({ mode: 'system', username: ` ${chars(256)} ` })).toMatchObject({ username: chars(256) })
  })

  it('defaults to the system proxy, no extra CA and no plain http', () => {
    expect(networkSettingsInput.parse({})).toEqual({ proxy: { mode: 'system' }, allowInsecureHttp: false })
  })
})

describe('CA certificate to inspect', () => {
  it.each([
    ['no file', {}, ['pem: Choose a PEM certificate file']],
    ['an empty file', { pem: '' }, ['pem: Choose a PEM certificate file']],
    ['a file over 64 KiB', { pem: chars(MAX_PEM_LENGTH + 1) }, ['pem: The certificate file is too large']]
  ])('refuses %s', (_what, input, expected) => {
    expect(issuesOf(inspectCertificateInput, input)).toEqual(expected)
  })

  it('accepts a file of exactly 64 KiB', () => {
    expect(inspectCertificateInput.safeParse({ pem: chars(MAX_PEM_LENGTH) }).success).toBe(true)
  })
})

describe("testing a saved account's connection with unsaved changes", () => {
  const changes = {
    apiUrl: ' https://portal-api.example.com/v1/ ',
    clientId: ' desk ',
    origin: ' https://service.example.com ',
    username: ' alice ',
    password: 'secret'
  }

  it('takes any subset of the changed fields, trimmed', () => {
    expect(testAccountConnectionInput.parse({ accountId: 'a1' })).toEqual({ accountId: 'a1' })
    expect(testAccountConnectionInput.parse({ accountId: 'a1', ...changes })).toEqual({
      accountId: 'a1',
      apiUrl: 'https://portal-api.example.com/v1/',
      clientId: 'desk',
      origin: 'https://service.example.com',
      username: 'alice',
      password: 'secret'
    })
  })

  it.each([
    ['an empty account id', { accountId: '' }, ['accountId: Account id is required']],
    ['a blank portal URL', { apiUrl: '  ' }, ['apiUrl: Portal API URL is required']],
    ['a blank client ID', { clientId: '  ' }, ['clientId: Client ID is required']],
    ['a blank origin', { origin: '  ' }, ['origin: Origin is required']],
    ['a blank username', { username: '  ' }, ['username: Username is required']]
  ])('refuses %s', (_what, patch, expected) => {
    expect(issuesOf(testAccountConnectionInput, { accountId: 'a1', ...patch })).toEqual(expected)
  })

  it.each([
    ['clientId', chars(200), chars(201)],
    ['origin', chars(300), chars(301)],
    ['username', chars(200), chars(201)],
    ['password', chars(1000), chars(1001)],
    ['password', 'x', '']
  ])('limits the length of %s', (field, longest, refused) => {
    expect(testAccountConnectionInput.safeParse({ accountId: 'a1', [field]: longest }).success).toBe(true)
    expect(refusedPaths(testAccountConnectionInput, { accountId: 'a1', [field]: refused })).toEqual([field])
  })
})
