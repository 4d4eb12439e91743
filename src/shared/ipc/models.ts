/**
 * Shapes that cross the IPC boundary. Inputs are zod schemas (main validates every payload);
 * outputs are plain TypeScript types (main produces them, the renderer reads them).
 * Nothing here ever carries a password or a token to the renderer.
 */
import { z } from 'zod'
import { networkSettingsInput, type NetworkSettingsView } from './network-models'

export const accountId = z.string().min(1, 'Account id is required').max(100)

const trimmed = (label: string, max = 200) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} is too long`)

/** Portal API base URL as typed by the user, e.g. https://portal-api.example.com/v1/ */
export const apiUrl = trimmed('Portal API URL', 500).refine(
  (value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
    } catch {
      return false
    }
  },
  { message: 'Portal API URL must be an http(s) address, e.g. https://portal-api.example.com/v1/' }
)

/** An origin: scheme://host[:port], nothing after it. */
export const origin = trimmed('Origin', 300).refine(
  (value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '')
    } catch {
      return false
    }
  },
  { message: 'Origin must look like https://service.example.com (scheme and host, no path)' }
)

export const password = z.string({ error: 'Password is required' }).min(1, 'Password is required').max(1000)
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colour must look like #1e88e5')
export const label = z.string().trim().max(12, 'Label is at most 12 characters')
export const secretMode = z.enum(['keychain', 'session'])

export const connectionFields = z.object({
  apiUrl,
  clientId: trimmed('Client ID'),
  origin,
  username: trimmed('Username')
})

// network (issue 10): proxy, extra CA, plain-http opt-in; absent = defaults / unchanged.
export const connectionTestInput = connectionFields.extend({ password, network: networkSettingsInput.optional() })

export const addAccountInput = connectionFields.extend({
  displayName: trimmed('Display name', 80),
  password,
  color: color.default('#1e88e5'),
  label: label.default(''),
  secretMode: secretMode.default('keychain'),
  network: networkSettingsInput.optional()
})

export const updateAccountInput = z.object({
  accountId,
  patch: z
    .object({
      displayName: trimmed('Display name', 80),
      apiUrl,
      clientId: trimmed('Client ID'),
      origin,
      username: trimmed('Username'),
      color,
      label,
      secretMode,
      network: networkSettingsInput
    })
    .partial(),
  /** A new password: replaces the one in the keychain (or in memory for session accounts). */
  password: password.optional()
})

export const reorderInput = z.object({ accountIds: z.array(accountId).max(500) })
export const unlockInput = z.object({ accountId, password })
export const externalUrlInput = z.object({ url: z.string().max(2000) })

export type ConnectionTestInput = z.input<typeof connectionTestInput>
export type AddAccountInput = z.input<typeof addAccountInput>
export type UpdateAccountInput = z.input<typeof updateAccountInput>

// ---------------------------------------------------------------- outputs

export interface KeychainStatus {
  available: boolean
  /** Why not, in words a user understands. */
  reason?: string
}

export interface AppInfo {
  version: string
  /** 'electron' for the desktop window, 'browser' for the loopback browser host. */
  host: 'electron' | 'browser'
  platform: string
  keychain: KeychainStatus
}

export type AccountStatus = 'signed-out' | 'signing-in' | 'signed-in' | 'needs-password' | 'offline' | 'error'

export interface AccountView {
  id: string
  displayName: string
  apiUrl: string
  clientId: string
  origin: string
  username: string
  color: string
  label: string
  secretMode: 'keychain' | 'session'
  status: AccountStatus
  /** Shown next to the status, e.g. the reason a sign-in failed. */
  statusMessage?: string
  portalVersion?: string
  businessUnitName?: string
  isDemo: boolean
  /** Proxy, extra CA, plain-http opt-in (issue 10). Main always sends it; absent reads as the defaults. */
  network?: NetworkSettingsView
}

export interface StoreProblem {
  /**
   * 'newer-config': accounts.json was written by a newer Cloutility Desk (left untouched, accounts
   * read-only); 'config-entries-set-aside': some account entries could not be read (kept aside).
   */
  kind: 'corrupt-config' | 'corrupt-cache' | 'keychain' | 'newer-config' | 'config-entries-set-aside'
  message: string
  /** Where the unreadable file was set aside, if any. */
  path?: string
}

export interface AccountsState {
  /** Grows with every change main publishes: a mirror keeps the newest of a load and an event. */
  revision: number
  accounts: AccountView[]
  activeAccountId: string | null
  keychain: KeychainStatus
  problems: StoreProblem[]
}

export interface ConnectionTestResult {
  portalVersion: string
  businessUnit: { id: number; name: string }
  username: string
}

export interface TreeNode {
  id: number
  parentId: number | null
  name: string
  /** Consumers directly in this unit / in it and its descendants (0 until the first sync). */
  consumerCount: number
  totalConsumerCount: number
  children: TreeNode[]
}

export interface TreeResult {
  accountId: string
  portalVersion: string | null
  root: TreeNode
  /** 'cache' when served from the local snapshot (offline-capable), 'live' before the first sync. */
  source: 'cache' | 'live'
  syncedAt: string | null
}
