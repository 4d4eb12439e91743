/**
 * Keyboard shortcuts the renderer owns and the application menu shows. One list, so the menu's
 * accelerators and the keys the renderer listens for cannot drift apart: a menu click is forwarded
 * to the renderer as the same key press (see renderer MenuBridge.vue).
 */
export interface Shortcut {
  /** KeyboardEvent.key, lower case, pressed with Ctrl (Cmd on macOS). */
  key: string
  /** Electron accelerator shown in the menu. */
  accelerator: string
}

export const SHORTCUTS = {
  commandPalette: { key: 'k', accelerator: 'CmdOrCtrl+K' },
  filter: { key: 'f', accelerator: 'CmdOrCtrl+F' }
} as const satisfies Record<string, Shortcut>

/** Ctrl/Cmd+1 … Ctrl/Cmd+9 switch to the account at that position. */
export function accountShortcut(position: number): Shortcut {
  return { key: String(position), accelerator: `CmdOrCtrl+${position}` }
}

export const ACCOUNT_SHORTCUT_COUNT = 9
