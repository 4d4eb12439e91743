import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index'
import { call, login, type J } from './helpers'

describe('simulator user scope', () => {
  let sim: RunningSimulator
  let token: string
  let company: number
  let sibling: number
  const api = (path: string, opts: Parameters<typeof call>[2] = {}) => call(sim, path, opts, token)

  beforeAll(async () => {
    // Find a company with descendants and consumers below it in a probe run, then scope a user to it.
    const probe = await startSimulator({ seed: 9, bunits: 20, consumers: 60 })
    const root = probe.state.bunits.get(probe.state.rootId)!
    company = root.children.find((id) => probe.state.bunits.get(id)!.children.length > 0)!
    sibling = root.children.find((id) => id !== company)!
    await probe.close()
    sim = await startSimulator({ seed: 9, bunits: 20, consumers: 60, users: [{ username: 'tech@company.example', password: 'pw-123', businessUnitId: company }] })
    token = (await login(sim, 'tech@company.example', 'pw-123')).access_token
  })
  afterAll(() => sim.close())

  it('GET bunits is rooted at the user’s own unit and me reports it', async () => {
    const tree = await api('bunits')
    expect(tree.body.id).toBe(company)
    expect((await api('me')).body.businessUnitId).toBe(company)
  })

  it('a descendant is visible, the parent and a sibling are 403, unknown ids 404', async () => {
    const child = sim.state.bunits.get(company)!.children[0]!
    expect((await api(`bunits/${child}`)).status).toBe(200)
    const parent = await api(`bunits/${sim.state.rootId}`)
    expect(parent.status).toBe(403)
    expect(parent.body).toMatchObject({ status: 403, code: 'forbidden' })
    expect((await api(`bunits/${sibling}`)).status).toBe(403)
    expect((await api(`bunits/${sibling}/consumers`)).status).toBe(403)
    expect((await api('bunits/987654')).status).toBe(404)
  })

  it('cannot touch consumers outside the scope, nor use them as proxies', async () => {
    const outside = sim.state.bunits.get(sibling)!.consumerIds[0]!
    expect((await api(`bunits/${sibling}/consumers/${outside}`)).status).toBe(403)
    expect((await api(`bunits/${sibling}/consumers/${outside}`, { method: 'DELETE' })).status).toBe(403)
    expect(sim.state.consumers.has(outside)).toBe(true)
    const inside = [...sim.state.consumers.values()].find((c) => {
      const n = c.nodeId !== undefined ? sim.state.nodes.get(c.nodeId) : undefined
      return n?.activatedDate && (c.businessUnitId === company || sim.state.bunits.get(c.businessUnitId)!.parentId === company)
    })!
    const r = await api(`bunits/${inside.businessUnitId}/consumers/${inside.id}/node/proxyagents?proxyAgentId=${outside}`, { method: 'POST' })
    expect(r.status).toBe(403)
  })

  it('cannot delete its own root unit', async () => {
    const r = await api(`bunits/${company}`, { method: 'DELETE' })
    expect(r.status).toBe(403)
    expect((r.body as J).message).toContain('own business unit')
  })
})
