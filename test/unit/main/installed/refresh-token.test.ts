/**
 * The refresh token of a new account reaches the keychain when the account is added, not at the
 * next restart: a crash right after adding still signs in without the password.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { DeskError } from '../../../../src/shared/errors'
import type { AccountsState } from '../../../../src/shared/ipc/models'
import { RecordingKeychain } from '../../../helpers/recording-keychain'

process.env.DESK_QUIET = '1'

let sim: RunningSimulator
let dataDir: string
let core: AppCore | null = null
const keychain = new RecordingKeychain()

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 3, bunits: 3, consumers: 6 })
  dataDir = mkdtempSync(join(tmpdir(), 'desk-refresh-'))
})
afterEach(async () => {
  await core?.close()
  await sim.close()
})

async function unwrap<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const envelope = await promise
  if (!envelope.ok) throw DeskError.fromShape(envelope.error as never)
  return envelope.value as T
}

it('stores the refresh token as the account is added, and a restart signs in with it alone', async () => {
  core = await createAppCore({ dataDir, host: 'browser', version: 'test', vault: keychain.vaultOptions() })
  const added = await unwrap<{ id: string }>(
    dispatch(core.handlers, 'addAccount', {
      apiUrl: sim.apiUrl,
      clientId: sim.defaults.clientId,
      origin: sim.defaults.origin,
      username: sim.defaults.username,
      password: sim.defaults.password,
      displayName: 'Acme',
      secretMode: 'keychain'
    })
  )
  // Right when addAccount answers: no restart, no later token renewal needed.
  const stored = await keychain.get(added.id, 'refreshToken')
  expect(stored).toMatch(/^[0-9a-f]{48}$/)
  expect(keychain.writes.filter((w) => w.accountId === added.id).map((w) => w.kind)).toEqual(['password', 'refreshToken'])

  // Simulate "crash, then the password is gone": only the refresh token can sign in.
  await core.close()
  await keychain.delete(added.id, 'password')
  core = await createAppCore({ dataDir, host: 'browser', version: 'test', vault: keychain.vaultOptions() })
  const settled = await new Promise<AccountsState>((resolve) => {
    const check = (state: AccountsState) => !['signing-in', 'signed-out'].includes(state.accounts[0]?.status ?? 'signed-out') && resolve(state)
    core!.events.onAny((name, payload) => name === 'accountsChanged' && check(payload as AccountsState))
    void unwrap<AccountsState>(dispatch(core!.handlers, 'listAccounts', undefined)).then(check)
  })
  expect(settled.accounts[0]).toMatchObject({ id: added.id, status: 'signed-in' })
})

it('a new password drops the kept refresh token, so a wrong new password is found out at once', async () => {
  core = await createAppCore({ dataDir, host: 'browser', version: 'test', vault: keychain.vaultOptions() })
  const added = await unwrap<{ id: string }>(
    dispatch(core.handlers, 'addAccount', {
      apiUrl: sim.apiUrl,
      clientId: sim.defaults.clientId,
      origin: sim.defaults.origin,
      username: sim.defaults.username,
      password: sim.defaults.password,
      displayName: 'Acme',
      secretMode: 'keychain'
    })
  )
  expect(await keychain.get(added.id, 'refreshToken')).not.toBeNull()
  const updated = await unwrap<{ status: string }>(dispatch(core.handlers, 'updateAccount', { accountId: added.id, patch: {}, password: 'not-the-password' }))
  expect(updated.status).toBe('error')
  expect(await keychain.get(added.id, 'refreshToken')).toBeNull()
})
