import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator/index'
import { session, type CallOptions, type J } from './helpers'

describe('simulator catalogues: time zones, OS, node types, default server', () => {
  let sim: RunningSimulator
  let api: (path: string, opts?: CallOptions) => Promise<{ status: number; body: J }>
  beforeAll(async () => {
    ;({ sim, api } = await session({ estate: 'empty' }))
  })
  afterAll(() => sim.close())

  it('lists time zones and gets one', async () => {
    const list = await api('timezones')
    expect(list.status).toBe(200)
    expect(list.body.total).toBe(list.body.items.length)
    expect(list.body.items.length).toBeGreaterThan(3)
    const one = await api('timezones/4')
    expect(one.body).toMatchObject({ id: 4, windowsId: 'W. Europe Standard Time', href: `${sim.apiUrl}timezones/4` })
    expect((await api('timezones/4/offset?date=2024-01-01T00:00:00Z')).body).toBe(60)
    expect((await api('timezones/999')).status).toBe(404)
  })

  it('lists operating systems with supported node types, and node types', async () => {
    const os = await api('nodeoperatingsystems')
    expect(os.status).toBe(200)
    for (const item of os.body.items) {
      expect(item.supportedNodeTypes.length).toBeGreaterThan(0)
      expect(item.supportedNodeTypes[0]).toHaveProperty('name')
    }
    const three = await api('nodeoperatingsystems/3')
    expect(three.body).toMatchObject({ id: 3, name: 'Linux' })
    const types = await api('nodetypes')
    expect(types.body.items.map((t: J) => t.name)).toEqual(['File Server', 'Workstation', 'Application server'])
    expect((await api('nodetypes/2')).body.name).toBe('Workstation')
    expect((await api('nodetypes/9')).status).toBe(404)
    expect((await api('nodeoperatingsystems/0')).status).toBe(404)
  })

  it('serves the default server, its domains (with retention) and client option sets', async () => {
    const root = sim.state.rootId
    const server = await api(`bunits/${root}/defaultserver`)
    expect(server.body).toMatchObject({ id: 1, href: `${sim.apiUrl}bunits/${root}/defaultserver` })
    const domains = await api(`bunits/${root}/defaultserver/domains`)
    expect(domains.body.items.map((d: J) => d.name)).toContain('STANDARD')
    for (const d of domains.body.items) {
      expect(d.backupRetention).toBeGreaterThan(0)
      expect(d.archiveRetention).toBeGreaterThan(0)
    }
    const sets = await api(`bunits/${root}/defaultserver/clientoptionsets`)
    // Safespring's production ids: client option set 2 is DEDUP_AND_COMPRESS, domain 1 the 180-day STANDARD.
    expect(sets.body.items.map((c: J) => [c.id, c.name])).toEqual([[1, 'FORCE_ENCRYPT'], [2, 'DEDUP_AND_COMPRESS']])
    expect((await api('bunits/424242/defaultserver')).status).toBe(404)
  })
})
