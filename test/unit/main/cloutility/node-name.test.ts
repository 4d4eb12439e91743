import { describe, expect, it } from 'vitest'
import { validateNodeName } from '../../../../src/main/cloutility'

describe('validateNodeName (IBM Storage Protect rules)', () => {
  it('upper-cases and trims a valid name', () => {
    expect(validateNodeName('  web-01.prod ')).toEqual({ ok: true, normalized: 'WEB-01.PROD' })
  })

  it('accepts every allowed special character', () => {
    expect(validateNodeName('A_B.C-D+E&F')).toEqual({ ok: true, normalized: 'A_B.C-D+E&F' })
  })

  it('accepts exactly 64 characters and rejects 65', () => {
    expect(validateNodeName('N'.repeat(64)).ok).toBe(true)
    const r = validateNodeName('N'.repeat(65))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/64/)
  })

  it.each([
    ['', /required/],
    ['   ', /required/],
    ['web 01', /space/],
    ['srv/01', /"\/"/],
    ['jörg', /"ö"/],
    ['a@b', /"@"/],
    ['straße', /"ß"/]
  ])('rejects %j', (name, reason) => {
    const r = validateNodeName(name)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(reason)
  })
})
