import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateNodeName, type NodeInput } from '../../../../src/main/cloutility'
import { connect, rejectionOf, startSim, type Harness, type Sim } from './harness'

let sim: Sim
let h: Harness
let bunitId: number
let nodeInput: NodeInput

beforeAll(async () => {
  sim = await startSim({ bunits: 1, consumers: 40 })
  h = connect(sim)
  bunitId = (await h.client.bunits.tree()).id
  const [oses, domains, sets] = await Promise.all([
    h.client.nodeOperatingSystems.list(),
    h.client.backupServer.domains(bunitId),
    h.client.backupServer.clientOptionSets(bunitId)
  ])
  const os = oses.find((o) => o.supportedNodeTypes.length > 0)!
  nodeInput = {
    operatingSystemId: os.id,
    typeId: os.supportedNodeTypes[0]!.id,
    domainId: domains[0]!.id,
    clientOptionSetId: sets[0]!.id,
    cpuCount: 4,
    contact: 'it@example.com'
  }
})
afterAll(async () => {
  await sim.close()
})

/** A fresh consumer (and optionally node) per test, so tests do not depend on each other. */
async function freshConsumer(name: string, withNode = false) {
  const c = await h.client.consumers.create(bunitId, { name })
  if (withNode) await h.client.nodes.create(bunitId, c.id, nodeInput)
  return c
}

