/**
 * Consumer (consumption unit) shape. Like the real API it never embeds `node`:
 * clients read the node from `…/consumers/{id}/node`.
 */
import { DATA_SOURCE_TYPE } from '../catalog'
import { stateOf } from '../lifecycle'
import type { ConsumerRec, SimState } from '../model'
import { bunitRef } from './bunit'
import { href } from './hyper'

export const consumerPath = (c: ConsumerRec): string => `bunits/${c.businessUnitId}/consumers/${c.id}`

export function consumer(state: SimState, c: ConsumerRec) {
  const unit = state.bunits.get(c.businessUnitId)
  const node = c.nodeId !== undefined ? state.nodes.get(c.nodeId) : undefined
  const s = stateOf(node)
  return {
    href: href(state, consumerPath(c)),
    dataSourceType: { ...DATA_SOURCE_TYPE },
    dataSourceIsPotentialParent: false,
    dataSourceState: { id: s.id, name: s.name },
    ...(c.latestRestorePoint !== undefined ? { latestRestorePoint: c.latestRestorePoint } : {}),
    name: c.name,
    billingStartDate: c.billingStartDate,
    ...(unit ? { businessUnit: bunitRef(state, unit) } : {}),
    comments: [],
    ...(c.note !== undefined ? { note: c.note } : {}),
    ...(c.externalReference !== undefined ? { externalReference: c.externalReference } : {}),
    limitHighStorage: c.limitHighStorage,
    allowNoActivity: c.allowNoActivity,
    tags: [],
    jobs: [],
    id: c.id,
    createdDate: c.createdDate
  }
}

/** Minimal reference used inside a node. */
export function consumerRef(state: SimState, c: ConsumerRec) {
  return { href: href(state, consumerPath(c)), name: c.name, id: c.id, createdDate: c.createdDate }
}
