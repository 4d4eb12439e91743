/**
 * Exact errors, messages, file names and no-op behaviour of the account store, its recovery and the
 * atomic file helpers (mutation testing, issue 13). Real files in a temp folder.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile, chmod } from 'node:fs/promises'
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AccountStore } from '../../../../src/main/accounts/store'
import type { SecretMode } from '../../../../src/main/accounts/schema'
import { isTempFileOf, removeStaleTempFiles, tempPathFor } from '../../../../src/main/accounts/atomic-file'
import { deskRejection } from '../../../helpers/desk-rejection'
import { stored } from './stored-account'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cd-accounts-exact-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const file = () => path.join(dir, 'accounts.json')
const AT = new Date('2025-03-04T05:06:07.089Z')
const STAMP = '2025-03-04T05-06-07-089Z'
const input = (n: number, extra: Record<string, unknown> = {}) => ({
  displayName: `Customer ${n}`,
  apiUrl: 'https://portal.example.com/api',
  clientId: 'client-1',
  username: `tech${n}@example.com`,
  ...extra
})
const writeAccounts = (content: Record<string, unknown>) => writeFile(file(), JSON.stringify({ version: 1, ...content }))

describe('opening', () => {
  it('refuses a missing data directory', async () => {
    for (const bad of ['', 5]) {
      const err = await deskRejection(AccountStore.open(bad as string))
      expect([err.kind, err.message]).toEqual(['invalid-input', 'The data directory for accounts is not set'])
    }
  })

  it.skipIf(process.platform === 'win32')('makes an existing folder and file owner-only', async () => {
    await writeAccounts({ accounts: [] })
    await chmod(file(), 0o644)
    await chmod(dir, 0o755)
    await AccountStore.open(dir)
    expect((await stat(file())).mode & 0o777).toBe(0o600)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
  })

  it('names an unreadable file with its error code', async () => {
    await mkdir(file())
    const store = await AccountStore.open(dir, { now: () => AT })
    const target = `${file()}.corrupt-${STAMP}`
    expect(store.problems[0]!.message).toBe(
      `Account settings file could not be read (EISDIR). It was moved to ${target} and the account list starts empty.`
    )
  })

  it('names where (three issues at most) a file that has only valid entries breaks the format', async () => {
    await writeAccounts({ accounts: [stored('a1', 1)], order: [5, 'a1', 6, 8], activeAccountId: 7 })
    const store = await AccountStore.open(dir, { now: () => AT })
    expect(store.list()).toEqual([])
    expect(store.problems[0]).toMatchObject({ kind: 'invalid', movedTo: `${file()}.corrupt-${STAMP}` })
    expect(store.problems[0]!.message).toBe(
      'Account settings file does not match the expected format (order.0: Invalid input: expected string, received number; ' +
        'order.2: Invalid input: expected string, received number; ' +
        `order.3: Invalid input: expected string, received number). It was moved to ${file()}.corrupt-${STAMP} and the account list starts empty.`
    )
  })

  it('numbers a moved-aside file past every earlier one', async () => {
    await writeFile(`${file()}.corrupt-${STAMP}`, 'first')
    await writeFile(`${file()}.corrupt-${STAMP}-1`, 'second')
    await writeFile(file(), '{')
    const store = await AccountStore.open(dir, { now: () => AT })
    expect(store.problems[0]!.movedTo).toBe(`${file()}.corrupt-${STAMP}-2`)
  })

  it('opens read-only when the file vanishes before it can be moved aside', async () => {
    await writeFile(file(), '{')
    // The clock is read just before the rename: take the file away there.
    const store = await AccountStore.open(dir, { now: () => (rmSync(file(), { force: true }), AT) })
    const reason = 'Account settings file is not valid JSON, and it could not be moved aside (ENOENT)'
    expect(store.readOnly).toBe(reason)
    expect(store.problems).toEqual([
      { kind: 'unreadable', message: `${reason}. Changes will not be saved until the file is fixed or removed.`, path: file(), at: AT.toISOString() }
    ])
    const err = await deskRejection(store.add(input(1)))
    expect([err.kind, err.message, err.details]).toEqual(['storage', `Account settings cannot be saved: ${reason}`, { path: file() }])
  })
})

describe('setting bad entries aside', () => {
  it('keeps three reasons per entry and three overall, with exact paths and wording', async () => {
    const nested = stored('a3', 3, { network: { proxy: { mode: 'bogus' } } })
    await writeAccounts({ accounts: [stored('a1', 1), { id: 'x' }, 42, nested], order: ['a1', 5] })
    const store = await AccountStore.open(dir, { now: () => AT })
    expect(store.order).toEqual(['a1'])
    const side = `${file()}.set-aside-${STAMP}.json`
    const content = JSON.parse(await readFile(side, 'utf8'))
    expect(content.note).toBe('Account entries Cloutility Desk could not read. The other accounts were kept in accounts.json.')
    expect(content.entries.map((e: { reasons: string[] }) => e.reasons)).toEqual([
      ['accounts.1.displayName: Display name is required', 'accounts.1.apiUrl: API URL is required', 'accounts.1.clientId: Client ID is required'],
      ['accounts.2.(entry): Invalid input: expected object, received number'],
      ['accounts.3.network.proxy.mode: Invalid option: expected one of "system"|"none"|"manual"']
    ])
    expect(store.problems[0]!.message).toBe(
      '3 account entries in the account settings could not be read (accounts.1.displayName: Display name is required; ' +
        'accounts.1.apiUrl: API URL is required; accounts.1.clientId: Client ID is required) and were set aside. The other accounts loaded.'
    )
  })

  it('says "was" for one entry and numbers the side file past earlier ones', async () => {
    await writeFile(`${file()}.set-aside-${STAMP}.json`, 'first')
    await writeFile(`${file()}.set-aside-${STAMP}-1.json`, 'second')
    await writeAccounts({ accounts: [stored('a1', 1), { ...stored('a2', 2), color: 'red' }] })
    const store = await AccountStore.open(dir, { now: () => AT })
    expect(store.problems[0]).toMatchObject({ movedTo: `${file()}.set-aside-${STAMP}-2.json` })
    expect(store.problems[0]!.message).toBe(
      'One account entry in the account settings could not be read (accounts.1.color: Colour must be a hex colour such as #1a73e8) and was set aside. The other accounts loaded.'
    )
    expect(await readFile(`${file()}.set-aside-${STAMP}-1.json`, 'utf8')).toBe('second')
  })

  it('opens read-only when the cleaned file cannot be written', async () => {
    await writeAccounts({ accounts: [stored('a1', 1), { id: 'x' }] })
    // Read just before the side file is written: put a folder where accounts.json is.
    const blocked = () => (rmSync(file(), { force: true }), mkdirSync(path.join(file(), 'blocker'), { recursive: true }), AT)
    const store = await AccountStore.open(dir, { now: blocked })
    expect(store.list().map((a) => a.id)).toEqual(['a1'])
    expect(store.readOnly).toBe('one account entry could not be read and could not be set aside (EISDIR)')
    expect(store.problems[0]).toMatchObject({ kind: 'unreadable' })
    expect(store.problems[0]!.message).toBe(
      'One account entry in the account settings could not be read (accounts.1.displayName: Display name is required; ' +
        'accounts.1.apiUrl: API URL is required; accounts.1.clientId: Client ID is required) and could not be set aside. ' +
        'Changes will not be saved until the file is fixed.'
    )
  })
})

describe('writing', () => {
  it('hands out the default colours in turn', async () => {
    const store = await AccountStore.open(dir)
    expect((await store.add(input(1))).color).toBe('#1a73e8')
    expect((await store.add(input(2))).color).toBe('#188038')
    expect((await store.add(input(3))).color).toBe('#e37400')
  })

  it('flush waits for queued writes', async () => {
    const store = await AccountStore.open(dir)
    const pending = store.add(input(1))
    await store.flush()
    expect(store.list()).toHaveLength(1)
    await pending
  })

  it('asks about the secret mode only when it changes; an undefined field changes nothing', async () => {
    const asked: SecretMode[] = []
    const store = await AccountStore.open(dir, { assertSecretMode: (m) => void asked.push(m) })
    const a = await store.add(input(1))
    const b = await store.update(a.id, { secretMode: 'keychain', displayName: undefined, label: 'X' })
    expect(asked).toEqual(['keychain'])
    expect(b).toEqual({ ...a, label: 'X' })
    await store.update(a.id, { secretMode: 'session' })
    expect(asked).toEqual(['keychain', 'session'])
  })

  it('exact not-found, conflict and order errors', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const missing = await deskRejection(store.remove('ghost'))
    expect([missing.kind, missing.message, missing.details]).toEqual(['not-found', 'No such account', { accountId: 'ghost' }])
    const clash = await deskRejection(store.add(input(1, { displayName: 'Again' })))
    expect([clash.kind, clash.message, clash.details]).toEqual([
      'conflict',
      'An account for tech1@example.com with this client ID on https://portal.example.com/api already exists ("Customer 1")',
      { existingAccountId: a.id, fields: { username: 'This user is already set up for this portal and client ID' } }
    ])
    for (const ids of ['nope', [a.id, 5]]) {
      const e = await deskRejection(store.reorder(ids as string[]))
      expect([e.kind, e.message, e.details]).toEqual([
        'invalid-input',
        'Account order must be a list of account ids',
        { fields: { order: 'Expected a list of ids' } }
      ])
    }
    const dup = await deskRejection(store.reorder([a.id, a.id]))
    expect([dup.kind, dup.message, dup.details]).toEqual(['invalid-input', 'Account order lists an account more than once', { fields: { order: 'Duplicate id' } }])
  })

  it('removing another account keeps the active one; no-op reorder and setActive write nothing', async () => {
    const store = await AccountStore.open(dir)
    const a = await store.add(input(1))
    const b = await store.add(input(2))
    const c = await store.add(input(3))
    await store.setActive(c.id)
    const events: unknown[] = []
    store.onChange((s) => events.push(s))
    const before = await readFile(file(), 'utf8')
    await store.reorder([a.id, b.id])
    await store.setActive(c.id)
    expect(events).toEqual([])
    expect(await readFile(file(), 'utf8')).toBe(before)
    await store.remove(a.id)
    expect(store.activeId).toBe(c.id)
  })

  it('a failed write names the file and the error code', async () => {
    const store = await AccountStore.open(dir)
    await store.add(input(1))
    await rm(file())
    await mkdir(path.join(file(), 'blocker'), { recursive: true })
    const err = await deskRejection(store.add(input(2)))
    const code = err.details?.code
    expect(code).toMatch(/^E[A-Z]+$/)
    expect([err.kind, err.message, err.details]).toEqual(['storage', `Could not save account settings to ${file()} (${code})`, { path: file(), code }])
  })
})

describe('temp files', () => {
  const target = '/data/accounts.json'

  it('are named <file>.<pid>-<12 hex>.tmp and recognised by that shape only', () => {
    const tmp = tempPathFor(target)
    expect(tmp).toMatch(new RegExp(`^/data/accounts\\.json\\.${process.pid}-[0-9a-f]{12}\\.tmp$`))
    expect(isTempFileOf(target, path.basename(tmp))).toBe(true)
    expect(isTempFileOf(target, 'accounts.jsonX1-0123456789ab.tmp')).toBe(false)
    expect(isTempFileOf(target, 'accounts.json.x1-0123456789ab.tmp')).toBe(false)
    expect(isTempFileOf(target, 'accounts.json.1-0123456789ab.tmp.bak')).toBe(false)
  })

  it('removal returns exactly what it removed', async () => {
    expect(await removeStaleTempFiles(path.join(dir, 'missing', 'accounts.json'))).toEqual([])
    expect(await removeStaleTempFiles(file())).toEqual([])
    await writeFile(path.join(dir, 'accounts.json.1-0123456789ab.tmp'), '{')
    expect(await removeStaleTempFiles(file())).toEqual(['accounts.json.1-0123456789ab.tmp'])
    expect(await readdir(dir)).toEqual([])
  })
})