describe('nodes', () => {
  it('get: a node, or null when the consumer has none', async () => {
    const bare = await freshConsumer('no-node')
    expect(await h.client.nodes.get(bunitId, bare.id)).toBeNull()
    const withNode = await freshConsumer('has-node', true)
    const node = await h.client.nodes.get(bunitId, withNode.id)
    expect(node).toMatchObject({ cpuCount: 4, contact: 'it@example.com' })
    expect(node?.operatingSystem?.id).toBe(nodeInput.operatingSystemId)
    expect(node?.domain?.id).toBe(nodeInput.domainId)
    expect(node?.clientOptionSet?.id).toBe(nodeInput.clientOptionSetId)
  })

  it('the generated estate has nodes the client can read', async () => {
    const consumers = await h.client.consumers.list(bunitId)
    const nodes = await Promise.all(consumers.slice(0, 20).map((c) => h.client.nodes.get(bunitId, c.id)))
    expect(nodes.filter((n) => n !== null).length).toBeGreaterThan(0)
  })

  it('create twice is a conflict; bad references are validation errors', async () => {
    const c = await freshConsumer('twice', true)
    expect((await rejectionOf(h.client.nodes.create(bunitId, c.id, nodeInput))).kind).toBe('conflict')
    const d = await freshConsumer('bad-ref')
    const bad = await rejectionOf(h.client.nodes.create(bunitId, d.id, { ...nodeInput, domainId: 987_654 }))
    expect(bad.kind).toMatch(/validation|not-found/)
    expect(h.attempts('POST', /\/node$/).every((r) => r.attempt === 1)).toBe(true)
  })

  it('update sends only the given fields', async () => {
    const c = await freshConsumer('update', true)
    const updated = await h.client.nodes.update(bunitId, c.id, { cpuCount: 8 })
    expect(updated).toMatchObject({ cpuCount: 8, contact: 'it@example.com' })
  })

  it('update can lock and rename an activated node; a bad name is refused locally', async () => {
    const c = await freshConsumer('lock-me', true)
    await h.client.nodes.activate(bunitId, c.id, 'LOCK-ME')
    expect(await h.client.nodes.update(bunitId, c.id, { locked: true })).toMatchObject({ locked: true })
    expect(await h.client.nodes.update(bunitId, c.id, { tsmName: 'lock-me-2' })).toMatchObject({ tsmName: 'LOCK-ME-2' })
    expect((await rejectionOf(h.client.nodes.update(bunitId, c.id, { tsmName: 'no spaces' }))).kind).toBe('invalid-input')
    const bad = await rejectionOf(h.client.nodes.update(bunitId, c.id, { typeId: 987_654 }))
    expect(bad.kind).toBe('validation')
    expect(bad.details).toMatchObject({ status: 400, code: 'validation_error' })
  })

  it('suggestName proposes a valid SP node name', async () => {
    const c = await freshConsumer("Jenny's WS", true)
    const name = await h.client.nodes.suggestName(bunitId, c.id)
    expect(validateNodeName(name)).toEqual({ ok: true, normalized: name })
  })

  it('activate: checked locally, upper-cased, then the node carries the name', async () => {
    const c = await freshConsumer('activate', true)
    const before = h.requests.length
    expect((await rejectionOf(h.client.nodes.activate(bunitId, c.id, 'bad name!'))).kind).toBe('invalid-input')
    expect(h.requests.length).toBe(before) // nothing sent
    const result = await h.client.nodes.activate(bunitId, c.id, 'contract-node-1')
    expect(result).toBeTypeOf('string')
    const node = await h.client.nodes.get(bunitId, c.id)
    expect(node?.tsmName).toBe('CONTRACT-NODE-1')
    expect(node?.activatedDate).toBeTypeOf('string')
  })

  it('activate with a name already taken is a conflict', async () => {
    const a = await freshConsumer('taken-a', true)
    const b = await freshConsumer('taken-b', true)
    await h.client.nodes.activate(bunitId, a.id, 'TAKEN-NAME')
    expect((await rejectionOf(h.client.nodes.activate(bunitId, b.id, 'taken-name'))).kind).toBe('conflict')
  })

  it('activate is never retried (a GET with a side effect)', async () => {
    const c = await freshConsumer('activate-once', true)
    sim.faults.failNext(1, 503, `/consumers/${c.id}/node/activate`)
    expect((await rejectionOf(h.client.nodes.activate(bunitId, c.id, 'ONCE'))).kind).toBe('server')
    expect(h.attempts('GET', new RegExp(`consumers/${c.id}/node/activate$`))).toHaveLength(1)
  })

  it('setPassword changes the SP password and never returns it', async () => {
    const c = await freshConsumer('password', true)
    await h.client.nodes.activate(bunitId, c.id, 'PW-NODE')
    const node = await h.client.nodes.setPassword(bunitId, c.id, 'N3w-Passw0rd-xyz')
    expect(node).not.toHaveProperty('tsmPassword')
    expect(JSON.stringify(node)).not.toContain('N3w-Passw0rd-xyz')
    expect(sim.state.nodes.get(node.id)?.tsmPassword).toBe('N3w-Passw0rd-xyz')
    expect((await rejectionOf(h.client.nodes.setPassword(bunitId, c.id, ''))).kind).toBe('invalid-input')
  })

  it('filespaces, with and without tsmSync', async () => {
    const consumers = await h.client.consumers.list(bunitId)
    let checked = 0
    for (const c of consumers) {
      const node = await h.client.nodes.get(bunitId, c.id)
      if (!node?.activatedDate) continue
      const fast = await h.client.nodes.filespaces(bunitId, c.id)
      const synced = await h.client.nodes.filespaces(bunitId, c.id, { tsmSync: true })
      expect(synced.map((f) => f.id).sort()).toEqual(fast.map((f) => f.id).sort())
      for (const f of fast) expect(f.name.length).toBeGreaterThan(0)
      if (++checked === 3) break
    }
    expect(checked).toBeGreaterThan(0)
    expect((await rejectionOf(h.client.nodes.filespaces(bunitId, 987_654))).kind).toBe('not-found')
  })

  it('proxy relations from either side, listed, then removed', async () => {
    const target = await freshConsumer('proxy-target', true)
    const agent = await freshConsumer('proxy-agent', true)
    const other = await freshConsumer('proxy-other', true)
    await h.client.nodes.activate(bunitId, target.id, 'PX-TARGET')
    await h.client.nodes.activate(bunitId, agent.id, 'PX-AGENT')
    await h.client.nodes.activate(bunitId, other.id, 'PX-OTHER')

    const possible = await h.client.nodes.possibleProxyNodes(bunitId, target.id)
    expect(possible.map((n) => n.tsmName)).toEqual(expect.arrayContaining(['PX-AGENT', 'PX-OTHER']))

    await h.client.nodes.addProxyAgent(bunitId, target.id, agent.id)
    await h.client.nodes.addProxyTarget(bunitId, other.id, target.id)
    const t = await h.client.nodes.get(bunitId, target.id)
    expect((t?.proxyAgents ?? []).map((n) => n.tsmName).sort()).toEqual(['PX-AGENT', 'PX-OTHER'])

    // A node with proxy relations cannot be deleted without deleteAssociations.
    expect((await rejectionOf(h.client.nodes.delete(bunitId, target.id))).kind).toBe('conflict')

    await h.client.nodes.removeProxyAgent(bunitId, target.id, agent.id)
    await h.client.nodes.removeProxyTarget(bunitId, other.id, target.id)
    expect((await h.client.nodes.get(bunitId, target.id))?.proxyAgents ?? []).toEqual([])
    expect((await h.client.nodes.get(bunitId, agent.id))?.proxyTargets ?? []).toEqual([])
  })

  it('delete with deleteAssociations removes the node and its consumption unit', async () => {
    const target = await freshConsumer('del-target', true)
    const agent = await freshConsumer('del-agent', true)
    await h.client.nodes.activate(bunitId, target.id, 'DEL-TARGET')
    await h.client.nodes.activate(bunitId, agent.id, 'DEL-AGENT')
    await h.client.nodes.addProxyAgent(bunitId, target.id, agent.id)
    await h.client.nodes.delete(bunitId, target.id, { deleteAssociations: true })
    expect((await rejectionOf(h.client.consumers.get(bunitId, target.id))).kind).toBe('not-found')
    expect((await h.client.nodes.get(bunitId, agent.id))?.proxyTargets ?? []).toEqual([])
  })
})
