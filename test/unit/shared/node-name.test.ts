import { describe, expect, it } from 'vitest'
import { NODE_NAME_MAX_LENGTH, validateNodeName } from '../../../src/shared/node-name'

describe('node names are measured after trimming', () => {
  it('accepts 64 characters with spaces around them, refuses 65', () => {
    const name = 'A'.repeat(NODE_NAME_MAX_LENGTH)
    expect(validateNodeName(`  ${name}  `)).toEqual({ ok: true, normalized: name })
    const long = validateNodeName(`  ${name}B  `)
    expect(long.ok).toBe(false)
    expect(long.ok ? '' : long.reason).toContain('this one has 65')
  })

  it('upper-cases and refuses characters outside the rules, naming them', () => {
    expect(validateNodeName('web-01.acme+x&y_z')).toEqual({ ok: true, normalized: 'WEB-01.ACME+X&Y_Z' })
    const bad = validateNodeName('web 01/x')
    expect(bad.ok ? '' : bad.reason).toMatch(/not space, "\/"/)
  })
})
