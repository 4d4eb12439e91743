/**
 * Flattens a business-unit tree into the rows currently shown, honouring expansion and a filter.
 * With a filter, matching units are shown with their ancestors (expanded) for context.
 */
import type { TreeNode } from '../../../../shared/ipc/models'

export interface TreeRow {
  node: TreeNode
  depth: number
  expanded: boolean
  hasChildren: boolean
  matches: boolean
}

export function flattenTree(root: TreeNode, expanded: ReadonlySet<number>, filter: string): TreeRow[] {
  const needle = filter.trim().toLowerCase()
  const rows: TreeRow[] = []
  if (!needle) {
    const walk = (node: TreeNode, depth: number): void => {
      const open = expanded.has(node.id)
      rows.push({ node, depth, expanded: open, hasChildren: node.children.length > 0, matches: false })
      if (open) for (const child of node.children) walk(child, depth + 1)
    }
    walk(root, 0)
    return rows
  }
  // Keep a unit when it or any descendant matches; show all kept units expanded.
  const keep = new Map<number, boolean>()
  const mark = (node: TreeNode): boolean => {
    let any = node.name.toLowerCase().includes(needle)
    for (const child of node.children) any = mark(child) || any
    keep.set(node.id, any)
    return any
  }
  mark(root)
  const walk = (node: TreeNode, depth: number): void => {
    if (!keep.get(node.id)) return
    rows.push({
      node,
      depth,
      expanded: true,
      hasChildren: node.children.length > 0,
      matches: node.name.toLowerCase().includes(needle)
    })
    for (const child of node.children) walk(child, depth + 1)
  }
  walk(root, 0)
  return rows
}

export function countUnits(root: TreeNode): number {
  return 1 + root.children.reduce((sum, child) => sum + countUnits(child), 0)
}

/** The ids from the root down to `id` (both included), or null when `id` is not in the tree. */
export function pathTo(root: TreeNode, id: number): number[] | null {
  if (root.id === id) return [root.id]
  for (const child of root.children) {
    const below = pathTo(child, id)
    if (below) return [root.id, ...below]
  }
  return null
}

/**
 * Type-ahead (WAI-ARIA tree): the next row after `from` whose name starts with `text`
 * (case-insensitive), wrapping around; -1 when none does.
 */
export function typeAheadIndex(rows: readonly TreeRow[], from: number, text: string): number {
  const needle = text.toLowerCase()
  if (!needle || rows.length === 0) return -1
  // A repeated single letter cycles through the names that start with it.
  const repeated = needle.length > 1 && [...needle].every((ch) => ch === needle[0])
  const wanted = repeated ? needle[0]! : needle
  const start = repeated || needle.length === 1 ? from + 1 : from
  for (let step = 0; step < rows.length; step++) {
    const index = (start + step) % rows.length
    if (rows[index]!.node.name.toLowerCase().startsWith(wanted)) return index
  }
  return -1
}

/** The row index of the nearest shown ancestor row of `index` (its parent), or -1 for the root. */
export function parentIndex(rows: readonly TreeRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0
  for (let i = index - 1; i >= 0; i--) if (rows[i]!.depth < depth) return i
  return -1
}

/** The name of unit `id` in the tree, or null. */
export function findUnitName(root: TreeNode, id: number): string | null {
  if (root.id === id) return root.name
  for (const child of root.children) {
    const name = findUnitName(child, id)
    if (name !== null) return name
  }
  return null
}
