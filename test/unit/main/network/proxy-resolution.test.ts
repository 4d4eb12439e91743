import { describe, expect, it } from 'vitest'
import { bypassedByNoProxy, proxyFor } from '../../../../src/main/network/proxy-resolution'

const u = (s: string) => new URL(s)

describe('proxyFor', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://plain.corp:8080', NO_PROXY: 'intranet.corp,.internal, *.lab:8443' }

  it('system: HTTPS_PROXY for https, HTTP_PROXY for http', () => {
    expect(proxyFor(u('https://portal.example.com/v1/'), 'system', undefined, env)).toBe('http://proxy.corp:3128')
    expect(proxyFor(u('http://portal.example.com/v1/'), 'system', undefined, env)).toBe('http://plain.corp:8080')
    expect(proxyFor(u('https://portal.example.com/v1/'), 'system', undefined, { https_proxy: 'http://lower:1' })).toBe('http://lower:1')
    expect(proxyFor(u('https://portal.example.com/v1/'), 'system', undefined, { HTTP_PROXY: 'http://only-http:1' })).toBe('http://only-http:1')
    expect(proxyFor(u('https://portal.example.com/v1/'), 'system', undefined, {})).toBeNull()
  })

  it('system: NO_PROXY hosts, suffixes and ports go direct', () => {
    expect(proxyFor(u('https://intranet.corp/v1/'), 'system', undefined, env)).toBeNull()
    expect(proxyFor(u('https://a.intranet.corp/v1/'), 'system', undefined, env)).toBeNull()
    expect(proxyFor(u('https://x.internal/v1/'), 'system', undefined, env)).toBeNull()
    expect(proxyFor(u('https://x.lab:8443/v1/'), 'system', undefined, env)).toBeNull()
    expect(proxyFor(u('https://x.lab/v1/'), 'system', undefined, env)).toBe('http://proxy.corp:3128')
    expect(proxyFor(u('https://notintranet.corp/v1/'), 'system', undefined, env)).toBe('http://proxy.corp:3128')
    expect(bypassedByNoProxy(u('https://anything/'), '*')).toBe(true)
  })

  it('manual uses the account proxy, none goes direct, loopback always goes direct', () => {
    expect(proxyFor(u('https://portal.example.com/v1/'), 'manual', 'http://mine:3128', env)).toBe('http://mine:3128')
    expect(proxyFor(u('https://portal.example.com/v1/'), 'none', undefined, env)).toBeNull()
    for (const local of ['http://127.0.0.1:5050/v1/', 'http://localhost:5050/v1/', 'http://[::1]:5050/v1/']) {
      expect(proxyFor(u(local), 'manual', 'http://mine:3128', env)).toBeNull()
      expect(proxyFor(u(local), 'system', undefined, env)).toBeNull()
    }
  })
})
