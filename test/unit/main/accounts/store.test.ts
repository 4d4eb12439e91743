import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import { AccountStore, type AccountsSnapshot, type StoreProblem } from '../../../../src/main/accounts/store'
import type { AccountCreateInput } from '../../../../src/main/accounts/schema'
import { deskRejection } from '../../../helpers/desk-rejection'
import { stored } from './stored-account'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cd-accounts-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const file = () => path.join(dir, 'accounts.json')
const readJson = async (): Promise<Record<string, unknown>> => JSON.parse(await readFile(file(), 'utf8'))

function input(n: number | string, extra: Partial<AccountCreateInput> = {}): AccountCreateInput {
  return {
    displayName: `Customer ${n}`,
    apiUrl: 'https://portal.example.com/api/',
    clientId: 'client-1',
    username: `tech${n}@example.com`,
    ...extra
  }
}



describe('AccountStore basics', () => {
  it('starts empty when there is no file (or no directory) and writes nothing until a change', async () => {
    const sub = path.join(dir, 'not', 'yet')
    const store = await AccountStore.open(sub)
    expect(store.list()).toEqual([])
    expect(store.activeId).toBeNull()
    expect(store.problems).toEqual([])
    expect(await readdir(dir)).toEqual([])
    await store.add(input(1))
    expect((await readdir(sub)).filter((n) => n.startsWith('accounts.json'))).toEqual(['accounts.json'])
  })

  it('adds an account with defaults and persists it (no secrets in the file)', async () => {
    const store = await AccountStore.open(dir, { now: () => new Date('2025-06-01T10:00:00Z') })
    const a = await store.add(input(1, { label: 'PROD', secretMode: 'session' }))
    expect(a).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      displayName: 'Customer 1',
      apiUrl: 'https://portal.example.com/api',
      clientId: 'client-1',
      origin: 'https://portal.example.com',
      username: 'tech1@example.com',
      color: '#1a73e8',
      label: 'PROD',
      secretMode: 'session',
      kind: 'portal',
      createdAt: '2025-06-01T10:00:00.000Z',
      network: { proxy: { mode: 'system' }, allowInsecureHttp: false }
    })
    const json = await readJson()
    expect(json).toEqual({ version: 1, accounts: [a], order: [a.id], activeAccountId: null })
    expect(JSON.stringify(json)).not.toMatch(/password|token|secret"/i)
    if (process.platform !== 'win32') expect((await stat(file())).mode & 0o777).toBe(0o600)

    const reopened = await AccountStore.open(dir)
    expect(reopened.list()).toEqual([a])
    expect(reopened.problems).toEqual([])
  })

  it('get/require/list return copies', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const copy = store.get(a.id)!
    copy.displayName = 'mutated'
    store.list()[0]!.label = 'X'
    expect(store.get(a.id)).toEqual(a)
    expect(store.get('nope')).toBeUndefined()
    expect((await deskRejection(Promise.resolve().then(() => store.require('nope')))).kind).toBe('not-found')
  })

  it('refuses a duplicate (apiUrl, clientId, username), case-insensitively, as a conflict', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const err = await deskRejection(
      store.add(input(1, { displayName: 'Other', apiUrl: 'https://PORTAL.example.com:443/api', username: 'TECH1@example.com' }))
    )
    expect(err.kind).toBe('conflict')
    expect(err.details).toMatchObject({ existingAccountId: a.id, fields: { username: expect.any(String) } })
    // Same user on another client id or portal is fine.
    await store.add(input(1, { clientId: 'client-2' }))
    await store.add(input(1, { apiUrl: 'https://other.example.com/api' }))
    expect(store.list()).toHaveLength(3)
  })

  it('rejects invalid input with per-field details and writes nothing', async () => {
    const store = await AccountStore.open(dir)
    const err = await deskRejection(store.add({ ...input(1), apiUrl: 'ftp://x' }))
    expect(err.kind).toBe('invalid-input')
    expect(err.details?.fields).toEqual({ apiUrl: 'API URL must start with http:// or https://' })
    expect(await readdir(dir)).toEqual([])
  })

  it('updates fields, keeps id/createdAt, and refuses duplicates or unknown ids', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const b = await store.add(input(2))
    const updated = await store.update(a.id, { displayName: ' Renamed ', color: '#FF0000', origin: 'https://desk.example.com/' })
    expect(updated).toEqual({ ...a, displayName: 'Renamed', color: '#ff0000', origin: 'https://desk.example.com' })
    expect((await readJson()).accounts).toEqual([updated, b])

    expect((await deskRejection(store.update(b.id, { username: 'TECH1@example.com' }))).kind).toBe('conflict')
    expect((await deskRejection(store.update('missing', { label: 'X' }))).kind).toBe('not-found')
    expect((await deskRejection(store.update(a.id, { createdAt: 'x' } as never))).kind).toBe('invalid-input')
    expect((await deskRejection(store.update('../etc', { label: 'X' }))).kind).toBe('invalid-input')
    expect(store.get(b.id)).toEqual(b)
  })

  it('an update that changes nothing does not write or notify', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const before = await stat(file())
    let events = 0
    store.onChange(() => events++)
    await store.update(a.id, { displayName: 'Customer 1', apiUrl: 'https://portal.example.com/api/' })
    expect(events).toBe(0)
    expect((await stat(file())).mtimeMs).toBe(before.mtimeMs)
  })

  it('removes accounts; removing the active one activates the first remaining', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const b = await store.add(input(2))
    const c = await store.add(input(3))
    await store.setActive(b.id)
    await store.remove(b.id)
    expect(store.order).toEqual([a.id, c.id])
    expect(store.activeId).toBe(a.id)
    await store.remove(c.id)
    expect(store.activeId).toBe(a.id)
    await store.remove(a.id)
    expect(store.activeId).toBeNull()
    expect((await deskRejection(store.remove(a.id))).kind).toBe('not-found')
    expect(await readJson()).toEqual({ version: 1, accounts: [], order: [], activeAccountId: null })
  })

  it('sets and clears the active account, persisting it', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    await store.setActive(a.id)
    expect((await AccountStore.open(dir)).activeId).toBe(a.id)
    expect((await deskRejection(store.setActive('unknown-id'))).kind).toBe('not-found')
    await store.setActive(null)
    expect((await AccountStore.open(dir)).activeId).toBeNull()
  })

  it('reorders; unlisted accounts keep their relative order at the end; unknown ids are ignored', async () => {
    const store = await AccountStore.open(dir)
    const [a, b, c, d] = [await store.add(input(1)), await store.add(input(2)), await store.add(input(3)), await store.add(input(4))]
    await store.reorder([c!.id, a!.id])
    expect(store.order).toEqual([c!.id, a!.id, b!.id, d!.id])
    await store.reorder(['gone', d!.id])
    expect(store.order).toEqual([d!.id, c!.id, a!.id, b!.id])
    expect((await readJson()).order).toEqual(store.order)
    expect((await AccountStore.open(dir)).list().map((x) => x.id)).toEqual(store.order)

    const dup = await deskRejection(store.reorder([a!.id, a!.id]))
    expect(dup.kind).toBe('invalid-input')
    expect((await deskRejection(store.reorder('x' as never))).kind).toBe('invalid-input')
  })

  it('notifies listeners after commit; unsubscribe works; a throwing listener is contained', async () => {
    const store = await AccountStore.open(dir)
    const seen: AccountsSnapshot[] = []
    store.onChange(() => {
      throw new Error('listener bug')
    })
    const off = store.onChange((s) => seen.push(s))
    const a = await store.add(input(1))
    await store.setActive(a.id)
    off()
    await store.update(a.id, { label: 'X' })
    expect(seen).toEqual([
      { accounts: [a], activeAccountId: null },
      { accounts: [a], activeAccountId: a.id }
    ])
    expect(store.get(a.id)?.label).toBe('X')
  })
})

