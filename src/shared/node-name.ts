/**
 * IBM Storage Protect naming rules for client node names, shared by the renderer (live form
 * validation) and the main process (last check before the portal is asked to activate a node).
 * SP upper-cases names itself, so we accept lower case and report the normalized form.
 */
export const NODE_NAME_MAX_LENGTH = 64

const ALLOWED = /^[A-Za-z0-9_.\-+&]+$/

export type NodeNameCheck = { ok: true; normalized: string } | { ok: false; reason: string }

export function validateNodeName(name: string): NodeNameCheck {
  const trimmed = name.trim()
  if (trimmed.length === 0) return { ok: false, reason: 'A node name is required.' }
  if (trimmed.length > NODE_NAME_MAX_LENGTH) {
    return { ok: false, reason: `A node name can be at most ${NODE_NAME_MAX_LENGTH} characters (this one has ${trimmed.length}).` }
  }
  if (!ALLOWED.test(trimmed)) {
    const bad = [...new Set([...trimmed].filter((c) => !/[A-Za-z0-9_.\-+&]/.test(c)))]
    const shown = bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ')
    return { ok: false, reason: `A node name may only contain A–Z, 0–9 and _ . - + & (not ${shown}).` }
  }
  return { ok: true, normalized: trimmed.toUpperCase() }
}
