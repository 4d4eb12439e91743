import { describe, expect, it } from 'vitest'
import { moveItem } from '../../../src/renderer/src/views/accounts/reorder'
import { writeBlockReason } from '../../../src/renderer/src/composables/write-guard-reason'
import { unitOfRoute } from '../../../src/renderer/src/stores/navigation'

describe('moveItem', () => {
  it('moves up and down', () => {
    expect(moveItem(['a', 'b', 'c'], 1, 0)).toEqual(['b', 'a', 'c'])
    expect(moveItem(['a', 'b', 'c'], 1, 2)).toEqual(['a', 'c', 'b'])
  })
  it('returns the same list at the ends', () => {
    const list = ['a', 'b']
    expect(moveItem(list, 0, -1)).toBe(list)
    expect(moveItem(list, 1, 2)).toBe(list)
  })
})

describe('writeBlockReason', () => {
  const account = { displayName: 'Acme', status: 'signed-in' as const }
  it('allows writes when signed in and online', () => {
    expect(writeBlockReason(account, { online: true, syncedAt: null })).toBeNull()
    expect(writeBlockReason(account, null)).toBeNull()
  })
  it('blocks offline with the reason and data age', () => {
    expect(writeBlockReason({ ...account, status: 'offline' }, null)).toMatch(/^Offline: Acme cannot be reached/)
    expect(writeBlockReason(account, { online: false, syncedAt: '2026-01-15T12:03:00Z' })).toMatch(/showing data from/)
  })
  it('blocks without a sign-in', () => {
    expect(writeBlockReason(null, null)).toBe('No account is selected.')
    expect(writeBlockReason({ ...account, status: 'needs-password' }, null)).toMatch(/password is needed/)
    expect(writeBlockReason({ ...account, status: 'error', statusMessage: 'Wrong password' }, null)).toBe('Acme is not signed in: Wrong password')
  })
})

describe('unitOfRoute', () => {
  it('finds the unit of unit and consumer pages', () => {
    expect(unitOfRoute({ name: 'unit', bunitId: 4 })).toBe(4)
    expect(unitOfRoute({ name: 'consumer', bunitId: 4, consumerId: 9 })).toBe(4)
    expect(unitOfRoute({ name: 'unit-create', parentId: 2 })).toBe(2)
    expect(unitOfRoute({ name: 'home' })).toBeNull()
  })
})
