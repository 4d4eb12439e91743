/**
 * Deterministic estate generator: the same seed, sizes and reference time give
 * the same units, consumers, nodes, proxies and audit history. Built for speed:
 * one pass, no per-item scans (20,000 consumers in a few hundred ms).
 */
import { AUDIT_TYPES } from './audit'
import { DEFAULT_SERVER_ID, TIME_ZONES } from './catalog'
import type { BusinessUnitRec, ConsumerRec, SimState } from './model'
import {
  COMPANIES,
  DEPARTMENTS,
  FIRST_NAMES,
  LINUX_HOSTS,
  MSP_NAME,
  NOTES,
  SERVER_ROLES,
  USERS
} from './names'
import { baseNodeName, randomNodeName, randomPassword, uniqueNodeName } from './nodename'
import { createPrng, type Prng } from './prng'
import { addBunit, addConsumer, addNode, createEmptyState, isTsmNameTaken, linkProxy, recordAudit } from './store'

export interface EstateOptions {
  seed: number
  bunits: number
  consumers: number
  estate: 'generated' | 'empty'
  version: string
  /** Generated history ends here (ms since epoch). */
  referenceTime: number
}

const DAY = 86_400_000
const MIN_CONSUMER_AGE_DAYS = 40
const iso = (ms: number): string => new Date(ms).toISOString()

export function generateEstate(opts: EstateOptions): SimState {
  const state = createEmptyState({
    version: opts.version,
    seed: opts.seed,
    groupName: MSP_NAME,
    rootName: MSP_NAME,
    referenceTime: opts.referenceTime
  })
  if (opts.estate === 'empty') return state
  const rng = createPrng(opts.seed)
  state.audit.bulk = true
  const units = generateUnits(state, rng, Math.max(1, opts.bunits))
  generateConsumers(state, rng, units, opts.consumers)
  state.audit.sortAll()
  return state
}

function generateUnits(state: SimState, rng: Prng, total: number): BusinessUnitRec[] {
  const root = state.bunits.get(state.rootId) as BusinessUnitRec
  const ref = state.referenceTime
  const companies: BusinessUnitRec[] = []
  const departments: BusinessUnitRec[] = []
  const nCompanies = Math.min(total - 1, Math.max(1, Math.ceil((total - 1) / 5)))
  const usedNames = new Set<string>()
  const unique = (name: string): string => {
    let candidate = name
    for (let i = 2; usedNames.has(candidate); i++) candidate = `${name} ${i}`
    usedNames.add(candidate)
    return candidate
  }
  const make = (parent: BusinessUnitRec, name: string, minAgeDays: number): BusinessUnitRec => {
    const created = ref - rng.int(minAgeDays, minAgeDays + 400) * DAY - rng.int(0, DAY)
    const unit = addBunit(state, {
      parentId: parent.id,
      name,
      registrationNumber: rng.chance(0.8) ? `SE55${rng.int(10_000_000, 99_999_999)}01` : '',
      timeZoneId: rng.chance(0.85) ? 4 : rng.pick(TIME_ZONES).id,
      createdDate: iso(created),
      ...(rng.chance(0.15) ? { note: rng.pick(NOTES) } : {})
    })
    recordAudit(state, {
      type: AUDIT_TYPES.create,
      message: `Business unit '${unit.name}' was created.`,
      userName: USERS[1],
      bunit: parent,
      time: created
    })
    return unit
  }
  for (let i = 0; i < nCompanies; i++) {
    const base = COMPANIES[i % COMPANIES.length] as string
    companies.push(make(root, unique(i < COMPANIES.length ? base : `${base} ${Math.floor(i / COMPANIES.length) + 1}`), 700))
  }
  for (let i = companies.length + 1; i < total; i++) {
    // Mostly departments of a company; some sub-units of a department (a third level).
    const deep = departments.length > 3 && rng.chance(0.3)
    const parent = deep ? rng.pick(departments) : rng.pick(companies)
    const dept = make(parent, unique(`${rng.pick(DEPARTMENTS)} (${parent.name.split(' ')[0]})`), 300)
    departments.push(dept)
  }
  const all = [...companies, ...departments]
  return all.length > 0 ? all : [root]
}

interface MachineKind {
  os: number
  type: number
  name: string
}

function machine(rng: Prng, seq: number): MachineKind {
  const person = rng.pick(FIRST_NAMES)
  const nn = String((seq % 99) + 1).padStart(2, '0')
  const r = rng.next()
  if (r < 0.3) return { os: 1, type: 2, name: `${person}sWS` }
  if (r < 0.42) return { os: 1, type: 2, name: `LAPTOP-${person.toUpperCase()}${seq % 10}` }
  if (r < 0.5) return { os: 2, type: 2, name: `${person}s-MacBook` }
  if (r < 0.7) return { os: 1, type: 1, name: `${rng.pick(SERVER_ROLES)}${nn}` }
  if (r < 0.85) return { os: 3, type: 1, name: `${rng.pick(LINUX_HOSTS)}${nn}.lan` }
  if (r < 0.95) return { os: 4, type: 3, name: `SQL-PROD-${nn}` }
  return { os: 5, type: 1, name: `AIX-LPAR${nn}` }
}