describe('AccountStore concurrency', () => {
  it('parallel adds, updates, reorders and activation never lose each other’s changes', async () => {
    const store = await AccountStore.open(dir)
    const first = await store.add(input(0))
    const second = await store.add(input('second'))
    const adds = Array.from({ length: 30 }, (_, i) => store.add(input(i + 1)))
    const others = [
      store.update(first.id, { label: 'FIRST' }),
      store.reorder([second.id, first.id]),
      store.setActive(first.id),
      store.update(first.id, { color: '#000000' })
    ]
    const added = await Promise.all(adds)
    await Promise.all(others)

    const expectIds = [second.id, first.id, ...added.map((a) => a.id)]
    expect(store.order).toEqual(expectIds)
    const reopened = await AccountStore.open(dir)
    expect(reopened.order).toEqual(expectIds)
    expect(reopened.get(first.id)).toMatchObject({ label: 'FIRST', color: '#000000' })
    expect(reopened.activeId).toBe(first.id)
    expect(reopened.problems).toEqual([])
    expect((await readdir(dir)).sort()).toEqual(['accounts.json'])
  })

  it('a reorder computed before a concurrent add keeps the new account', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const b = await store.add(input(2))
    const snapshotOrder = [b.id, a.id]
    const [c] = await Promise.all([store.add(input(3)), store.reorder(snapshotOrder)])
    expect(store.order).toEqual([b.id, a.id, c.id])
  })

  it('concurrent duplicate adds: exactly one wins', async () => {
    const store = await AccountStore.open(dir)
    const results = await Promise.allSettled([store.add(input(1)), store.add(input(1)), store.add(input(1))])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(rejected.map((r) => (r.reason as DeskError).kind)).toEqual(['conflict', 'conflict'])
  })
})

