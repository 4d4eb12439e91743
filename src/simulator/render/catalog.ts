/** Shapes of the fixed reference data (time zones, OS, node types, server, domains, option sets). */
import {
  CATALOG_CREATED,
  NODE_TYPES,
  type ClientOptionSetDef,
  type DomainDef,
  type NodeTypeDef,
  type OperatingSystemDef,
  type ServerDef,
  type TimeZoneDef
} from '../catalog'
import type { SimState } from '../model'
import { href, hyperType } from './hyper'

export function timeZone(state: SimState, tz: TimeZoneDef) {
  return {
    $type: hyperType('TimeZone'),
    href: href(state, `timezones/${tz.id}`),
    actions: [{ name: 'Calculate UTC offset', method: 'GET', href: href(state, `timezones/${tz.id}/offset?date`) }],
    name: tz.name,
    windowsId: tz.windowsId,
    offset: tz.offset,
    id: tz.id,
    createdDate: CATALOG_CREATED
  }
}

export function nodeType(state: SimState, t: NodeTypeDef) {
  return { href: href(state, `nodetypes/${t.id}`), id: t.id, name: t.name, shortName: t.shortName, createdDate: CATALOG_CREATED }
}

export function operatingSystem(state: SimState, os: OperatingSystemDef, withTypes = true) {
  const base = { href: href(state, `nodeoperatingsystems/${os.id}`), name: os.name, shortName: os.shortName }
  const types = NODE_TYPES.filter((t) => os.supportedNodeTypeIds.includes(t.id)).map((t) => nodeType(state, t))
  return withTypes
    ? { ...base, supportedNodeTypes: types, id: os.id, createdDate: CATALOG_CREATED }
    : { ...base, id: os.id, createdDate: CATALOG_CREATED }
}

export function server(state: SimState, bunitId: number, s: ServerDef) {
  return { href: href(state, `bunits/${bunitId}/defaultserver`), id: s.id, name: s.name }
}

export function domain(state: SimState, bunitId: number, d: DomainDef, s: ServerDef) {
  return {
    href: href(state, `bunits/${bunitId}/defaultserver/domains/${d.id}`),
    server: { id: s.id, name: s.name },
    name: d.name,
    description: d.description,
    backupRetention: d.backupRetention,
    archiveRetention: d.archiveRetention,
    missingInTsm: false,
    id: d.id,
    createdDate: CATALOG_CREATED
  }
}

export function clientOptionSet(state: SimState, bunitId: number, c: ClientOptionSetDef) {
  return {
    href: href(state, `bunits/${bunitId}/defaultserver/clientoptionsets/${c.id}`),
    name: c.name,
    description: c.description,
    id: c.id,
    createdDate: CATALOG_CREATED
  }
}
