import { describe, expect, it } from 'vitest'
import { countUnits, flattenTree } from '../../../src/renderer/src/views/estate/tree-model'
import type { TreeNode } from '../../../src/shared/ipc/models'

const unit = (id: number, name: string, children: TreeNode[] = []): TreeNode => ({
  id,
  parentId: null,
  name,
  consumerCount: 0,
  totalConsumerCount: 0,
  children
})

const root = unit(1, 'Northwind', [
  unit(2, 'Acme Logistics', [unit(4, 'Acme Warehouse'), unit(5, 'Acme Office')]),
  unit(3, 'Contoso Retail', [unit(6, 'Contoso Stores')])
])

describe('flattenTree', () => {
  it('shows only expanded branches, with depth', () => {
    expect(flattenTree(root, new Set([1]), '').map((r) => [r.node.name, r.depth])).toEqual([
      ['Northwind', 0],
      ['Acme Logistics', 1],
      ['Contoso Retail', 1]
    ])
    expect(flattenTree(root, new Set([1, 2]), '').map((r) => r.node.id)).toEqual([1, 2, 4, 5, 3])
  })

  it('filters case-insensitively and keeps the ancestors of matches for context', () => {
    const rows = flattenTree(root, new Set(), 'warehouse')
    expect(rows.map((r) => r.node.name)).toEqual(['Northwind', 'Acme Logistics', 'Acme Warehouse'])
    expect(rows.map((r) => r.matches)).toEqual([false, false, true])
  })

  it('returns nothing when no unit matches', () => {
    expect(flattenTree(root, new Set([1]), 'zzz')).toEqual([])
  })

  it('counts every unit', () => {
    expect(countUnits(root)).toBe(6)
  })
})
