/**
 * The IPC contract: every call the renderer can make and every event main pushes.
 *
 * Schemas and types only. Imported by main (to validate payloads), the preload (to build named
 * methods), the browser host's bridge and the renderer (for types). Adding a call means adding
 * one entry here and one handler in src/main/core/handlers.ts; the compiler points at the rest.
 */
import { z } from 'zod'
import type { DeskErrorShape } from '../errors'
import * as m from './models'
import * as e from './estate-models'
import * as h from './health-models'
import type * as i from './installed-models'
import * as n from './network-models'

const none = z.undefined().or(z.null()).optional()
const accountRef = z.object({ accountId: m.accountId })
const themeSourceInput = z.strictObject({ theme: z.enum(['system', 'light', 'dark'], { error: 'Theme must be system, light or dark' }) })

function call<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O }
}

export const invokes = {
  // --- app ---
  getAppInfo: call<typeof none, m.AppInfo>(none),
  openExternal: call<typeof m.externalUrlInput, void>(m.externalUrlInput),

  // --- accounts (issue 4) ---
  listAccounts: call<typeof none, m.AccountsState>(none),
  testConnection: call<typeof m.connectionTestInput, m.ConnectionTestResult>(m.connectionTestInput),
  addAccount: call<typeof m.addAccountInput, m.AccountView>(m.addAccountInput),
  updateAccount: call<typeof m.updateAccountInput, m.AccountView>(m.updateAccountInput),
  removeAccount: call<typeof accountRef, void>(accountRef),
  reorderAccounts: call<typeof m.reorderInput, void>(m.reorderInput),
  setActiveAccount: call<typeof accountRef, void>(accountRef),
  unlockAccount: call<typeof m.unlockInput, m.AccountView>(m.unlockInput),
  startDemo: call<typeof none, m.AccountView>(none),

  // --- estate reads: served from the account's local cache, so they work offline (issue 5/6) ---
  getTree: call<typeof accountRef, m.TreeResult>(accountRef),
  getEstateStatus: call<typeof accountRef, e.EstateStatus>(accountRef),
  getUnit: call<typeof e.unitRef, e.UnitDetail>(e.unitRef),
  listConsumers: call<typeof e.consumerListInput, e.ConsumerRow[]>(e.consumerListInput),
  getConsumer: call<typeof e.consumerDetailInput, e.ConsumerDetailView>(e.consumerDetailInput),
  getReference: call<typeof accountRef, e.ReferenceView>(accountRef),
  search: call<typeof e.searchInput, e.SearchHit[]>(e.searchInput),
  exportData: call<typeof e.exportInput, e.ExportFile>(e.exportInput),

  // --- live reads (need the portal) ---
  getAuditLog: call<typeof e.auditLogInput, e.AuditPage>(e.auditLogInput),
  getFilespaces: call<typeof e.filespacesInput, e.FilespaceView[]>(e.filespacesInput),
  getPossibleProxyNodes: call<typeof e.consumerRef, e.ProxyPeer[]>(e.consumerRef),
  suggestNodeName: call<typeof e.consumerRef, string>(e.consumerRef),

  // --- sync ---
  startSync: call<typeof accountRef, void>(accountRef),
  cancelSync: call<typeof accountRef, void>(accountRef),

  // --- writes: through the client, then the cache is updated from the API's answer ---
  createUnit: call<typeof e.createUnitInput, e.UnitDetail>(e.createUnitInput),
  updateUnit: call<typeof e.updateUnitInput, e.UnitDetail>(e.updateUnitInput),
  deleteUnit: call<typeof e.unitRef, void>(e.unitRef),
  createConsumer: call<typeof e.createConsumerWithNodeInput, e.ConsumerDetailView & { activation?: e.ActivationResult }>(e.createConsumerWithNodeInput),
  updateConsumer: call<typeof e.updateConsumerInput, e.ConsumerDetailView>(e.updateConsumerInput),
  deleteConsumer: call<typeof e.deleteConsumerInput, void>(e.deleteConsumerInput),
  createNode: call<typeof e.createNodeInput, e.ConsumerDetailView>(e.createNodeInput),
  updateNode: call<typeof e.updateNodeInput, e.ConsumerDetailView>(e.updateNodeInput),
  deleteNode: call<typeof e.consumerRef, void>(e.consumerRef),
  activateNode: call<typeof e.activateNodeInput, e.ActivationResult>(e.activateNodeInput),
  setNodePassword: call<typeof e.nodePasswordInput, { password: string }>(e.nodePasswordInput),
  addProxy: call<typeof e.proxyInput, e.ConsumerDetailView>(e.proxyInput),
  removeProxy: call<typeof e.proxyInput, e.ConsumerDetailView>(e.proxyInput),
  previewBulkCreate: call<typeof e.bulkRowsInput, e.BulkPreview>(e.bulkRowsInput),
  runBulkCreate: call<typeof e.bulkRunInput, e.BulkRowResult[]>(e.bulkRunInput),

  // --- backup health and usage (issue 9): reads from the cache, fetch* go to the portal ---
  getHealth: call<typeof h.healthInput, h.HealthOverview>(h.healthInput),
  getUnitHealthBadges: call<typeof h.healthAccountInput, h.UnitHealthBadge[]>(h.healthAccountInput),
  getConsumerHealth: call<typeof h.consumerHealthInput, h.ConsumerHealthView>(h.consumerHealthInput),
  getUnitUsage: call<typeof h.unitUsageInput, h.UnitUsageView>(h.unitUsageInput),
  refreshHealth: call<typeof h.healthAccountInput, void>(h.healthAccountInput),
  cancelHealthRefresh: call<typeof h.healthAccountInput, void>(h.healthAccountInput),
  setHealthSettings: call<typeof h.healthSettingsInput, void>(h.healthSettingsInput),
  fetchConsumerJobs: call<typeof h.fetchJobsInput, h.JobsView>(h.fetchJobsInput),
  fetchReportHistory: call<typeof h.fetchHistoryInput, h.HistoryView>(h.fetchHistoryInput),
  fetchUnitBilling: call<typeof h.unitUsageInput, h.UnitUsageView['billing']>(h.unitUsageInput),

  // --- installed app (issue 12) ---
  /** The desktop app's updater; the browser host answers 'unsupported'. */
  getUpdateStatus: call<typeof none, i.UpdateStatus>(none),
  checkForUpdates: call<typeof none, i.UpdateStatus>(none),
  /** "Restart to update": now when idle, else as soon as the running sync or change ends. */
  installUpdate: call<typeof none, i.UpdateStatus>(none),

  // --- network (issue 10) ---
  /** Reads a PEM CA certificate the user picked: subject, issuer, SHA-256 fingerprint (nothing stored). */
  inspectCertificate: call<typeof n.inspectCertificateInput, n.CertificateInfo>(n.inspectCertificateInput),
  /** Test a saved account with the edit form's unsaved changes; failures carry details.stage. */
  testAccountConnection: call<typeof n.testAccountConnectionInput, m.ConnectionTestResult>(n.testAccountConnectionInput),

  // --- UX pass (issue 11) ---
  /** The theme chosen in the app: the desktop window's native parts (title bar, menus) follow it. */
  setThemeSource: call<typeof themeSourceInput, void>(themeSourceInput),

  // --- sync under real conditions (issue 14) ---
  /** Background sync interval of one account (kept in its cache's meta; 0 = never). */
  setSyncSettings: call<typeof e.syncSettingsInput, void>(e.syncSettingsInput)
} as const

