/**
 * One signed-in (or signing-in) account: its API client, its status as the UI shows it, and what
 * the sign-in learned (portal version, the user's business unit). Each account has its own
 * session and tokens; switching accounts never touches the others.
 */
import { CloutilityClient } from '../cloutility'
import type { Account } from '../accounts/schema'
import type { CredentialVault } from '../credentials/vault'
import { DeskError } from '../../shared/errors'
import type { AccountStatus } from '../../shared/ipc/models'
import { log } from '../log'
import { accountProfile, defaultTransportFactory } from './account-network'
import type { NetworkProfile, PortalTransport, TransportFactory } from '../network/types'

export interface SessionState {
  status: AccountStatus
  message?: string
  portalVersion?: string
  businessUnit?: { id: number; name: string }
}

/** What a sign-in learns about the portal and the user. */
export interface PortalIdentity {
  portalVersion: string
  businessUnit: { id: number; name: string }
  username: string
}

export const PASSWORD_NEEDED = 'password-needed'

/** How often an offline account checks whether its portal is back. */
export const RECONNECT_INTERVAL_MS = Number(process.env.DESK_RECONNECT_MS ?? 5000)

/**
 * How often a signed-in account checks, with one light call, that its portal still answers, so a
 * lost portal shows as offline within this time even when the technician does nothing.
 */
export const HEARTBEAT_INTERVAL_MS = Number(process.env.DESK_HEARTBEAT_MS ?? 30_000)

export interface SessionOptions {
  /** Heartbeat period while signed in (ms); 0 turns it off. */
  heartbeatMs?: number
}

export class AccountSession {
  state: SessionState = { status: 'signed-out' }
  readonly client: CloutilityClient
  private connecting: Promise<void> | null = null
  private reconnectTimer: NodeJS.Timeout | null = null
  private heartbeatTimer: NodeJS.Timeout | null = null
  private readonly heartbeatMs: number
  private closed = false

  constructor(
    readonly account: Account,
    private readonly onChange: () => void,
    client: CloutilityClient,
    /** The network path of this account's client (proxy, CA); closed with the session. */
    readonly transport: PortalTransport,
    readonly profile: NetworkProfile,
    options: SessionOptions = {}
  ) {
    this.client = client
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS
  }

  /** A session whose client starts from the refresh token the vault kept, if any. */
  static async create(account: Account, vault: CredentialVault, onChange: () => void, factory: TransportFactory = defaultTransportFactory): Promise<AccountSession> {
    const refreshToken = await vault.get(account, 'refreshToken').catch(() => null)
    const profile = await accountProfile(account, vault)
    const transport = factory(profile)
    return new AccountSession(account, onChange, createClient(account, vault, refreshToken, transport), transport, profile)
  }

  /** Signs in with what the vault holds (refresh token first, then the password). Never throws. */
  connect(): Promise<void> {
    this.connecting ??= this.doConnect().finally(() => {
      this.connecting = null
    })
    return this.connecting
  }

  /** Marks the session signed in with an identity already learned (e.g. by "test connection"). */
  adopt(identity: PortalIdentity): void {
    this.setState({ status: 'signed-in', portalVersion: identity.portalVersion, businessUnit: identity.businessUnit })
  }

  /** A call found the portal unreachable: say so, and keep checking until it answers again. */
  markOffline(message: string): void {
    if (this.state.status === 'offline') return
    this.setState({ ...this.state, status: 'offline', message })
  }

  /** A call succeeded while we thought the portal was down. */
  markOnline(): void {
    if (this.state.status !== 'offline') return
    void this.connect()
  }

  /** Stops background reconnects (account removed, app quitting). */
  close(): void {
    this.closed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
    this.stopHeartbeat()
    this.client.signOut()
    void this.transport.close().catch(() => undefined)
  }

