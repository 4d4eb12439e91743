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
