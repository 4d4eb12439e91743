/**
 * Secrets are redacted at the logger. A realistic journey runs through the core in-process (add an
 * account against the simulator, sync, create and activate a node, set a node password) with the
 * log file in a temp folder; then the file is searched for the account password, every access and
 * refresh token the portal issued, and the node passwords. Lines that deliberately try to leak
 * each secret are logged too, so the test fails if redaction is off, not only if nobody logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import type { InputOf, MethodName, OutputOf } from '../../../../src/shared/ipc/contract'
import { attachLogFile, detachLogFile, log } from '../../../../src/main/log'
import { redact, rememberSecret, REDACTED } from '../../../../src/main/logging/redact'
import { RotatingFileSink } from '../../../../src/main/logging/file-sink'
import { RecordingKeychain } from '../../../helpers/recording-keychain'
import { defaultTransportFactory } from '../../../../src/main/core/account-network'
import type { TransportFactory } from '../../../../src/main/network/types'

import { callCore } from '../../../helpers/core-calls'

process.env.DESK_QUIET = '1'

describe('redaction shapes', () => {
  it('redacts bearer tokens and password/token-like keys in JSON, forms and prose', () => {
    expect(redact('Authorization: Bearer abc.DEF-123')).not.toContain('abc.DEF-123')
    expect(redact('{"password":"hunter22","user":"u"}')).toBe(`{"password":"${REDACTED}","user":"u"}`)
    expect(redact('grant_type=password&username=u&password=s3cr%21t&refresh_token=rrrr')).toBe(
      `grant_type=password&username=u&password=${REDACTED}&refresh_token=${REDACTED}`
    )
    expect(redact('nodePassword: Zx9Zx9Zx9')).toBe(`nodePassword: ${REDACTED}`)
    expect(redact('consumer NEWSRV01 created in 12 ms')).toBe('consumer NEWSRV01 created in 12 ms')
  })

  it('redacts remembered values wherever they appear, also JSON-escaped and URL-encoded', () => {
    rememberSecret('we"ird/sec ret')
    expect(redact('got we"ird/sec ret here')).toBe(`got ${REDACTED} here`)
    expect(redact(JSON.stringify({ note: 'x we"ird/sec ret y' }))).not.toContain('ird/sec')
    expect(redact(`q=${encodeURIComponent('we"ird/sec ret')}`)).not.toContain('ird')
  })

  it('rotates the log file at its size limit and keeps the set number of old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-log-rotate-'))
    const sink = new RotatingFileSink({ dir, maxBytes: 100, keep: 2 })
    for (let i = 0; i < 20; i++) sink.write(`line ${i} ${'x'.repeat(30)}`)
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('line 19')
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(100)
    if (process.platform !== 'win32') expect(statSync(join(dir, 'main.log')).mode & 0o777).toBe(0o600)
  })

  it.skipIf(process.platform === 'win32')('tightens a log folder and files that existed with the umask', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-log-modes-'))
    chmodSync(dir, 0o755)
    writeFileSync(join(dir, 'main.log'), 'old\n', { mode: 0o644 })
    writeFileSync(join(dir, 'main.1.log'), 'older\n', { mode: 0o644 })
    new RotatingFileSink({ dir })
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'main.log')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'main.1.log')).mode & 0o777).toBe(0o600)
  })
})

describe('a full journey leaves no secret in the log file', () => {
  const PASSWORD = 'J0urney-Pa55word-7731'
  const CHOSEN_NODE_PASSWORD = 'Chosen-N0de-Pw-4455'
  const issued: string[] = []
  const nodePasswords: string[] = []
  let sim: RunningSimulator
  let core: AppCore
  let logFile: string

  async function call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
    return callCore(core, method, input)
  }

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 21, bunits: 4, consumers: 10, users: [{ username: 'tech@example.com', password: PASSWORD }] })
    // Record every token the portal hands out, to search the log for each: the app's own
    // transport, wrapped where the core takes it.
    const transportFactory: TransportFactory = (profile) => {
      const inner = defaultTransportFactory(profile)
      return {
        close: () => inner.close(),
        fetch: async (input, init) => {
          const response = await inner.fetch(input, init)
          if (String(input instanceof Request ? input.url : input).endsWith('/oauth')) {
            const body = (await response.clone().json().catch(() => ({}))) as { access_token?: string; refresh_token?: string }
            for (const token of [body.access_token, body.refresh_token]) if (token) issued.push(token)
          }
          return response
        }
      }
    }
    logFile = attachLogFile({ dir: mkdtempSync(join(tmpdir(), 'desk-log-journey-')) })
    core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'desk-journey-')), host: 'browser', version: 'test', vault: new RecordingKeychain().vaultOptions(), transportFactory })

    const synced = new Promise<void>((resolve) => core.events.onAny((name, p) => name === 'syncProgress' && (p as { phase: string }).phase === 'done' && resolve()))
    const account = await call('addAccount', {
      apiUrl: sim.apiUrl,
      clientId: sim.defaults.clientId,
      origin: sim.defaults.origin,
      username: 'tech@example.com',
      password: PASSWORD,
      displayName: 'Journey',
      secretMode: 'keychain'
    })
    await synced
    const tree = await call('getTree', { accountId: account.id })
    const reference = await call('getReference', { accountId: account.id })
    const os = reference.operatingSystems.find((o) => o.supportedNodeTypeIds.length > 0)!
    const created = await call('createConsumer', {
      accountId: account.id,
      bunitId: tree.root.id,
      name: 'JOURNEY01',
      node: { operatingSystemId: os.id, typeId: os.supportedNodeTypeIds[0]!, domainId: reference.domains[0]!.id, clientOptionSetId: reference.optionSets[0]!.id, cpuCount: 2 }
    })
    const activated = await call('activateNode', { accountId: account.id, bunitId: tree.root.id, consumerId: created.consumer.id, tsmName: 'journey01.acme' })
    nodePasswords.push(activated.password)
    const chosen = await call('setNodePassword', { accountId: account.id, bunitId: tree.root.id, consumerId: created.consumer.id, password: CHOSEN_NODE_PASSWORD })
    nodePasswords.push(chosen.password)
    const generated = await call('setNodePassword', { accountId: account.id, bunitId: tree.root.id, consumerId: created.consumer.id })
    nodePasswords.push(generated.password)
    // A failing write (wrong unit) logs its outcome too.
    await call('deleteUnit', { accountId: account.id, bunitId: 999_999 }).catch(() => undefined)

    // Careless logging of each secret, the way a future bug might do it.
    for (const secret of [PASSWORD, ...issued, ...nodePasswords]) {
      log.warn('Request failed', new Error(`upstream said: ${secret}`))
      log.warn(`retrying with ${secret}`, { detail: secret })
    }
  })

  afterAll(async () => {
    detachLogFile()
    await core?.close()
    await sim?.close()
  })

  it('the journey happened and was logged', () => {
    const text = readFileSync(logFile, 'utf8')
    expect(issued.length).toBeGreaterThanOrEqual(2)
    expect(nodePasswords).toHaveLength(3)
    for (const line of ['addAccount done', 'Sync of account', 'createConsumer done', 'activateNode done', 'setNodePassword done', 'deleteUnit refused or failed']) {
      expect(text).toContain(line)
    }
    expect(text).toContain(REDACTED)
  })

  it('holds none of the password, the access and refresh tokens, or the node passwords', () => {
    const text = readFileSync(logFile, 'utf8')
    expect(text).not.toContain(PASSWORD)
    for (const token of issued) expect(text).not.toContain(token)
    for (const password of nodePasswords) expect(text).not.toContain(password)
  })
})
