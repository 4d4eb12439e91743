import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

describe('simulator consumers', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  let unitId: number
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 3, bunits: 6, consumers: 80 }))
    unitId = [...sim.state.bunits.values()].sort((a, b) => b.consumerIds.length - a.consumerIds.length)[0]!.id
  })
  afterAll(() => sim.close())

  it('lists consumers as {href,total,offset,first,items}, never embedding a node', async () => {
    const r = await api(`bunits/${unitId}/consumers`)
    expect(r.status).toBe(200)
    const ids = sim.state.bunits.get(unitId)!.consumerIds
    expect(r.body).toMatchObject({ href: `${sim.apiUrl}bunits/${unitId}/consumers`, total: ids.length, offset: 0 })
    expect(typeof r.body.first).toBe('string')
    expect(r.body.items.map((c: J) => c.id)).toEqual(ids)
    for (const c of r.body.items) {
      expect(c).not.toHaveProperty('node')
      expect(c.href).toBe(`${sim.apiUrl}bunits/${unitId}/consumers/${c.id}`)
      expect(c.dataSourceType).toEqual({ id: 1, name: 'SP Backup node' })
      expect(c.businessUnit).toMatchObject({ id: unitId, $type: expect.stringContaining('BusinessUnit') })
    }
  })

  it('pages with offset and limit', async () => {
    const ids = sim.state.bunits.get(unitId)!.consumerIds
    const r = await api(`bunits/${unitId}/consumers?offset=2&limit=3`)
    expect(r.body.total).toBe(ids.length)
    expect(r.body.offset).toBe(2)
    expect(r.body.items.map((c: J) => c.id)).toEqual(ids.slice(2, 5))
    const past = await api(`bunits/${unitId}/consumers?offset=10000`)
    expect(past.body.items).toEqual([])
    expect((await api(`bunits/${unitId}/consumers?limit=-1`)).status).toBe(400)
    expect((await api(`bunits/${unitId}/consumers?offset=x`)).status).toBe(400)
  })

  it('GET a consumer; 404 for unknown ids and for a consumer of another unit', async () => {
    const id = sim.state.bunits.get(unitId)!.consumerIds[0]!
    const r = await api(`bunits/${unitId}/consumers/${id}`)
    expect(r.status).toBe(200)
    expect(r.body.id).toBe(id)
    expect(r.body).not.toHaveProperty('node')
    expect((await api(`bunits/${unitId}/consumers/99999999`)).status).toBe(404)
    const otherUnit = [...sim.state.bunits.values()].find((u) => u.id !== unitId)!
    expect((await api(`bunits/${otherUnit.id}/consumers/${id}`)).status).toBe(404)
  })

  it('creates a consumer with only a name; unset fields are left out', async () => {
    const r = await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name: 'LisasWS' } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'LisasWS', dataSourceState: { id: 1, name: 'New' }, limitHighStorage: 0, allowNoActivity: false })
    expect(r.body).not.toHaveProperty('note')
    expect(r.body).not.toHaveProperty('node')
    expect(r.body).not.toHaveProperty('latestRestorePoint')
    expect(sim.state.consumers.get(r.body.id)!.businessUnitId).toBe(unitId)
    const node = await api(`bunits/${unitId}/consumers/${r.body.id}/node`)
    expect(node.status).toBe(404)
  })

  it('accepts PascalCase keys and validates with 400 naming the field', async () => {
    const r = await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { Name: 'PascalPC', Note: 'via PascalCase', AllowNoActivity: true } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'PascalPC', note: 'via PascalCase', allowNoActivity: true })
    const missing = await api(`bunits/${unitId}/consumers`, { method: 'POST', json: {} })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ status: 400, code: 'validation_error' })
    expect(missing.body.message).toContain('name')
    const bad = await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name: 'X', limitHighStorage: 'lots' } })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('limitHighStorage')
  })

  it('updates with PUT', async () => {
    const c = await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name: 'Before' } })
    const r = await api(`bunits/${unitId}/consumers/${c.body.id}`, { method: 'PUT', json: { name: 'After', note: 'n', limitHighStorage: 250 } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'After', note: 'n', limitHighStorage: 250 })
    expect((await api(`bunits/${unitId}/consumers/${c.body.id}`, { method: 'PUT', json: { name: '' } })).status).toBe(400)
    expect(sim.state.consumers.get(c.body.id)!.name).toBe('After')
  })

  it('deletes a consumer (with its node) accepting deleteAssociations=True and a deletionComment', async () => {
    const c = [...sim.state.consumers.values()].find((x) => {
      const n = x.nodeId !== undefined ? sim.state.nodes.get(x.nodeId) : undefined
      return x.businessUnitId === unitId && n && !n.proxyAgents?.size && !n.proxyTargets?.size
    })!
    const nodeId = c.nodeId!
    const r = await api(`bunits/${unitId}/consumers/${c.id}?deleteAssociations=True&deletionComment=${encodeURIComponent('Machine scrapped')}`, { method: 'DELETE' })
    expect(r.status).toBe(204)
    expect(sim.state.consumers.has(c.id)).toBe(false)
    expect(sim.state.nodes.has(nodeId)).toBe(false)
    expect(sim.state.bunits.get(unitId)!.consumerIds).not.toContain(c.id)
    expect((await api(`bunits/${unitId}/consumers/${c.id}`)).status).toBe(404)
    const log = await api(`bunits/${unitId}/auditlogs?types=300&orderDesc=true&limit=1`)
    expect(log.body.items[0].message).toContain('Machine scrapped')
    const survivor = sim.state.bunits.get(unitId)!.consumerIds[0]!
    expect((await api(`bunits/${unitId}/consumers/${survivor}?deleteAssociations=maybe`, { method: 'DELETE' })).status).toBe(400)
    expect(sim.state.consumers.has(survivor)).toBe(true)
  })
})
