import { describe, expect, it } from 'vitest'
import { generateEstate, type EstateOptions } from '../../../src/simulator/estate'
import { stateOf } from '../../../src/simulator/lifecycle'
import type { SimState } from '../../../src/simulator/model'
import { nodeNameProblem } from '../../../src/simulator/nodename'

const base: EstateOptions = { seed: 42, bunits: 30, consumers: 500, estate: 'generated', version: '1.0.4480.0', referenceTime: Date.parse('2025-06-01T00:00:00Z') }

/** A JSON-able snapshot of everything observable, for determinism checks. */
function snapshot(s: SimState): string {
  return JSON.stringify({
    units: [...s.bunits.values()],
    consumers: [...s.consumers.values()],
    nodes: [...s.nodes.values()].map((n) => ({ ...n, proxyAgents: [...(n.proxyAgents ?? [])], proxyTargets: [...(n.proxyTargets ?? [])] })),
    audit: [...s.audit.byBunit.values()].flat()
  })
}

describe('estate generator', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    expect(snapshot(generateEstate(base))).toBe(snapshot(generateEstate(base)))
    expect(snapshot(generateEstate({ ...base, seed: 43 }))).not.toBe(snapshot(generateEstate(base)))
  })

  it('has the requested size and a multi-level tree', () => {
    const s = generateEstate(base)
    expect(s.bunits.size).toBe(30)
    expect(s.consumers.size).toBe(500)
    const depth = (id: number): number => {
      const u = s.bunits.get(id)!
      return u.parentId === null ? 0 : 1 + depth(u.parentId)
    }
    expect(Math.max(...[...s.bunits.keys()].map(depth))).toBeGreaterThanOrEqual(3)
    for (const u of s.bunits.values()) if (u.parentId !== null) expect(u.consumerIds.length).toBeGreaterThan(0)
  })

  it('has consumers in every state, proxies, realistic names and valid unique node names', () => {
    const s = generateEstate(base)
    const states = new Set<string>()
    for (const c of s.consumers.values()) states.add(stateOf(c.nodeId !== undefined ? s.nodes.get(c.nodeId) : undefined).name)
    expect([...states].sort()).toEqual(['Active', 'Decommissioned', 'Inactive', 'Locked', 'New'])
    const names = [...s.consumers.values()].map((c) => c.name)
    expect(names.some((n) => /^[A-Z][a-z]+sWS$/.test(n))).toBe(true)
    expect(names.some((n) => /^FILESRV\d\d$/.test(n))).toBe(true)
    const tsm = [...s.nodes.values()].flatMap((n) => (n.tsmName ? [n.tsmName] : []))
    expect(new Set(tsm).size).toBe(tsm.length)
    for (const n of tsm) expect(nodeNameProblem(n)).toBeNull()
    expect([...s.nodes.values()].some((n) => (n.proxyAgents?.size ?? 0) > 0)).toBe(true)
    // Symmetry of generated proxies.
    for (const n of s.nodes.values()) {
      for (const agent of n.proxyAgents ?? []) {
        expect(s.nodes.get(s.consumers.get(agent)!.nodeId!)!.proxyTargets?.has(n.consumerId)).toBe(true)
      }
    }
  })

  it('dates nothing after the reference time', () => {
    const s = generateEstate(base)
    for (const list of s.audit.byBunit.values()) for (const e of list) expect(e.time).toBeLessThanOrEqual(base.referenceTime)
    for (const n of s.nodes.values()) {
      for (const d of [n.createdDate, n.activatedDate, n.lastAccessTime]) if (d) expect(Date.parse(d)).toBeLessThanOrEqual(base.referenceTime)
    }
  })

  it("'empty' has only the root unit", () => {
    const s = generateEstate({ ...base, estate: 'empty' })
    expect(s.bunits.size).toBe(1)
    expect(s.consumers.size).toBe(0)
  })

  it('generates 20,000 consumers and 250 units well under 2 s', () => {
    // Best of two runs: the suite runs files in parallel and CPU time is noisy under contention.
    let ms = Infinity
    let s = generateEstate(base)
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now()
      s = generateEstate({ ...base, bunits: 250, consumers: 20_000 })
      ms = Math.min(ms, performance.now() - t0)
    }
    expect(s.consumers.size).toBe(20_000)
    expect(s.bunits.size).toBe(250)
    expect(ms).toBeLessThan(1500)
  })
})