export const events = {
  accountsChanged: null as unknown as m.AccountsState,
  /** The account's estate changed (a sync finished or a write landed): views re-read. */
  estateChanged: null as unknown as e.EstateStatus,
  syncProgress: null as unknown as e.SyncProgress,
  bulkProgress: null as unknown as e.BulkProgress,
  /** An account's health changed (a refresh finished, failed or started): the Health view re-reads. */
  healthChanged: null as unknown as h.HealthAccountSummary,
  healthProgress: null as unknown as h.HealthProgress,

  // --- installed app (issue 12) ---
  updateStatus: null as unknown as i.UpdateStatus,
  /** An application-menu item whose shortcut the renderer owns was clicked. */
  menuCommand: null as unknown as i.MenuCommand
} as const

export type Invokes = typeof invokes
export type MethodName = keyof Invokes
export type EventName = keyof typeof events
export type InputOf<K extends MethodName> = z.input<Invokes[K]['input']>
export type ParsedInputOf<K extends MethodName> = z.output<Invokes[K]['input']>
export type OutputOf<K extends MethodName> = Invokes[K]['output']
export type EventPayload<E extends EventName> = (typeof events)[E]

export const methodNames = Object.keys(invokes) as MethodName[]
export const eventNames = Object.keys(events) as EventName[]

/** What every call resolves to across the boundary: a value or a typed error, never a throw. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: DeskErrorShape }

/** Channel names are derived, never typed by hand. */
export const invokeChannel = (method: MethodName): string => `desk:invoke:${method}`
export const eventChannel = (event: EventName): string => `desk:event:${event}`
export const eventListenerName = (event: EventName): `on${Capitalize<EventName>}` =>
  `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as `on${Capitalize<EventName>}`

/** The object the preload (Electron) or the web bridge (browser host) puts on `window.desk`. */
export type DeskBridge = {
  [K in MethodName]: (input: InputOf<K>) => Promise<Envelope<OutputOf<K>>>
} & {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void
}

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokes, value)
}
