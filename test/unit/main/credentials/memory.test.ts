import { describe, expect, it } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import { MemorySecretStore } from '../../../../src/main/credentials/memory'
import { MAX_SECRET_LENGTH } from '../../../../src/main/credentials/types'

describe('MemorySecretStore', () => {
  it('reports the memory backend and starts empty', async () => {
    const store = new MemorySecretStore()
    expect(store.backend).toBe('memory')
    expect(await store.get('a1', 'password')).toBeNull()
    expect(store.size).toBe(0)
  })

  it('sets, overwrites, gets and deletes per account and kind', async () => {
    const store = new MemorySecretStore()
    await store.set('a1', 'password', 'pw-1')
    await store.set('a1', 'refreshToken', 'rt-1')
    await store.set('a2', 'password', 'pw-2')
    await store.set('a1', 'password', 'pw-1b')
    expect(await store.get('a1', 'password')).toBe('pw-1b')
    expect(await store.get('a1', 'refreshToken')).toBe('rt-1')
    expect(await store.get('a2', 'password')).toBe('pw-2')
    expect(await store.get('a2', 'refreshToken')).toBeNull()

    await store.delete('a1', 'password')
    expect(await store.get('a1', 'password')).toBeNull()
    expect(await store.get('a1', 'refreshToken')).toBe('rt-1')
    await store.delete('a1', 'password') // deleting twice is fine
  })

  it('deleteAll removes every kind for one account only', async () => {
    const store = new MemorySecretStore()
    await store.set('a1', 'password', 'pw-1')
    await store.set('a1', 'refreshToken', 'rt-1')
    await store.set('a2', 'password', 'pw-2')
    await store.deleteAll('a1')
    expect(await store.get('a1', 'password')).toBeNull()
    expect(await store.get('a1', 'refreshToken')).toBeNull()
    expect(await store.get('a2', 'password')).toBe('pw-2')
    expect(store.size).toBe(1)
    store.clear()
    expect(await store.get('a2', 'password')).toBeNull()
  })

  it('rejects bad arguments with invalid-input, never echoing the value', async () => {
    const store = new MemorySecretStore()
    const bad: [string, () => Promise<unknown>][] = [
      ['empty id', () => store.get('', 'password')],
      ['id with colon', () => store.set('a:b', 'password', 'x')],
      ['unknown kind', () => store.get('a1', 'token' as never)],
      ['empty value', () => store.set('a1', 'password', '')],
      ['non-string value', () => store.set('a1', 'password', 42 as never)],
      ['too long', () => store.set('a1', 'password', 's3cr3t'.repeat(MAX_SECRET_LENGTH))]
    ]
    for (const [name, call] of bad) {
      const err = await call().then(
        () => null,
        (e: unknown) => e
      )
      expect(err, name).toBeInstanceOf(DeskError)
      expect((err as DeskError).kind, name).toBe('invalid-input')
      expect(JSON.stringify((err as DeskError).toShape()), name).not.toContain('s3cr3t')
    }
    expect(store.size).toBe(0)
  })
})
