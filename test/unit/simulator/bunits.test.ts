import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

describe('simulator business units', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  beforeAll(async () => {
    ;({ sim, api } = await session({ seed: 7, bunits: 15, consumers: 40 }))
  })
  afterAll(() => sim.close())

  it('GET me returns the user with a business unit', async () => {
    const r = await api('me')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ email: 'demo@example.com', businessUnitId: sim.state.rootId })
    expect(r.body.businessUnit).toMatchObject({ id: sim.state.rootId, href: `${sim.apiUrl}bunits/${sim.state.rootId}` })
    expect(r.body.businessUnit.$type).toContain('BusinessUnit')
  })

  it('GET bunits returns the SimpleBusinessUnit tree of every unit', async () => {
    const r = await api('bunits')
    expect(r.status).toBe(200)
    const seen: number[] = []
    const walk = (u: J, parentId?: number) => {
      seen.push(u.id)
      if (parentId === undefined) expect(u).not.toHaveProperty('parentId')
      else expect(u.parentId).toBe(parentId)
      expect(u).toMatchObject({ reportRemotely: false, tags: [], invoiceDay: 0 })
      expect(typeof u.groupName).toBe('string')
      for (const c of u.businessUnits) walk(c, u.id)
    }
    walk(r.body)
    expect(r.body.id).toBe(sim.state.rootId)
    expect(seen.sort()).toEqual([...sim.state.bunits.keys()].sort())
    // Several levels: some unit has a grandparent below the root.
    const depth = (u: J): number => 1 + Math.max(0, ...u.businessUnits.map(depth))
    expect(depth(r.body)).toBeGreaterThanOrEqual(3)
  })

  it('GET bunits/{id} has hypermedia collections, parent and time zone', async () => {
    const child = [...sim.state.bunits.values()].find((u) => u.parentId === sim.state.rootId && u.children.length > 0)!
    const r = await api(`bunits/${child.id}`)
    expect(r.status).toBe(200)
    expect(r.body.href).toBe(`${sim.apiUrl}bunits/${child.id}`)
    expect(r.body.parentBusinessUnit).toMatchObject({ id: sim.state.rootId })
    expect(r.body.parentBusinessUnit).not.toHaveProperty('href')
    expect(r.body.timeZone).toMatchObject({ $type: expect.stringContaining('TimeZone'), href: expect.stringContaining('/v1/timezones/') })
    expect(r.body.timeZone.actions[0]).toMatchObject({ method: 'GET' })
    for (const key of ['users', 'addresses', 'businessUnits']) {
      expect(r.body[key]).toMatchObject({ $type: expect.stringContaining('Collection'), href: `${sim.apiUrl}bunits/${child.id}/${key === 'businessUnits' ? 'bunits' : key}` })
      expect(r.body[key].total).toBe(r.body[key].items.length)
    }
    expect(r.body.businessUnits.total).toBe(child.children.length)
    const root = await api(`bunits/${sim.state.rootId}`)
    expect(root.body).not.toHaveProperty('parentBusinessUnit')
    expect(root.body.users.items.map((u: J) => u.email)).toContain('demo@example.com')
  })

  it('GET bunits/{id}/bunits lists the children', async () => {
    const r = await api(`bunits/${sim.state.rootId}/bunits`)
    expect(r.status).toBe(200)
    const root = sim.state.bunits.get(sim.state.rootId)!
    expect(r.body.total).toBe(root.children.length)
    expect(r.body.items.map((u: J) => u.id)).toEqual(root.children)
    expect(r.body.items[0].$type).toContain('BusinessUnit')
  })

  it('answers 404 for unknown and non-numeric ids', async () => {
    expect((await api('bunits/999999')).status).toBe(404)
    const r = await api('bunits/abc')
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ status: 404, code: 'not_found' })
  })

  it('creates a unit with name, registration number and time zone (PascalCase too)', async () => {
    const r = await api(`bunits/${sim.state.rootId}/bunits`, {
      method: 'POST',
      json: { Name: 'Kiruna Mining AB', RegistrationNumber: 'SE5566001122', TimeZone: { ID: 5 } }
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'Kiruna Mining AB', registrationNumber: 'SE5566001122', timeZone: { id: 5 } })
    expect(sim.state.bunits.get(sim.state.rootId)!.children).toContain(r.body.id)
    const inherited = await api(`bunits/${r.body.id}/bunits`, { method: 'POST', json: { name: 'Mine Office' } })
    expect(inherited.body.timeZone.id).toBe(5)
    expect(inherited.body.parentBusinessUnit.id).toBe(r.body.id)
  })

  it('validates unit input with 400 naming the field', async () => {
    const noName = await api(`bunits/${sim.state.rootId}/bunits`, { method: 'POST', json: { registrationNumber: 'x' } })
    expect(noName.status).toBe(400)
    expect(noName.body.message).toContain('name')
    const badTz = await api(`bunits/${sim.state.rootId}/bunits`, { method: 'POST', json: { name: 'X', timeZone: { id: 999 } } })
    expect(badTz.status).toBe(400)
    expect(badTz.body.developerMessage).toContain('timeZone')
    const wrongType = await api(`bunits/${sim.state.rootId}/bunits`, { method: 'POST', json: { name: 42 } })
    expect(wrongType.status).toBe(400)
    const badJson = await api(`bunits/${sim.state.rootId}/bunits`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, json: undefined })
    expect(badJson.status).toBe(400)
  })

  it('rejects a malformed JSON body with 400 invalid_json', async () => {
    const res = await fetch(`${sim.apiUrl}bunits/${sim.state.rootId}/bunits`, {
      method: 'POST',
      headers: { Origin: sim.defaults.origin, Authorization: (await tokenHeader()), 'Content-Type': 'application/json' },
      body: '{"name":'
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as J).code).toBe('invalid_json')
  })

  async function tokenHeader(): Promise<string> {
    const res = await fetch(sim.apiUrl + 'oauth', {
      method: 'POST',
      headers: { Origin: sim.defaults.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'desk-demo', grant_type: 'password', username: 'demo@example.com', password: 'demo' })
    })
    return `Bearer ${((await res.json()) as J).access_token}`
  }

  it('updates a unit with PUT', async () => {
    const created = await api(`bunits/${sim.state.rootId}/bunits`, { method: 'POST', json: { name: 'Temp' } })
    const r = await api(`bunits/${created.body.id}`, { method: 'PUT', json: { name: 'Renamed', note: 'hello', timeZone: { id: 1 } } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'Renamed', note: 'hello', timeZone: { id: 1 } })
    expect((await api(`bunits/${created.body.id}`, { method: 'PUT', json: { name: '  ' } })).status).toBe(400)
    expect(sim.state.bunits.get(created.body.id)!.name).toBe('Renamed')
  })

  it('refuses to delete a unit with children or consumers (409) and the own root (403)', async () => {
    const withChildren = [...sim.state.bunits.values()].find((u) => u.parentId !== null && u.children.length > 0)!
    const a = await api(`bunits/${withChildren.id}`, { method: 'DELETE' })
    expect(a.status).toBe(409)
    expect(a.body.message).toMatch(/business unit/)
    const withConsumers = [...sim.state.bunits.values()].find((u) => u.parentId !== null && u.children.length === 0 && u.consumerIds.length > 0)!
    const b = await api(`bunits/${withConsumers.id}`, { method: 'DELETE' })
    expect(b.status).toBe(409)
    expect(b.body.message).toMatch(/consumption unit/)
    const root = await api(`bunits/${sim.state.rootId}`, { method: 'DELETE' })
    expect(root.status).toBe(403)
    expect(sim.state.bunits.has(withChildren.id) && sim.state.bunits.has(withConsumers.id)).toBe(true)
  })

  it('deletes an empty unit', async () => {
    const created = await api(`bunits/${sim.state.rootId}/bunits`, { method: 'POST', json: { name: 'Short-lived' } })
    const r = await api(`bunits/${created.body.id}`, { method: 'DELETE' })
    expect(r.status).toBe(204)
    expect((await api(`bunits/${created.body.id}`)).status).toBe(404)
    expect(sim.state.bunits.get(sim.state.rootId)!.children).not.toContain(created.body.id)
  })
})
