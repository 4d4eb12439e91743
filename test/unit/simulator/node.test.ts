import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

describe('simulator backup nodes', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  let unitId: number
  const newConsumer = async (name: string) => (await api(`bunits/${unitId}/consumers`, { method: 'POST', json: { name } })).body.id as number
  const nodePath = (cid: number) => `bunits/${unitId}/consumers/${cid}/node`
  const nodeBody = { operatingSystem: { id: 1 }, type: { id: 2 }, domain: { id: 7 }, clientOptionSet: { id: 1 }, cpuCount: 2, contact: 'Jenny', server: { id: 1 } }

  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 11, bunits: 4, consumers: 30 }))
    unitId = [...sim.state.bunits.values()].find((u) => u.parentId !== null)!.id
  })
  afterAll(() => sim.close())

  it('creates a node referenced by ids; incomplete nested objects; unset fields left out', async () => {
    const cid = await newConsumer('JennysWS')
    const r = await api(nodePath(cid), { method: 'POST', json: nodeBody })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      href: `${sim.apiUrl}${nodePath(cid)}`,
      cpuCount: 2,
      contact: 'Jenny',
      locked: false,
      operatingSystem: { id: 1 },
      type: { id: 2, name: 'Workstation' },
      dataSourceState: { id: 2, name: 'Inactive' },
      consumer: { id: cid }
    })
    // Production nests the server under the domain (no top-level `server`).
    expect(Object.keys(r.body.domain).sort()).toEqual(['href', 'id', 'name', 'server'])
    expect(r.body).not.toHaveProperty('server')
    for (const absent of ['activatedDate', 'tsmName', 'tsmPassword']) expect(r.body).not.toHaveProperty(absent)
    const get = await api(nodePath(cid))
    expect(get.body.id).toBe(r.body.id)
    const consumer = await api(`bunits/${unitId}/consumers/${cid}`)
    expect(consumer.body.dataSourceState.name).toBe('Inactive')
    expect(consumer.body).not.toHaveProperty('node')
    expect((await api(nodePath(cid), { method: 'POST', json: nodeBody })).status).toBe(409)
  })

  it('accepts PascalCase references like {"OperatingSystem":{"ID":3}}', async () => {
    const cid = await newConsumer('web01.lan')
    const r = await api(nodePath(cid), { method: 'POST', json: { OperatingSystem: { ID: 3 }, Type: { ID: 1 }, Domain: { ID: 1 } } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ operatingSystem: { id: 3, name: 'Linux' }, type: { id: 1 }, domain: { id: 1, name: 'STANDARD' }, cpuCount: 1 })
    expect(r.body).not.toHaveProperty('clientOptionSet')
  })

  it('validates references: missing, unknown, and a type the OS does not support', async () => {
    const cid = await newConsumer('Invalid')
    const cases: [J, string][] = [
      [{ type: { id: 1 }, domain: { id: 1 } }, 'operatingSystem'],
      [{ operatingSystem: { id: 99 }, type: { id: 1 }, domain: { id: 1 } }, 'operatingSystem'],
      [{ operatingSystem: { id: 3 }, type: { id: 3 }, domain: { id: 1 } }, 'type'],
      [{ operatingSystem: { id: 3 }, type: { id: 1 }, domain: { id: 99 } }, 'domain'],
      [{ operatingSystem: { id: 3 }, type: { id: 1 }, domain: { id: 1 }, clientOptionSet: { id: 9 } }, 'clientOptionSet'],
      [{ operatingSystem: { id: 3 }, type: { id: 1 }, domain: { id: 1 }, cpuCount: 0 }, 'cpuCount'],
      [{ operatingSystem: { id: 3 }, type: { id: 1 }, domain: { id: 1 }, server: { id: 5 } }, 'server'],
      [{ operatingSystem: 'Linux', type: { id: 1 }, domain: { id: 1 } }, 'operatingSystem']
    ]
    for (const [json, field] of cases) {
      const r = await api(nodePath(cid), { method: 'POST', json })
      expect(r.status, JSON.stringify(json)).toBe(400)
      expect(r.body.developerMessage).toContain(field)
    }
    expect(sim.state.consumers.get(cid)!.nodeId).toBeUndefined()
  })

  it('GET node answers 404 when the consumer has none', async () => {
    const cid = await newConsumer('NoNode')
    const r = await api(nodePath(cid))
    expect(r.status).toBe(404)
    expect(r.body.code).toBe('not_found')
  })

  it('suggests a valid, unique upper-case SP name from the consumer name', async () => {
    const cid = await newConsumer("Jenny's Laptop #2")
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    const r = await api(`${nodePath(cid)}/spname`)
    expect(r.status).toBe(200)
    expect(r.body).toBe('JENNY_S_LAPTOP_2')
    // Once the name is taken, the suggestion for a same-named consumer moves on.
    expect((await api(`${nodePath(cid)}/activate?tsmName=${r.body}`)).status).toBe(200)
    const twin = await newConsumer("Jenny's Laptop #2")
    await api(nodePath(twin), { method: 'POST', json: nodeBody })
    expect((await api(`${nodePath(twin)}/spname`)).body).toBe('JENNY_S_LAPTOP_2_2')
  })

  it('activates: upper-cases, validates IBM SP rules, enforces uniqueness, returns a JSON string', async () => {
    const cid = await newConsumer('FILESRV77')
    await api(nodePath(cid), { method: 'POST', json: { ...nodeBody, type: { id: 1 } } })
    const tooLong = await api(`${nodePath(cid)}/activate?tsmName=${'A'.repeat(65)}`)
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.developerMessage).toContain('tsmName')
    for (const bad of ['bad name', 'NAME!', 'ÅÄÖ', 'a/b']) {
      expect((await api(`${nodePath(cid)}/activate?tsmName=${encodeURIComponent(bad)}`)).status, bad).toBe(400)
    }
    const taken = [...sim.state.nodes.values()].find((n) => n.tsmName)!.tsmName!
    const clash = await api(`${nodePath(cid)}/activate?tsmName=${encodeURIComponent(taken.toLowerCase())}`)
    expect(clash.status).toBe(409)
    const name = `filesrv77_a.b-c+d&e${'x'.repeat(45)}`
    expect(name.length).toBe(64)
    const ok = await api(`${nodePath(cid)}/activate?tsmName=${encodeURIComponent(name)}`)
    expect(ok.status).toBe(200)
    expect(ok.body).toBe(name.toUpperCase())
    const node = await api(nodePath(cid))
    expect(node.body).toMatchObject({ tsmName: name.toUpperCase(), dataSourceState: { id: 3, name: 'Active' } })
    expect(typeof node.body.activatedDate).toBe('string')
    expect(node.body.tsmPassword.length).toBeGreaterThanOrEqual(8)
    expect((await api(`bunits/${unitId}/consumers/${cid}`)).body.dataSourceState.name).toBe('Active')
    const again = await api(`${nodePath(cid)}/activate?tsmName=OTHER`)
    expect(again.status).toBe(409)
  })

  it('activates without a name using 12 random alphanumerics', async () => {
    const cid = await newConsumer('Anonymous')
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    const r = await api(`${nodePath(cid)}/activate`)
    expect(r.status).toBe(200)
    expect(r.body).toMatch(/^[A-Z0-9]{12}$/)
  })

  it('sets the node password (8–64 characters), only once activated', async () => {
    const cid = await newConsumer('PwTest')
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    expect((await api(`${nodePath(cid)}/password`, { method: 'POST', json: { tsmPassword: 'LongEnough1' } })).status).toBe(409)
    await api(`${nodePath(cid)}/activate?tsmName=PWTEST`)
    expect((await api(`${nodePath(cid)}/password`, { method: 'POST', json: { tsmPassword: 'short' } })).status).toBe(400)
    expect((await api(`${nodePath(cid)}/password`, { method: 'POST', json: { tsmPassword: 'x'.repeat(65) } })).status).toBe(400)
    expect((await api(`${nodePath(cid)}/password`, { method: 'POST', json: {} })).status).toBe(400)
    const ok = await api(`${nodePath(cid)}/password`, { method: 'POST', json: { TsmPassword: 'Secret-Pass-99' } })
    expect(ok.status).toBe(200)
    expect(ok.body.tsmPassword).toBe('Secret-Pass-99')
  })

  it('updates a node with PUT (OS/type consistency, lock, rename rules)', async () => {
    const cid = await newConsumer('PutTest')
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    const r = await api(nodePath(cid), { method: 'PUT', json: { cpuCount: 8, Contact: 'Ops', Domain: { Id: 5 } } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ cpuCount: 8, contact: 'Ops', domain: { id: 5, name: '1YEAR' } })
    const bad = await api(nodePath(cid), { method: 'PUT', json: { type: { id: 3 }, cpuCount: 4 } })
    expect(bad.status).toBe(400)
    expect(sim.state.nodes.get(sim.state.consumers.get(cid)!.nodeId!)!.cpuCount).toBe(8)
    expect((await api(nodePath(cid), { method: 'PUT', json: { locked: true } })).status).toBe(409)
    await api(`${nodePath(cid)}/activate?tsmName=PUTTEST`)
    const locked = await api(nodePath(cid), { method: 'PUT', json: { locked: true, tsmName: 'puttest_renamed' } })
    expect(locked.body).toMatchObject({ locked: true, tsmName: 'PUTTEST_RENAMED', dataSourceState: { name: 'Locked' } })
    expect(sim.state.tsmNames.has('1/PUTTEST')).toBe(false)
  })

  it('lists filespaces; tsmSync=true is slower; unactivated nodes have none', async () => {
    const c = [...sim.state.consumers.values()].find((x) => x.nodeId !== undefined && sim.state.nodes.get(x.nodeId)!.activatedDate && x.businessUnitId)!
    const path = `bunits/${c.businessUnitId}/consumers/${c.id}/node/filespaces`
    const fast = await api(`${path}?tsmSync=false`)
    expect(fast.status).toBe(200)
    expect(fast.body.total).toBeGreaterThan(0)
    expect(fast.body.items[0]).toMatchObject({ href: expect.stringContaining('/node/filespaces/'), name: expect.any(String), capacityMegaBytes: expect.any(Number) })
    sim.faults.tsmSyncDelayMs = 200
    const t0 = Date.now()
    const synced = await api(`${path}?tsmSync=True`)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190)
    expect(synced.body.items).toEqual(fast.body.items)
    const t1 = Date.now()
    await api(`${path}?tsmSync=false`)
    expect(Date.now() - t1).toBeLessThan(150)
    const cid = await newConsumer('Fresh')
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    expect((await api(`${nodePath(cid)}/filespaces`)).body).toMatchObject({ total: 0, items: [] })
    expect((await api(`${path}?tsmSync=perhaps`)).status).toBe(400)
  })

  it('DELETE node removes the consumer too', async () => {
    const cid = await newConsumer('Doomed')
    await api(nodePath(cid), { method: 'POST', json: nodeBody })
    await api(`${nodePath(cid)}/activate?tsmName=DOOMED`)
    const r = await api(`${nodePath(cid)}?deleteAssociations=true`, { method: 'DELETE' })
    // Answered with the deleted node, as Safespring's Go library expects.
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ tsmName: 'DOOMED', consumer: { id: cid } })
    expect((await api(`bunits/${unitId}/consumers/${cid}`)).status).toBe(404)
    expect(sim.state.tsmNames.has('1/DOOMED')).toBe(false)
    // The name is free again.
    const cid2 = await newConsumer('Doomed again')
    await api(nodePath(cid2), { method: 'POST', json: nodeBody })
    expect((await api(`${nodePath(cid2)}/activate?tsmName=doomed`)).status).toBe(200)
  })
})
