import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../../src/shared/csp'

// Every directive matters: a dropped one falls back to default-src 'none' at best, or (base-uri,
// form-action, frame-ancestors, which do not fall back) silently allows what it used to forbid.
const directives = (connect: string): string[] => [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src ${connect}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
]

describe('content security policy', () => {
  it("the desktop window's policy forbids renderer networking and everything it does not use", () => {
    expect(contentSecurityPolicy({ connect: "'none'" })).toBe(directives("'none'").join('; '))
  })

  it('the loopback browser host may only call back to itself', () => {
    expect(contentSecurityPolicy({ connect: "'self'" })).toBe(directives("'self'").join('; '))
  })

  it('is a well-formed header value: directives separated by "; ", none empty', () => {
    const parts = contentSecurityPolicy({ connect: "'none'" }).split('; ')
    expect(parts).toHaveLength(10)
    for (const part of parts) expect(part).toMatch(/^[a-z-]+ \S/)
  })
})
