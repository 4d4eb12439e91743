import { describe, expect, it } from 'vitest'
import { ACCOUNT_PALETTE, nextAccountColor } from '../../../src/shared/account-colors'

describe('a new account gets a colour no other account uses', () => {
  it.each([
    ['no accounts yet', [], '#1a66c9'],
    ['the first colour taken', ['#1a66c9'], '#18794e'],
    ['only the second colour taken: the first is still free', ['#18794e'], '#1a66c9'],
    ['colours compared case-insensitively', ['#1A66C9', '#18794E'], '#b3470b'],
    ['custom colours do not block palette ones', ['#123456', '#abcdef'], '#1a66c9'],
    ['a gap in the middle is filled first', ['#1a66c9', '#18794e', '#7b3fd4'], '#b3470b']
  ])('%s', (_what, used, expected) => {
    expect(nextAccountColor(used)).toBe(expected)
  })

  it('cycles through the palette once every colour is taken', () => {
    const all = [...ACCOUNT_PALETTE]
    expect(nextAccountColor(all)).toBe(ACCOUNT_PALETTE[0])
    expect(nextAccountColor([...all, '#1a66c9'])).toBe(ACCOUNT_PALETTE[1])
    expect(nextAccountColor([...all, ...all, '#1a66c9', '#18794e', '#b3470b'])).toBe(ACCOUNT_PALETTE[3])
  })
})