function generateConsumers(state: SimState, rng: Prng, units: BusinessUnitRec[], count: number): void {
  const ref = state.referenceTime
  // Nothing generated may lie after the reference time, or live entries would sort before history.
  const past = (t: number): number => Math.min(t, ref - 60_000)
  const taken = (n: string): boolean => isTsmNameTaken(state, DEFAULT_SERVER_ID, n)
  // Machine names repeat a lot ("JennysWS"); remember the last suffix per base so
  // finding a free BASE_n stays O(1) instead of re-probing from _2 every time.
  const lastSuffix = new Map<string, number>()
  const derivedName = (consumerName: string): string => {
    const base = baseNodeName(consumerName)
    let i = lastSuffix.get(base)
    let candidate = i === undefined ? base : `${base}_${i}`
    while (taken(candidate)) {
      i = (i ?? 1) + 1
      candidate = `${base.slice(0, 63 - String(i).length)}_${i}`
    }
    lastSuffix.set(base, i ?? 1)
    return candidate
  }
  // Last activated consumer per unit: restore-testing proxy pairs are made within a unit.
  const lastActivated = new Map<number, ConsumerRec>()
  for (let i = 0; i < count; i++) {
    const unit = units[i < units.length ? i : rng.int(0, units.length - 1)] as BusinessUnitRec
    const kind = machine(rng, i)
    const unitCreated = Date.parse(unit.createdDate)
    // Consumers are at least 40 days old, so every activated node has over 35 nights of reports.
    const created = unitCreated + rng.next() * Math.max(DAY, ref - MIN_CONSUMER_AGE_DAYS * DAY - unitCreated)
    const c = addConsumer(state, {
      businessUnitId: unit.id,
      name: kind.name,
      createdDate: iso(created),
      billingStartDate: iso(Math.floor(created / DAY) * DAY),
      limitHighStorage: rng.pick([0, 50, 100, 250, 500, 1000]),
      allowNoActivity: rng.chance(0.1),
      ...(rng.chance(0.12) ? { note: rng.pick(NOTES) } : {}),
      ...(rng.chance(0.05) ? { externalReference: `CRM-${rng.int(1000, 9999)}` } : {})
    })
    const actor = rng.pick(USERS)
    recordAudit(state, { type: AUDIT_TYPES.create, message: `Consumption unit '${c.name}' was created.`, userName: actor, bunit: unit, consumer: c, time: created })

    const roll = rng.next()
    if (roll < 0.08) continue // consumer without a node
    const nodeCreated = created + rng.int(1, 600) * 1000
    const node = addNode(state, c, {
      serverId: DEFAULT_SERVER_ID,
      operatingSystemId: kind.os,
      typeId: kind.type,
      // Same draws as before the production ids: STANDARD (1) most common, then 180DAYS (7).
      domainId: rng.pick([2, 3, 4, 7, 7, 5, 6, 1, 1, 1]),
      ...(rng.chance(0.7) ? { clientOptionSetId: rng.chance(0.8) ? 2 : 1 } : {}),
      cpuCount: kind.type === 2 ? 1 : rng.pick([2, 4, 8, 16]),
      contact: rng.chance(0.6) ? `${rng.pick(FIRST_NAMES)} (${unit.name})` : '',
      createdDate: iso(nodeCreated),
      locked: false,
      decommissioned: false,
      filespaceCount: 0
    })
    recordAudit(state, { type: AUDIT_TYPES.create, message: `Backup node for '${c.name}' was created.`, userName: actor, bunit: unit, consumer: c, time: nodeCreated })
    if (roll < 0.2) continue // node created, never activated

    const activatedAt = past(nodeCreated + rng.int(60, 3 * 86_400) * 1000)
    const name = rng.chance(0.5) ? uniqueNodeName(randomNodeName(rng), taken) : derivedName(kind.os === 4 ? `${c.name}_DB` : c.name)
    node.activatedDate = iso(activatedAt)
    node.tsmPassword = randomPassword(rng)
    node.tsmNodeId = String(node.id * 7 + 100_000)
    state.tsmNames.set(`${node.serverId}/${name}`, node.id)
    node.tsmName = name
    node.filespaceCount = rng.int(1, 5)
    // A few nodes went silent (laptops gone, machines retired): their reports show missed nights.
    const stale = rng.chance(0.06)
    const lastAccess = Math.max(activatedAt, ref - (stale ? rng.int(8, 60) : rng.int(0, 2)) * DAY - rng.int(0, DAY))
    node.lastAccessTime = iso(lastAccess)
    c.latestRestorePoint = iso(lastAccess)
    recordAudit(state, { type: AUDIT_TYPES.modify, message: `Backup node '${name}' was activated.`, userName: actor, bunit: unit, consumer: c, time: activatedAt })
    if (stale) {
      recordAudit(state, { type: AUDIT_TYPES.error, message: `No backup activity for node '${name}' in over 7 days.`, userName: 'system', bunit: unit, consumer: c, time: past(lastAccess + 7 * DAY) })
    }
    if (rng.chance(0.15)) {
      recordAudit(state, { type: AUDIT_TYPES.info, message: `Password of node '${name}' was viewed.`, userName: rng.pick(USERS), bunit: unit, consumer: c, time: past(activatedAt + rng.int(1, 30) * DAY) })
    }

    const state2 = rng.next()
    if (state2 < 0.06) {
      node.locked = true
      node.lockedAt = iso(past(lastAccess + DAY))
      recordAudit(state, { type: AUDIT_TYPES.modify, message: `Backup node '${name}' was locked.`, userName: actor, bunit: unit, consumer: c, time: past(lastAccess + DAY) })
    } else if (state2 < 0.1) {
      node.decommissioned = true
      node.locked = true
      node.lockedAt = iso(past(lastAccess + DAY))
      recordAudit(state, { type: AUDIT_TYPES.modify, message: `Backup node '${name}' was decommissioned.`, userName: actor, bunit: unit, consumer: c, time: past(lastAccess + DAY) })
    }
    const previous = lastActivated.get(unit.id)
    if (previous && rng.chance(0.05)) linkProxy(state, previous.id, c.id)
    lastActivated.set(unit.id, c)
  }
}
