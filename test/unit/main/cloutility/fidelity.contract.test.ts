/**
 * What Safespring's own Go client showed about the real portal (issue 10), checked against the
 * simulator over real HTTP, through our client where it wraps the call and raw where it does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, login, type J } from '../../simulator/helpers'
import { connect, rejectionOf, startSim, type Sim } from './harness'

let sim: Sim
let token: string
const api = (path: string, opts: Parameters<typeof call>[2] = {}) => call(sim, path, opts, token)

beforeAll(async () => {
  sim = await startSim({ users: [{ username: 'scoped@example.com', password: 'scoped-pw', businessUnitId: 23 }] })
  token = (await login(sim)).access_token
})
afterAll(async () => {
  await sim.close()
})

/** An activated node whose client has connected (it reports platform, addresses…). */
function accessedNode() {
  for (const c of sim.state.consumers.values()) {
    const n = c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
    if (n?.lastAccessTime !== undefined) return { c, n }
  }
  throw new Error('the seeded estate has no accessed node')
}

describe('GET bunits?bunitID=N', () => {
  it('returns the tree rooted at N, whatever the parameter name case', async () => {
    const child = sim.state.bunits.get(sim.state.rootId)!.children[0]!
    for (const name of ['bunitID', 'bunitId', 'BUNITID', 'bunitid']) {
      const r = await api(`bunits?${name}=${child}`)
      expect(r.status).toBe(200)
      expect(r.body.id).toBe(child)
    }
    const viaClient = await connect(sim).client.bunits.subtree(child)
    expect(viaClient.id).toBe(child)
    expect((await connect(sim).client.bunits.tree()).id).toBe(sim.state.rootId)
  })

  it('refuses a unit outside the user reach (403) and an unknown one (404)', async () => {
    const scoped = connect(sim, { username: 'scoped@example.com', getPassword: async () => 'scoped-pw' })
    expect((await rejectionOf(scoped.client.bunits.subtree(sim.state.rootId))).kind).toBe('forbidden')
    expect((await rejectionOf(connect(sim).client.bunits.subtree(999_999))).kind).toBe('not-found')
  })
})

describe('node activation with the quoted spname body', () => {
  it('accepts tsmName="NAME" exactly as the Go client passes GET …/spname through', async () => {
    const unitId = sim.state.rootId
    const consumer = (await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name: 'Quoted activation' } })).body as J
    const nodePath = `bunits/${unitId}/consumers/${consumer.id}/node`
    expect((await api(nodePath, { method: 'POST', json: { operatingSystem: { id: 3 }, type: { id: 1 }, domain: { id: 1 }, clientOptionSet: { id: 2 } } })).status).toBe(200)
    const spname = await fetch(`${sim.apiUrl}${nodePath}/spname`, { headers: { Origin: sim.defaults.origin, Authorization: `Bearer ${token}` } })
    const raw = await spname.text()
    expect(raw).toMatch(/^".+"$/)
    const activated = await api(`${nodePath}/activate?tsmName=${encodeURIComponent(raw)}`)
    expect(activated.status).toBe(200)
    expect(activated.body).toBe(JSON.parse(raw))
  })
})

describe('DELETE …/node?deleteAssociations=True', () => {
  it('answers with the deleted node, and the client still resolves', async () => {
    const unitId = sim.state.rootId
    const make = async (name: string) => {
      const c = (await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name } })).body as J
      await api(`bunits/${unitId}/consumers/${c.id}/node`, { method: 'POST', json: { operatingSystem: { id: 1 }, type: { id: 1 }, domain: { id: 1 } } })
      return c.id as number
    }
    const raw = await api(`bunits/${unitId}/consumers/${await make('Delete raw')}/node?deleteAssociations=True`, { method: 'DELETE' })
    expect(raw.status).toBe(200)
    expect(raw.body).toMatchObject({ id: expect.any(Number), domain: { id: 1 } })
    const viaClient = make('Delete via client')
    await expect(connect(sim).client.nodes.delete(unitId, await viaClient, { deleteAssociations: true })).resolves.toBeUndefined()
  })
})

describe('GET actions', () => {
  it('is a collection', async () => {
    const r = await api('actions')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ items: [], total: 0 })
  })
})

describe('a production-shaped node', () => {
  it('carries client facts, its server under domain.server and no top-level server', async () => {
    const { c, n } = accessedNode()
    const node = await connect(sim).client.nodes.get(c.businessUnitId, c.id)
    expect(node).not.toBeNull()
    expect(node).toMatchObject({
      platform: { name: expect.any(String) },
      osLevel: { name: expect.any(String) },
      tsmClientVersion: { name: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) },
      tcpName: expect.any(String),
      tcpAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      macAddress: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
      hypervisor: expect.any(String),
      domain: { id: n.domainId, server: { id: 1, name: expect.any(String) } }
    })
    expect(node).not.toHaveProperty('server')
  })

  it('uses Safespring production ids: domain 1 is the 180-day standard, option set 2 is DEDUP_AND_COMPRESS', async () => {
    const h = connect(sim)
    const domains = await h.client.backupServer.domains(sim.state.rootId)
    expect(domains.find((d) => d.id === 1)).toMatchObject({ name: 'STANDARD', backupRetention: 180 })
    const sets = await h.client.backupServer.clientOptionSets(sim.state.rootId)
    expect(sets.find((s) => s.id === 2)).toMatchObject({ name: 'DEDUP_AND_COMPRESS' })
  })

  it('may have no client option set at all', async () => {
    const unitId = sim.state.rootId
    const c = (await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name: 'No option set' } })).body as J
    const r = await api(`bunits/${unitId}/consumers/${c.id}/node`, { method: 'POST', json: { operatingSystem: { id: 1 }, type: { id: 1 }, domain: { id: 1 } } })
    expect(r.status).toBe(200)
    expect(r.body).not.toHaveProperty('clientOptionSet')
  })
})

describe('refresh grant', () => {
  it('sends client_id, grant_type=refresh_token and refresh_token, without an Authorization header', async () => {
    const seen: { body: string; authorization: string | null }[] = []
    const recording: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url
      if (url.endsWith('/oauth')) {
        const headers = new Headers(init?.headers)
        seen.push({ body: String(init?.body ?? ''), authorization: headers.get('authorization') })
      }
      return fetch(input, init)
    }
    // The refresh is due (injected clock) while the old access token is still held: the moment
    // a client might be tempted to send it along.
    let clock = Date.now()
    const h = connect(sim, { fetch: recording, now: () => clock })
    await h.client.me()
    clock += 290_000
    await h.client.me()
    const refresh = seen.find((s) => new URLSearchParams(s.body).get('grant_type') === 'refresh_token')
    expect(refresh).toBeDefined()
    const fields = new URLSearchParams(refresh!.body)
    expect([...fields.keys()].sort()).toEqual(['client_id', 'grant_type', 'refresh_token'])
    expect(refresh!.authorization).toBeNull()
    expect(h.passwordCalls()).toBe(1)
  })
})
