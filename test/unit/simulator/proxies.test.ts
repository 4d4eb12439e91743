import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

describe('simulator proxy relationships', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  let unitId: number
  const nodeBody = { operatingSystem: { id: 1 }, type: { id: 1 }, domain: { id: 7 } }
  const nodePath = (cid: number) => `bunits/${unitId}/consumers/${cid}/node`
  const activeNode = async (name: string) => {
    const cid = (await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name } })).body.id as number
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    expect((await api(`${nodePath(cid)}/activate?tsmName=${name}`)).status).toBe(200)
    return cid
  }
  const agentsOf = async (cid: number) => (await api(nodePath(cid))).body.proxyAgents.map((n: J) => n.consumer.id)
  const targetsOf = async (cid: number) => (await api(nodePath(cid))).body.proxyTargets.map((n: J) => n.consumer.id)

  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 5, bunits: 3, consumers: 10 }))
    unitId = [...sim.state.bunits.values()].find((u) => u.parentId !== null)!.id
  })
  afterAll(() => sim.close())

  it('a relationship created from the target side shows on both sides', async () => {
    const target = await activeNode('PX_TARGET1')
    const agent = await activeNode('PX_AGENT1')
    const r = await api(`${nodePath(target)}/proxyagents?proxyAgentId=${agent}`, { method: 'POST' })
    expect(r.status).toBe(200)
    expect(r.body.proxyAgents.map((n: J) => n.consumer.id)).toEqual([agent])
    expect(r.body.proxyAgents[0]).toMatchObject({ tsmName: 'PX_AGENT1', href: `${sim.apiUrl}${nodePath(agent)}` })
    expect(await targetsOf(agent)).toEqual([target])
    // Granting again is idempotent.
    expect((await api(`${nodePath(target)}/proxyagents?proxyAgentId=${agent}`, { method: 'POST' })).status).toBe(200)
    expect(await agentsOf(target)).toEqual([agent])
    // Removed from the other side, gone from both.
    expect((await api(`${nodePath(agent)}/proxytargets/${target}`, { method: 'DELETE' })).status).toBe(204)
    expect(await agentsOf(target)).toEqual([])
    expect(await targetsOf(agent)).toEqual([])
  })

  it('a relationship created from the agent side shows on both sides and can be removed from the target', async () => {
    const target = await activeNode('PX_TARGET2')
    const agent = await activeNode('PX_AGENT2')
    expect((await api(`${nodePath(agent)}/proxytargets?proxyTargetId=${target}`, { method: 'POST' })).status).toBe(200)
    expect(await agentsOf(target)).toEqual([agent])
    expect(await targetsOf(agent)).toEqual([target])
    expect((await api(`${nodePath(target)}/proxyagents/${agent}`, { method: 'DELETE' })).status).toBe(204)
    expect(await targetsOf(agent)).toEqual([])
    expect((await api(`${nodePath(target)}/proxyagents/${agent}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('validates proxy requests', async () => {
    const a = await activeNode('PX_A3')
    const cid = (await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name: 'inactive' } })).body.id
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    expect((await api(`${nodePath(a)}/proxyagents`, { method: 'POST' })).status).toBe(400)
    expect((await api(`${nodePath(a)}/proxyagents?proxyAgentId=${a}`, { method: 'POST' })).status).toBe(400)
    expect((await api(`${nodePath(a)}/proxyagents?proxyAgentId=99999999`, { method: 'POST' })).status).toBe(404)
    expect((await api(`${nodePath(a)}/proxyagents?proxyAgentId=${cid}`, { method: 'POST' })).status).toBe(409)
  })

  it('lists possible proxy nodes: activated nodes of the unit, not itself', async () => {
    const a = await activeNode('PX_POSS')
    const r = await api(`${nodePath(a)}/possibleproxynodes`)
    expect(r.status).toBe(200)
    const ids = r.body.items.map((n: J) => n.consumer.id)
    expect(ids).not.toContain(a)
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(sim.state.nodes.get(sim.state.consumers.get(id)!.nodeId!)!.activatedDate).toBeDefined()
  })

  it('deleting a node with proxies needs deleteAssociations=true, then cleans the other side', async () => {
    const target = await activeNode('PX_T4')
    const agent = await activeNode('PX_AG4')
    await api(`${nodePath(target)}/proxyagents?proxyAgentId=${agent}`, { method: 'POST' })
    const refused = await api(nodePath(target), { method: 'DELETE' })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('deleteAssociations')
    expect((await api(`${nodePath(target)}?deleteAssociations=True`, { method: 'DELETE' })).status).toBe(200)
    expect(await targetsOf(agent)).toEqual([])
  })
})
