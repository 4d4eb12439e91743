/**
 * "Copy diagnostics" after a real sign-in and sync: versions, OS, account count, cache sizes and
 * the last sync's outcome are there; the password, tokens, the account's and user's names, and
 * every unit and consumer name in the cache are not.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { formatDiagnostics } from '../../../../src/main/installed/diagnostics'
import { RecordingKeychain } from '../../../helpers/recording-keychain'

process.env.DESK_QUIET = '1'

const PASSWORD = 'Diag-Pa55word-9911'
let sim: RunningSimulator
let core: AppCore
const keychain = new RecordingKeychain()
let text = ''
let accountId = ''

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 8, bunits: 5, consumers: 15, users: [{ username: 'diag.tech@example.com', password: PASSWORD }] })
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-diag-'))
  core = await createAppCore({ dataDir, host: 'electron', version: '1.4.2', vault: keychain.vaultOptions() })
  const synced = new Promise<void>((resolve) => core.events.onAny((name, p) => name === 'estateChanged' && (p as { hasSnapshot: boolean; syncing: boolean }).hasSnapshot && !(p as { syncing: boolean }).syncing && resolve()))
  const added = await dispatch(core.handlers, 'addAccount', {
    apiUrl: sim.apiUrl,
    clientId: sim.defaults.clientId,
    origin: sim.defaults.origin,
    username: 'diag.tech@example.com',
    password: PASSWORD,
    displayName: 'Northwind Confidential',
    secretMode: 'keychain'
  })
  if (!added.ok) throw new Error(added.error.message)
  accountId = (added.value as { id: string }).id
  await synced
  text = formatDiagnostics({
    appName: 'Cloutility Desk',
    appVersion: '1.4.2',
    versions: { electron: '45.5.0', chrome: '140.0.1', node: process.versions.node, v8: process.versions.v8 },
    os: { platform: 'linux', release: '6.1.0', arch: 'x64', locale: 'sv-SE' },
    host: 'electron',
    packaged: true,
    paths: { data: dataDir, logs: join(dataDir, 'logs') },
    update: { state: 'up-to-date', currentVersion: '1.4.2', checkedAt: '2026-12-01T06:00:00.000Z' },
    core: core.diagnostics(),
    now: new Date('2026-12-01T06:10:00.000Z')
  })
})

afterAll(async () => {
  await core?.close()
  await sim?.close()
})

it('gives versions, OS, account count, cache sizes and the last sync result', () => {
  expect(text).toContain('App:        1.4.2 (installed, electron)')
  expect(text).toContain('Electron 45.5.0, Chromium 140.0.1')
  expect(text).toContain('OS:         linux 6.1.0 (x64), locale sv-SE')
  expect(text).toContain('Accounts:   1')
  expect(text).toContain('Keychain:   available')
  expect(text).toContain('Updates:    up-to-date, checked 2026-12-01T06:00:00.000Z')
  expect(text).toMatch(/Caches:\s+\d+(\.\d)? (KB|MB) in total/)
  expect(text).toMatch(/Account 1: portal, keychain, signed-in; cache \d+(\.\d)? (KB|MB); last sync ok at \S+, 5 units \/ 15 consumers \/ \d+ nodes/)
})

it('holds no secret and no name: password, tokens, account, user, units or consumers', async () => {
  const secrets = [PASSWORD, ...[...keychain.entries.values()]]
  expect(secrets.length).toBeGreaterThanOrEqual(2) // the password and the refresh token
  for (const secret of secrets) expect(text).not.toContain(secret)
  expect(text).not.toContain('Northwind')
  expect(text).not.toContain('diag.tech')
  expect(text).not.toContain(sim.apiUrl)
  const tree = await dispatch(core.handlers, 'getTree', { accountId })
  const consumers = await dispatch(core.handlers, 'listConsumers', { accountId, bunitId: (tree as { value: { root: { id: number } } }).value.root.id, includeDescendants: true })
  const names = [(tree as { value: { root: { name: string } } }).value.root.name, ...(consumers as { value: { name: string }[] }).value.map((c) => c.name)]
  expect(names.length).toBeGreaterThan(10)
  for (const name of names) expect(text).not.toContain(name)
})
