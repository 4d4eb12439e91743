import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, rejectionOf, startSim, type Harness, type Sim } from './harness'

let sim: Sim
let h: Harness
beforeAll(async () => {
  sim = await startSim()
  h = connect(sim)
})
afterAll(async () => {
  await sim.close()
})

describe('catalogues', () => {
  it('time zones: list and get', async () => {
    const zones = await h.client.timeZones.list()
    expect(zones.length).toBeGreaterThan(0)
    const z = zones[0]!
    expect(await h.client.timeZones.get(z.id)).toMatchObject({ id: z.id, name: z.name })
    expect((await rejectionOf(h.client.timeZones.get(99_999))).kind).toBe('not-found')
  })

  it('node operating systems: list (with supported node types) and get', async () => {
    const list = await h.client.nodeOperatingSystems.list()
    expect(list.length).toBeGreaterThan(0)
    expect(list.some((os) => os.supportedNodeTypes.length > 0)).toBe(true)
    const os = list[0]!
    expect(await h.client.nodeOperatingSystems.get(os.id)).toMatchObject({ id: os.id, name: os.name })
    expect((await rejectionOf(h.client.nodeOperatingSystems.get(99_999))).kind).toBe('not-found')
  })

  it('node types: list and get', async () => {
    const list = await h.client.nodeTypes.list()
    expect(list.length).toBeGreaterThan(0)
    const t = list[0]!
    expect(await h.client.nodeTypes.get(t.id)).toMatchObject({ id: t.id, name: t.name })
    expect((await rejectionOf(h.client.nodeTypes.get(99_999))).kind).toBe('not-found')
  })

  it('default backup server, its domains and client option sets', async () => {
    const tree = await h.client.bunits.tree()
    const server = await h.client.backupServer.get(tree.id)
    expect(server.id).toBeGreaterThan(0)
    expect(server.name.length).toBeGreaterThan(0)
    const domains = await h.client.backupServer.domains(tree.id)
    expect(domains.length).toBeGreaterThan(0)
    expect(domains[0]!.server?.id).toBe(server.id)
    const sets = await h.client.backupServer.clientOptionSets(tree.id)
    expect(sets.length).toBeGreaterThan(0)
    expect((await rejectionOf(h.client.backupServer.get(999_999))).kind).toBe('not-found')
  })
})