describe('AccountStore file failures', () => {
  async function expectMovedAside(content: string, kind: StoreProblem['kind'], message: RegExp) {
    await writeFile(file(), content)
    const reported: StoreProblem[] = []
    const store = await AccountStore.open(dir, { onProblem: (p) => reported.push(p) })
    expect(store.list()).toEqual([])
    expect(store.problems).toHaveLength(1)
    const problem = store.problems[0]!
    expect(problem).toMatchObject({ kind, path: file(), movedTo: expect.stringMatching(/accounts\.json\.corrupt-\d{4}-\d\d-\d\dT/) })
    expect(problem.message).toMatch(message)
    expect(reported).toEqual(store.problems)
    expect(await readFile(problem.movedTo!, 'utf8')).toBe(content) // never lost
    // The store works normally afterwards.
    await store.add(input(1))
    expect((await AccountStore.open(dir)).list()).toHaveLength(1)
    return store
  }

  it('moves bad JSON aside', async () => {
    await expectMovedAside('{"version": 1, "accounts": [', 'corrupt', /not valid JSON/)
  })

  it('moves a file whose account list is not a list aside, naming where', async () => {
    const bad = { version: 1, accounts: { a1: stored('a1', 1) }, order: ['a1'], activeAccountId: null }
    await expectMovedAside(JSON.stringify(bad), 'invalid', /accounts/)
  })

  // Invalid single entries, duplicate ids and newer files: test/unit/main/accounts/recovery.test.ts.

  it('moves a file without a version aside', async () => {
    await expectMovedAside(JSON.stringify({ accounts: [] }), 'invalid', /version/)
  })

  it('moves an unreadable path (a directory) aside', async () => {
    await mkdir(file())
    const store = await AccountStore.open(dir)
    expect(store.problems[0]).toMatchObject({ kind: 'unreadable', movedTo: expect.any(String) })
    expect(store.readOnly).toBeNull()
    await store.add(input(1))
  })

  it('never overwrites an earlier set-aside file', async () => {
    const now = () => new Date('2025-01-01T00:00:00Z')
    await writeFile(file(), 'one')
    await AccountStore.open(dir, { now })
    await writeFile(file(), 'two')
    const second = await AccountStore.open(dir, { now })
    const names = (await readdir(dir)).sort()
    expect(names).toEqual(['accounts.json.corrupt-2025-01-01T00-00-00-000Z', 'accounts.json.corrupt-2025-01-01T00-00-00-000Z-1'])
    expect(await readFile(second.problems[0]!.movedTo!, 'utf8')).toBe('two')
  })

  it('repairs order and a dangling active id instead of discarding accounts', async () => {
    await writeFile(
      file(),
      JSON.stringify({ version: 1, accounts: [stored('a1', 1), stored('a2', 2), stored('a3', 3)], order: ['a3', 'ghost', 'a1'], activeAccountId: 'ghost' })
    )
    const store = await AccountStore.open(dir)
    expect(store.order).toEqual(['a3', 'a1', 'a2'])
    expect(store.activeId).toBeNull()
    expect(store.problems).toEqual([])
  })

  it('a failed write rejects with a storage error and leaves memory and the file unchanged', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const before = await readFile(file(), 'utf8')
    // Make the final rename fail: the target becomes a non-empty directory.
    await rm(file())
    await mkdir(path.join(file(), 'blocker'), { recursive: true })
    const err = await deskRejection(store.add(input(2)))
    expect(err.kind).toBe('storage')
    expect(err.details).toMatchObject({ path: file() })
    expect(store.list()).toEqual([a])
    expect((await readdir(dir)).sort()).toEqual(['accounts.json']) // temp file cleaned up
    // The queue is not stuck: once the obstacle is gone, writes work again.
    await rm(file(), { recursive: true })
    await writeFile(file(), before)
    const b = await store.add(input(3))
    expect((await AccountStore.open(dir)).list()).toEqual([a, b])
  })

  it('a data dir that cannot be created gives a storage error', async () => {
    await writeFile(path.join(dir, 'a-file'), 'x')
    const store = await AccountStore.open(path.join(dir, 'a-file', 'sub'))
    expect((await deskRejection(store.add(input(1)))).kind).toBe('storage')
    expect(store.list()).toEqual([])
  })

  it('removes temp files left by a crashed process, but not its own', async () => {
    const stale = path.join(dir, 'accounts.json.99999999-0123456789ab.tmp')
    const own = path.join(dir, `accounts.json.${process.pid}-0123456789ab.tmp`)
    const unrelated = path.join(dir, 'accounts.json.bak')
    await Promise.all([writeFile(stale, '{'), writeFile(own, '{'), writeFile(unrelated, 'keep')])
    await AccountStore.open(dir)
    expect((await readdir(dir)).sort()).toEqual([path.basename(unrelated), path.basename(own)].sort())
  })
})
