import { z } from 'zod'
import { Api } from './api'
import { invalidInput } from './errors'
import { UserSchema, type User } from './models/user'
import type { CallOptions, ClientOptions, CloutilityConnection } from './options'
import { BackupServerApi } from './resources/backup-server'
import { BusinessUnitsApi } from './resources/business-units'
import { ConsumersApi } from './resources/consumers'
import { NodeOperatingSystemsApi } from './resources/node-operating-systems'
import { NodeTypesApi } from './resources/node-types'
import { NodesApi } from './resources/nodes'
import { TimeZonesApi } from './resources/time-zones'
import { ReportsApi } from './resources/reports'
import { NodeWarningTypesApi } from './resources/node-warning-types'
import { JobsApi } from './resources/jobs'
import { BillingApi } from './resources/billing'
import { InvoicesApi } from './resources/invoices'
import { TokenManager } from './tokens'
import { portalLimiter, type AdaptiveLimiter } from './limiter'
import { Transport } from './transport'
import { normalizeApiUrl } from './url'

export const DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 4,
  retryBaseMs: 250,
  retryCapMs: 8_000,
  maxRetryAfterSeconds: 60,
  maxRateLimitRetries: 12,
  refreshSkewSeconds: 30
} as const

/**
 * Typed client for one Cloutility portal account. Plain Node, no Electron: every request goes
 * through `options.fetch` (the transport seam: Electron's net.fetch in the desktop app, undici with
 * proxy/CA settings in the browser host, global fetch by default), so the code above it is the
 * same everywhere. Safe for concurrent use.
 */
export class CloutilityClient {
  readonly connection: CloutilityConnection
  readonly bunits: BusinessUnitsApi
  readonly timeZones: TimeZonesApi
  readonly consumers: ConsumersApi
  readonly backupServer: BackupServerApi
  readonly nodeOperatingSystems: NodeOperatingSystemsApi
  readonly nodeTypes: NodeTypesApi
  readonly nodes: NodesApi
  readonly reports: ReportsApi
  readonly nodeWarningTypes: NodeWarningTypesApi
  readonly jobs: JobsApi
  readonly billing: BillingApi
  readonly invoices: InvoicesApi
  /** The portal's shared concurrency limiter (limiter.ts); the sync sets its ceiling. */
  readonly limiter: AdaptiveLimiter

  private readonly tokens: TokenManager
  private readonly api: Api

  constructor(options: ClientOptions) {
    const clientId = options.clientId.trim()
    const origin = options.origin.trim().replace(/\/+$/, '')
    const username = options.username.trim()
    if (clientId === '') throw invalidInput('The client ID is empty.', { field: 'clientId' })
    if (origin === '') throw invalidInput('The origin is empty.', { field: 'origin' })
    if (username === '') throw invalidInput('The username is empty.', { field: 'username' })
    const apiUrl = normalizeApiUrl(options.apiUrl, { allowInsecureHttp: options.allowInsecureHttp === true })
    this.connection = Object.freeze({ apiUrl, clientId, origin, username })

    const now = options.now ?? Date.now
    this.limiter = options.limiter ?? portalLimiter(apiUrl)
    if (options.maxConcurrency !== undefined) this.limiter.setCeiling(options.maxConcurrency)
    const transport = new Transport({
      baseUrl: apiUrl,
      origin,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: positive(options.timeoutMs, DEFAULTS.timeoutMs),
      maxRetries: nonNegative(options.maxRetries, DEFAULTS.maxRetries),
      retryBaseMs: nonNegative(options.retryBaseMs, DEFAULTS.retryBaseMs),
      retryCapMs: nonNegative(options.retryCapMs, DEFAULTS.retryCapMs),
      maxRetryAfterSeconds: nonNegative(options.maxRetryAfterSeconds, DEFAULTS.maxRetryAfterSeconds),
      maxRateLimitRetries: nonNegative(options.maxRateLimitRetries, DEFAULTS.maxRateLimitRetries),
      limiter: this.limiter,
      now,
      onRequest: options.onRequest
    })
    this.tokens = new TokenManager({
      transport,
      clientId,
      username,
      getPassword: options.getPassword,
      refreshToken: options.refreshToken,
      onRefreshToken: options.onRefreshToken,
      refreshSkewSeconds: nonNegative(options.refreshSkewSeconds, DEFAULTS.refreshSkewSeconds),
      now
    })
    this.api = new Api(transport, this.tokens)
    this.bunits = new BusinessUnitsApi(this.api)
    this.timeZones = new TimeZonesApi(this.api)
    this.consumers = new ConsumersApi(this.api)
    this.backupServer = new BackupServerApi(this.api)
    this.nodeOperatingSystems = new NodeOperatingSystemsApi(this.api)
    this.nodeTypes = new NodeTypesApi(this.api)
    this.nodes = new NodesApi(this.api)
    this.reports = new ReportsApi(this.api)
    this.nodeWarningTypes = new NodeWarningTypesApi(this.api)
    this.jobs = new JobsApi(this.api)
    this.billing = new BillingApi(this.api)
    this.invoices = new InvoicesApi(this.api)
  }

  /** Password grant now, whatever is cached: "test connection" and explicit sign-in. */
  signIn(o?: CallOptions): Promise<void> {
    return this.tokens.signIn(o?.signal)
  }

  /** Forget tokens in memory (the keychain is the caller's business). */
  signOut(): void {
    this.tokens.signOut()
  }

  /** e.g. "1.0.4480.0". */
  async fullVersion(o?: CallOptions): Promise<string> {
    return this.api.call({ method: 'GET', path: 'fullVersion' }, z.union([z.string(), z.number().transform(String)]), o)
  }

  /** The signed-in user. */
  async me(o?: CallOptions): Promise<User> {
    return this.api.call({ method: 'GET', path: 'me' }, UserSchema, o)
  }
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback
}

function nonNegative(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback
}
