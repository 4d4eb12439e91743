/**
 * Shapes for the installed desktop app (issue 12): update status and application-menu commands
 * forwarded to the renderer. The browser host answers that updates are the desktop app's business.
 */

export type UpdateState =
  /** Updates are not managed here (browser host, development build, or no feed). */
  | 'unsupported'
  | 'idle'
  | 'checking'
  | 'up-to-date'
  | 'downloading'
  /** Downloaded and verified: "Restart to update". */
  | 'ready'
  | 'error'

export interface UpdateStatus {
  state: UpdateState
  currentVersion: string
  /** The version found, downloading or ready. */
  version?: string
  /** Download progress, 0–100. */
  percent?: number
  /** What to tell the user (an error, why a restart waits, why updates are unsupported). */
  message?: string
  /** ISO time of the last completed check. */
  checkedAt?: string
  /** A restart was asked for and waits for a running sync or change to finish. */
  installPending?: boolean
}

/** Application-menu items whose shortcut the renderer owns; main forwards the click. */
export type MenuCommand = { command: 'command-palette' } | { command: 'filter' } | { command: 'switch-account'; index: number } | { command: 'check-updates' }
