/**
 * Issue 11: a signed-in session notices a lost portal by itself (one light call per heartbeat),
 * without anything else calling the portal. Real simulator over HTTP; the wait is on the
 * session's own change event, not a sleep.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../../src/simulator'
import { AccountSession, identify } from '../../../../src/main/core/account-session'
import { CloutilityClient } from '../../../../src/main/cloutility'
import type { Account } from '../../../../src/main/accounts/schema'
import { defaultNetwork } from '../../../../src/main/accounts/network-schema'
import { profileOf } from '../../../../src/main/core/account-network'
import { createNodeTransport } from '../../../../src/main/network/node-transport'

let sim: RunningSimulator | null = null
let session: AccountSession | null = null
afterEach(async () => {
  session?.close()
  await sim?.close().catch(() => undefined)
})

function until(predicate: () => boolean, onChange: { listeners: (() => void)[] }): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (predicate()) resolve()
    }
    onChange.listeners.push(check)
    check()
  })
}

describe('AccountSession heartbeat', () => {
  it('marks a signed-in account offline when its portal stops answering, with nobody calling it', async () => {
    sim = await startSimulator({ port: 0, seed: 2, bunits: 2, consumers: 2 })
    const d = sim.defaults
    const profile = profileOf(defaultNetwork(), null)
    const transport = createNodeTransport(profile)
    const client = new CloutilityClient({
      apiUrl: sim.apiUrl, clientId: d.clientId, origin: d.origin, username: d.username,
      getPassword: async () => d.password, retryBaseMs: 1, retryCapMs: 5, fetch: transport.fetch
    })
    const changes = { listeners: [] as (() => void)[] }
    const account = { id: 'a1', username: d.username } as unknown as Account
    session = new AccountSession(account, () => changes.listeners.forEach((l) => l()), client, transport, profile, { heartbeatMs: 20 })
    session.adopt(await identify(client))
    expect(session.state.status).toBe('signed-in')

    await sim.close()
    sim = null
    await until(() => session!.state.status === 'offline', changes)
    expect(session.state.status).toBe('offline')
    expect(session.state.message).toMatch(/unreachable/i)
  })
})
