/** A consumer's dataSourceState follows from its node; derived so it can never drift. */
import { DATA_SOURCE_STATES } from './catalog'
import type { NodeRec } from './model'

export type DataSourceState = (typeof DATA_SOURCE_STATES)[keyof typeof DATA_SOURCE_STATES]

export function stateOf(node: NodeRec | undefined): DataSourceState {
  if (!node) return DATA_SOURCE_STATES.new
  if (!node.activatedDate) return DATA_SOURCE_STATES.inactive
  if (node.decommissioned) return DATA_SOURCE_STATES.decommissioned
  if (node.locked) return DATA_SOURCE_STATES.locked
  return DATA_SOURCE_STATES.active
}
