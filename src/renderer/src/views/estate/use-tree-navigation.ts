/**
 * The business-unit tree's behaviour, kept out of the component so the tree view stays a view:
 * - follows navigation: when the selected unit changes (a jump from Ctrl+K, search, a link, a
 *   unit just created) its ancestors are expanded, it becomes the focused row and is scrolled into
 *   view; a unit added to the tree shows at once because its path is expanded on arrival;
 * - keyboard per the WAI-ARIA tree pattern: ↑/↓, → (expand, then first child), ← (collapse, then
 *   parent), Home/End, Enter/Space (open), * (expand siblings) and type-ahead on names.
 */
import { nextTick, ref, watch, type ComputedRef, type Ref } from 'vue'
import type { TreeNode } from '../../../../shared/ipc/models'
import { parentIndex, pathTo, typeAheadIndex, type TreeRow } from './tree-model'

export interface TreeNavigationOptions {
  root: () => TreeNode
  selectedId: () => number | null | undefined
  rows: ComputedRef<TreeRow[]>
  expanded: Ref<Set<number>>
  filter: Ref<string>
  /** Scrolls row `index` into view. */
  ensureVisible: (index: number) => void
  open: (node: TreeNode) => void
}

const TYPE_AHEAD_RESET_MS = 700

export function useTreeNavigation(o: TreeNavigationOptions) {
  const focusIndex = ref(0)
  let typed = ''
  let typedAt = 0

  function focusRow(index: number): void {
    if (index < 0 || index >= o.rows.value.length) return
    focusIndex.value = index
    o.ensureVisible(index)
  }

  function setExpanded(id: number, open: boolean): void {
    if (o.expanded.value.has(id) === open) return
    const next = new Set(o.expanded.value)
    if (open) next.add(id)
    else next.delete(id)
    o.expanded.value = next
  }

  function toggle(id: number): void {
    setExpanded(id, !o.expanded.value.has(id))
  }

  /** Expands the path to the selected unit and focuses it (also after the tree was re-read). */
  async function follow(): Promise<void> {
    const id = o.selectedId()
    if (id === null || id === undefined) return
    const path = pathTo(o.root(), id)
    if (!path) return
    const missing = path.slice(0, -1).filter((p) => !o.expanded.value.has(p))
    if (missing.length > 0) o.expanded.value = new Set([...o.expanded.value, ...missing])
    await nextTick()
    const index = o.rows.value.findIndex((r) => r.node.id === id)
    if (index >= 0) focusRow(index)
  }

  watch(() => [o.selectedId(), o.root()] as const, () => void follow(), { immediate: true })

  function onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const rows = o.rows.value
    if (rows.length === 0) return
    const index = Math.min(focusIndex.value, rows.length - 1)
    const row = rows[index]
    const filtering = o.filter.value.trim() !== ''
    switch (event.key) {
      case 'ArrowDown': focusRow(Math.min(rows.length - 1, index + 1)); break
      case 'ArrowUp': focusRow(Math.max(0, index - 1)); break
      case 'Home': focusRow(0); break
      case 'End': focusRow(rows.length - 1); break
      case 'ArrowRight':
        if (!row?.hasChildren) break
        if (!row.expanded && !filtering) setExpanded(row.node.id, true)
        else focusRow(index + 1)
        break
      case 'ArrowLeft':
        if (row?.expanded && row.hasChildren && !filtering) setExpanded(row.node.id, false)
        else focusRow(parentIndex(rows, index))
        break
      case 'Enter':
      case ' ':
        if (row) o.open(row.node)
        break
      case '*': {
        // Expands every sibling of the focused unit.
        const parent = parentIndex(rows, index)
        const siblings = parent < 0 ? [o.root()] : rows[parent]!.node.children
        o.expanded.value = new Set([...o.expanded.value, ...siblings.filter((s) => s.children.length > 0).map((s) => s.id)])
        break
      }
      default:
        if (event.key.length !== 1 || !/\S/.test(event.key)) return
        typed = event.timeStamp - typedAt > TYPE_AHEAD_RESET_MS ? event.key : typed + event.key
        typedAt = event.timeStamp
        focusRow(typeAheadIndex(rows, index, typed))
    }
    event.preventDefault()
  }

  return { focusIndex, toggle, onKey, follow }
}