  private async doConnect(): Promise<void> {
    // An offline account keeps saying offline while it checks, so the banner does not flicker.
    if (this.state.status !== 'offline') this.setState({ ...this.state, status: 'signing-in' })
    try {
      this.adopt(await identify(this.client))
    } catch (error) {
      this.setState({ ...stateForError(error), ...(this.state.portalVersion ? { portalVersion: this.state.portalVersion } : {}) })
      if (!(error instanceof DeskError)) log.error(`Sign-in of account ${this.account.id} failed`, error)
    }
  }

  private setState(next: SessionState): void {
    this.state = next
    if (next.status === 'offline') this.scheduleReconnect()
    if (next.status === 'signed-in') this.scheduleHeartbeat()
    else this.stopHeartbeat()
    this.onChange()
  }

  /** One light call per period while signed in; a network failure marks the account offline. */
  private scheduleHeartbeat(): void {
    if (this.closed || this.heartbeatTimer || !(this.heartbeatMs > 0)) return
    this.heartbeatTimer = setTimeout(() => {
      this.heartbeatTimer = null
      if (this.closed || this.state.status !== 'signed-in') return
      void this.client
        .fullVersion()
        .catch((error: unknown) => {
          if (error instanceof DeskError && (error.kind === 'network' || error.kind === 'offline')) this.markOffline(error.message)
        })
        .finally(() => {
          if (this.state.status === 'signed-in') this.scheduleHeartbeat()
        })
    }, this.heartbeatMs)
    this.heartbeatTimer.unref()
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer)
    this.heartbeatTimer = null
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      if (!this.closed && this.state.status === 'offline') void this.connect()
    }, RECONNECT_INTERVAL_MS)
    this.reconnectTimer.unref()
  }
}

/** The client for an account: secrets are read from the vault only when the client asks. */
export function createClient(account: Account, vault: CredentialVault, refreshToken: string | null, transport: PortalTransport): CloutilityClient {
  return new CloutilityClient({
    fetch: transport.fetch,
    allowInsecureHttp: account.network?.allowInsecureHttp === true,
    apiUrl: account.apiUrl,
    clientId: account.clientId,
    origin: account.origin,
    username: account.username,
    getPassword: async () => {
      const password = await vault.get(account, 'password')
      if (password === null) {
        throw new DeskError('authentication', `Enter the password for ${account.username}.`, { reason: PASSWORD_NEEDED })
      }
      return password
    },
    ...(refreshToken ? { refreshToken } : {}),
    onRefreshToken: async (token: string) => {
      await vault.set(account, 'refreshToken', token).catch((error: unknown) => {
        log.warn(`Could not keep the refresh token of account ${account.id}`, error)
      })
    }
  })
}

/** Signs in (if needed) and learns the portal version and the user's business unit. */
export async function identify(client: CloutilityClient): Promise<PortalIdentity> {
  const [portalVersion, me] = await Promise.all([client.fullVersion(), client.me()])
  const unit = me.businessUnit
  let businessUnit: { id: number; name: string }
  if (unit && typeof unit.id === 'number' && typeof unit.name === 'string') {
    businessUnit = { id: unit.id, name: unit.name }
  } else {
    const tree = await client.bunits.tree()
    businessUnit = { id: tree.id, name: tree.name }
  }
  return { portalVersion, businessUnit, username: client.connection.username }
}

function stateForError(error: unknown): SessionState {
  if (error instanceof DeskError) {
    if (error.kind === 'authentication' && error.details?.reason === PASSWORD_NEEDED) {
      return { status: 'needs-password', message: error.message }
    }
    // An untrusted certificate will not fix itself: the user has to act (trust the CA), not wait.
    if (error.kind === 'network' && error.details?.stage === 'tls') return { status: 'error', message: error.message }
    if (error.kind === 'network' || error.kind === 'offline') return { status: 'offline', message: error.message }
    return { status: 'error', message: error.message }
  }
  return { status: 'error', message: 'Sign-in failed unexpectedly' }
}
