/**
 * The accounts file when part of it cannot be read: an invalid or duplicate entry is set aside
 * alone (kept in a side file, named in the problem) and the others load; a file written by a
 * newer version is left byte for byte as it was and the store opens read-only on it.
 */
import { mkdtemp, readFile, readdir, rm, stat, writeFile, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AccountStore } from '../../../../src/main/accounts/store'
import { DeskError } from '../../../../src/shared/errors'
import { stored } from './stored-account'

let dir: string
const file = () => path.join(dir, 'accounts.json')


const newInput = {
  displayName: 'New',
  apiUrl: 'https://portal.example.com/api',
  clientId: 'client-1',
  username: 'new@example.com',
  secretMode: 'session' as const
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'desk-accounts-recovery-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('an invalid account entry', () => {
  it('is set aside alone: the other accounts load, the side file keeps it, the problem names it', async () => {
    const bad = stored('a2', 2, { apiUrl: 'ftp://nope' })
    const content = { version: 1, accounts: [stored('a1', 1), bad, stored('a3', 3)], order: ['a3', 'a2', 'a1'], activeAccountId: 'a3' }
    await writeFile(file(), JSON.stringify(content))
    const store = await AccountStore.open(dir, { now: () => new Date('2026-02-03T04:05:06.000Z') })

    expect(store.list().map((a) => a.id)).toEqual(['a3', 'a1'])
    expect(store.activeId).toBe('a3')
    expect(store.readOnly).toBeNull()
    expect(store.problems).toHaveLength(1)
    const problem = store.problems[0]!
    expect(problem.kind).toBe('invalid-entries')
    expect(problem.movedTo).toBe(`${file()}.set-aside-2026-02-03T04-05-06-000Z.json`)
    expect(problem.message).toContain('One account entry')
    expect(problem.message).toContain('accounts.1.apiUrl')
    expect(problem.message).not.toMatch(/corrupt/i)
    // The value that failed is not echoed into the message.
    expect(problem.message).not.toContain('ftp://nope')

    const side = JSON.parse(await readFile(problem.movedTo!, 'utf8')) as { entries: { index: number; entry: unknown }[] }
    expect(side.entries).toEqual([expect.objectContaining({ index: 1, entry: bad })])
    // accounts.json now holds the good entries, so the next start is clean.
    const reopened = await AccountStore.open(dir)
    expect(reopened.list().map((a) => a.id)).toEqual(['a3', 'a1'])
    expect(reopened.problems).toEqual([])
    if (process.platform !== 'win32') expect((await stat(problem.movedTo!)).mode & 0o777).toBe(0o600)
  })

  it('sets a duplicate id aside and keeps the first entry with that id', async () => {
    const content = { version: 1, accounts: [stored('a1', 1), stored('a1', 2)], order: [], activeAccountId: null }
    await writeFile(file(), JSON.stringify(content))
    const store = await AccountStore.open(dir)
    expect(store.list().map((a) => a.displayName)).toEqual(['Stored 1'])
    expect(store.problems[0]).toMatchObject({ kind: 'invalid-entries', message: expect.stringMatching(/Duplicate account id/) })
  })

  it('counts several bad entries and still saves changes afterwards', async () => {
    const content = { version: 1, accounts: [{ id: 'x' }, stored('a1', 1), 42], order: [], activeAccountId: null }
    await writeFile(file(), JSON.stringify(content))
    const store = await AccountStore.open(dir)
    expect(store.problems[0]!.message).toMatch(/^2 account entries/)
    await store.add(newInput)
    expect((await AccountStore.open(dir)).list()).toHaveLength(2)
  })

  // Needs a folder the process cannot write to: root ignores folder modes, so it skips there.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('opens read-only, touching nothing, when the side file cannot be written', async () => {
    const content = JSON.stringify({ version: 1, accounts: [stored('a1', 1), { id: 'bad' }], order: [], activeAccountId: null })
    await writeFile(file(), content)
    await chmod(dir, 0o500)
    try {
      const store = await AccountStore.open(dir)
      expect(store.list().map((a) => a.id)).toEqual(['a1'])
      expect(store.readOnly).not.toBeNull()
      expect(store.problems[0]!.kind).toBe('unreadable')
    } finally {
      await chmod(dir, 0o700)
    }
    expect(await readFile(file(), 'utf8')).toBe(content)
  })
})

describe('a file from a newer Cloutility Desk', () => {
  it('is left untouched; the readable accounts show, read-only, and the message says why', async () => {
    const content = JSON.stringify({ version: 2, accounts: [stored('a1', 1, { newField: 'x' })], order: ['a1'], activeAccountId: 'a1', somethingNew: true })
    await writeFile(file(), content)
    const store = await AccountStore.open(dir)

    expect(store.list().map((a) => a.id)).toEqual(['a1'])
    expect(store.readOnly).toMatch(/newer Cloutility Desk/)
    expect(store.problems).toHaveLength(1)
    expect(store.problems[0]).toMatchObject({ kind: 'newer-version', path: file() })
    expect(store.problems[0]!.movedTo).toBeUndefined()
    expect(store.problems[0]!.message).toMatch(/written by a newer Cloutility Desk \(file format 2; this version reads 1\)/)
    expect(store.problems[0]!.message).not.toMatch(/corrupt/i)

    const refused = await store.add(newInput).then(
      () => null,
      (e: unknown) => e
    )
    expect(refused).toBeInstanceOf(DeskError)
    expect((refused as DeskError).message).toMatch(/newer Cloutility Desk/)
    await expect(store.setActive(null)).rejects.toBeInstanceOf(DeskError)

    expect(await readFile(file(), 'utf8')).toBe(content)
    expect(await readdir(dir)).toEqual(['accounts.json'])
  })
})
