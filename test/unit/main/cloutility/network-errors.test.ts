/**
 * Network failures as the transports throw them (Node codes on err/cause chains, Chromium
 * net::ERR_* names): which code we report, whether a retry can help, and the sentence shown.
 */
import { describe, expect, it } from 'vitest'
import { isRetryableNetworkError, networkError, networkErrorCode } from '../../../../src/main/cloutility/errors'
import { NetworkFailure } from '../../../../src/main/cloutility/network-failure'

/** An error as undici throws it: a TypeError whose cause carries the code. */
function fetchFailed(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
}

/** `code` wrapped `depth` causes deep. */
function nested(depth: number, code: string): unknown {
  let e: unknown = { code }
  for (let i = 0; i < depth; i++) e = { cause: e }
  return e
}

describe('networkErrorCode', () => {
  it('finds the code on the error or down its cause chain, at most five levels deep', () => {
    expect(networkErrorCode({ code: 'ECONNRESET' })).toBe('ECONNRESET')
    expect(networkErrorCode(fetchFailed('ECONNREFUSED'))).toBe('ECONNREFUSED')
    expect(networkErrorCode(nested(4, 'EPIPE'))).toBe('EPIPE')
    expect(networkErrorCode(nested(5, 'EPIPE'))).toBeUndefined()
  })

  it('skips an empty code and stops at a missing or null cause', () => {
    expect(networkErrorCode({ code: '', cause: { code: 'ECONNRESET' } })).toBe('ECONNRESET')
    expect(networkErrorCode(new Error('no code'))).toBeUndefined()
    expect(networkErrorCode({ cause: null })).toBeUndefined()
    expect(networkErrorCode('a string')).toBeUndefined()
  })
})

describe('isRetryableNetworkError', () => {
  it('a reset or refused connection may work on a retry', () => {
    expect(isRetryableNetworkError(fetchFailed('ECONNRESET'))).toBe(true)
    expect(isRetryableNetworkError(new Error('socket hang up'))).toBe(true)
  })

  it('DNS and TLS failures are final, whatever their code', () => {
    expect(isRetryableNetworkError(fetchFailed('EAI_AGAIN'))).toBe(false)
    expect(isRetryableNetworkError(new Error('net::ERR_NAME_NOT_RESOLVED'))).toBe(false)
    expect(isRetryableNetworkError(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe(false)
    expect(isRetryableNetworkError(new Error('net::ERR_CERT_AUTHORITY_INVALID'))).toBe(false)
  })

  it('a malformed URL is final; permanent codes match as prefixes only', () => {
    expect(isRetryableNetworkError(fetchFailed('ERR_INVALID_URL'))).toBe(false)
    // Contains "CERT_" and "ENOTFOUND" but starts with neither: not a permanent failure.
    expect(isRetryableNetworkError(fetchFailed('X_CERT_ENOTFOUND'))).toBe(true)
  })
})

describe('networkError', () => {
  it('a name that does not resolve is a DNS failure that marks the portal unreachable', () => {
    const e = networkError(fetchFailed('ENOTFOUND'), 'GET', 'me')
    expect(e.kind).toBe('network')
    expect(e.message).toBe("The portal's host name could not be resolved (DNS). Check the API URL and your network.")
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', code: 'ENOTFOUND', stage: 'dns', unreachable: true })
  })

  it('a TLS or proxy failure says so and does not claim the portal is unreachable', () => {
    const tls = networkError(fetchFailed('CERT_HAS_EXPIRED'), 'POST', 'oauth')
    expect(tls.details).toStrictEqual({ method: 'POST', path: 'oauth', code: 'CERT_HAS_EXPIRED', stage: 'tls' })
    const proxy = networkError(new Error('net::ERR_PROXY_CONNECTION_FAILED'), 'GET', 'me')
    expect(proxy.details).toStrictEqual({ method: 'GET', path: 'me', code: 'ERR_PROXY_CONNECTION_FAILED', stage: 'proxy' })
  })

  it('an unreachable network is reported as such', () => {
    const e = networkError(fetchFailed('ENETUNREACH'), 'GET', 'me')
    expect(e.message).toBe('The portal is unreachable. Check the API URL and your network connection.')
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', code: 'ENETUNREACH', stage: 'connect', unreachable: true })
  })

  it('a connect-stage failure from an adapter still reads the Node code of its cause', () => {
    const wrapped = new NetworkFailure('connect failed', 'connect', undefined, undefined, { cause: { code: 'ENOTFOUND' } })
    const e = networkError(wrapped, 'GET', 'me')
    expect(e.message).toBe('The portal is unreachable. Check the API URL and your network connection.')
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', code: 'ENOTFOUND', stage: 'connect', unreachable: true })
  })

  it('a dropped connection is not "unreachable"', () => {
    const e = networkError(fetchFailed('ECONNRESET'), 'GET', 'me')
    expect(e.message).toBe('The connection to the portal failed or was dropped.')
    expect(e.details).toStrictEqual({ method: 'GET', path: 'me', code: 'ECONNRESET', stage: 'connect' })
  })

  it('a Chromium error name is the code when there is no Node code, and the Node code wins when there is', () => {
    const chromium = networkError(new Error('net::ERR_CONNECTION_RESET'), 'GET', 'me')
    expect(chromium.details).toStrictEqual({ method: 'GET', path: 'me', code: 'ERR_CONNECTION_RESET', stage: 'connect' })
    const both = networkError(Object.assign(new Error('net::ERR_CONNECTION_RESET'), { code: 'ECONNRESET' }), 'GET', 'me')
    expect(both.details).toStrictEqual({ method: 'GET', path: 'me', code: 'ECONNRESET', stage: 'connect' })
  })
})
