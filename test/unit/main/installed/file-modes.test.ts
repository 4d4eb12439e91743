/**
 * Data at rest is owner-only on POSIX: folders 0700 and files 0600, also when the folders existed
 * before with the umask's 0755 and the files with 0644 (an earlier version, a restored backup).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensurePrivateDir, tightenTree } from '../../../../src/main/fs/private-files'
import { openEstateCache } from '../../../../src/main/cache'
import { AccountStore } from '../../../../src/main/accounts/store'
import { writeFileAtomic } from '../../../../src/main/export'
import { createAppCore } from '../../../../src/main/core/app-core'

process.env.DESK_QUIET = '1'
const mode = (p: string) => statSync(p).mode & 0o777

describe.skipIf(process.platform === 'win32')('owner-only data on POSIX', () => {
  it('tightens a pre-existing 0755 folder tree with 0644 files, without following symlinks', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-modes-'))
    const data = join(root, 'data')
    mkdirSync(join(data, 'cache', 'nested'), { recursive: true, mode: 0o755 })
    for (const d of [data, join(data, 'cache'), join(data, 'cache', 'nested')]) chmodSync(d, 0o755)
    writeFileSync(join(data, 'cache', 'a.sqlite'), 'x', { mode: 0o644 })
    writeFileSync(join(data, 'cache', 'nested', 'b'), 'x', { mode: 0o644 })
    const outside = join(root, 'someone-elses.txt')
    writeFileSync(outside, 'x', { mode: 0o644 })
    symlinkSync(outside, join(data, 'link'))

    expect(tightenTree(data)).toBe(5)
    expect(mode(data)).toBe(0o700)
    expect(mode(join(data, 'cache'))).toBe(0o700)
    expect(mode(join(data, 'cache', 'nested'))).toBe(0o700)
    expect(mode(join(data, 'cache', 'a.sqlite'))).toBe(0o600)
    expect(mode(join(data, 'cache', 'nested', 'b'))).toBe(0o600)
    expect(mode(outside)).toBe(0o644)
    expect(tightenTree(data)).toBe(0) // idempotent
  })

  it('the cache folder and its database files are 0700/0600 even when the folder was 0755', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'desk-modes-cache-')), 'cache')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    const cache = openEstateCache(join(dir, 'acc.sqlite'))
    try {
      expect(mode(dir)).toBe(0o700)
      for (const name of readdirSync(dir)) expect(mode(join(dir, name)), name).toBe(0o600)
      expect(readdirSync(dir)).toContain('acc.sqlite')
    } finally {
      cache.close()
    }
  })

  it('accounts.json and its folder are tightened when the store opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-modes-accounts-'))
    chmodSync(dir, 0o755)
    writeFileSync(join(dir, 'accounts.json'), JSON.stringify({ version: 1, accounts: [], order: [], activeAccountId: null }), { mode: 0o644 })
    chmodSync(join(dir, 'accounts.json'), 0o644)
    await AccountStore.open(dir)
    expect(mode(dir)).toBe(0o700)
    expect(mode(join(dir, 'accounts.json'))).toBe(0o600)
  })

  it('exports written by main are 0600 in a 0700 folder it creates', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'desk-modes-export-')), 'exports', 'estate.csv')
    writeFileAtomic(file, 'a,b\r\n')
    expect(mode(file)).toBe(0o600)
    expect(mode(join(file, '..'))).toBe(0o700)
  })

  it('the app core tightens the data folder, the cache tree and its own files at start', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'desk-modes-core-')), 'userData')
    mkdirSync(join(data, 'cache'), { recursive: true })
    chmodSync(data, 0o755)
    chmodSync(join(data, 'cache'), 0o755)
    writeFileSync(join(data, 'cache', 'old.sqlite'), 'x', { mode: 0o644 })
    writeFileSync(join(data, 'accounts.json.corrupt-2020'), 'x', { mode: 0o644 })
    const core = await createAppCore({ dataDir: data, host: 'browser', version: 'test', vault: { probe: async () => ({ available: false, code: 'no-service', reason: 'test' }) } })
    try {
      expect(mode(data)).toBe(0o700)
      expect(mode(join(data, 'cache'))).toBe(0o700)
      expect(mode(join(data, 'cache', 'old.sqlite'))).toBe(0o600)
      expect(mode(join(data, 'accounts.json.corrupt-2020'))).toBe(0o600)
    } finally {
      await core.close()
    }
  })

  it('ensurePrivateDir creates missing folders owner-only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'desk-modes-new-')), 'a', 'b')
    ensurePrivateDir(dir)
    expect(existsSync(dir)).toBe(true)
    expect(mode(dir)).toBe(0o700)
  })
})
