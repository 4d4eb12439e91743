/**
 * Ctrl/Cmd+F: focus the filter of the view on screen — the consumer or unit filter — or, when the
 * view has none, the header search. Laid-out (visible) fields win over hidden ones.
 */
export function focusFilter(root: ParentNode = document): boolean {
  const filters = [...root.querySelectorAll<HTMLInputElement>('input[type="search"][aria-label^="Filter"]')]
  const searches = [...root.querySelectorAll<HTMLInputElement>('input[type="search"]')]
  const usable = [...filters, ...searches].filter((el) => !el.disabled && el.closest('[hidden]') === null)
  const target = usable.find((el) => el.getClientRects().length > 0) ?? usable[0]
  if (!target) return false
  target.focus()
  target.select()
  return true
}
