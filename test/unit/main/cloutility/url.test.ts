import { describe, expect, it } from 'vitest'
import { normalizeApiUrl } from '../../../../src/main/cloutility'

describe('normalizeApiUrl', () => {
  it.each([
    ['https://portal-api.example.com/v1/', 'https://portal-api.example.com/v1/'],
    ['https://portal-api.example.com/v1', 'https://portal-api.example.com/v1/'],
    ['https://portal-api.example.com/', 'https://portal-api.example.com/v1/'],
    ['https://portal-api.example.com', 'https://portal-api.example.com/v1/'],
    ['  portal-api.example.com  ', 'https://portal-api.example.com/v1/'],
    ['https://PORTAL-api.example.com/V1/', 'https://portal-api.example.com/v1/'],
    ['https://example.com/backup/api', 'https://example.com/backup/api/v1/'],
    ['https://example.com/backup/v1/help?x=1#top', 'https://example.com/backup/v1/'],
    ['https://portal-api.example.com:8443//v1//', 'https://portal-api.example.com:8443/v1/'],
    ['http://127.0.0.1:5050/v1/', 'http://127.0.0.1:5050/v1/']
  ])('%s → %s', (input, expected) => {
    expect(normalizeApiUrl(input)).toBe(expected)
  })

  it.each(['', '   ', 'ftp://example.com/v1/', 'https://user:pw@example.com/v1/', 'https://exa mple.com'])(
    'rejects %j as invalid input',
    (input) => {
      expect(() => normalizeApiUrl(input)).toThrow(expect.objectContaining({ kind: 'invalid-input' }))
    }
  )
})

describe('plain http (issue 10)', () => {
  it.each(['http://127.0.0.1:5050/v1/', 'http://localhost:5050/', 'http://[::1]:8080/v1/', 'http://127.8.9.10/v1/'])('accepts loopback %s', (input) => {
    expect(() => normalizeApiUrl(input)).not.toThrow()
  })

  it.each(['http://portal.example.com/v1/', 'http://10.0.0.5/v1/', 'http://localhost.example.com/v1/'])('refuses %s without the opt-in, before anything is sent', (input) => {
    expect(() => normalizeApiUrl(input)).toThrow(expect.objectContaining({ kind: 'invalid-input', details: expect.objectContaining({ code: 'INSECURE_HTTP', field: 'apiUrl' }) }))
    expect(normalizeApiUrl(input, { allowInsecureHttp: true })).toMatch(/^http:\/\//)
  })
})
