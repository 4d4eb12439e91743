import { describe, expect, it } from 'vitest'
import { checkExternalUrl } from '../../../src/main/core/external-url'
import { contentSecurityPolicy } from '../../../src/shared/csp'

describe('external links', () => {
  it('opens https, and http only to loopback', () => {
    expect(checkExternalUrl('https://www.safespring.com/')).toEqual({ ok: true, url: 'https://www.safespring.com/' })
    expect(checkExternalUrl('http://127.0.0.1:5000/v1/')).toMatchObject({ ok: true })
    expect(checkExternalUrl('http://example.com/')).toMatchObject({ ok: false })
  })

  it('refuses other schemes and embedded credentials', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'https://user:pw@example.com/', 'not a url']) {
      expect(checkExternalUrl(url).ok).toBe(false)
    }
  })
})

describe('content security policy', () => {
  it('forbids renderer networking in the desktop window', () => {
    const csp = contentSecurityPolicy({ connect: "'none'" })
    expect(csp).toContain("connect-src 'none'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('unsafe')
  })
})
