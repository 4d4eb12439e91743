/**
 * OAuth clients, users' credentials and tokens. Access tokens are opaque random
 * strings with an expiry; the refresh token is stable per user+client, as the
 * guide promises ("This refresh token will always be the same").
 */
import { randomBytes } from 'node:crypto'

export interface SimClient {
  clientId: string
  origin: string
  allowRefresh: boolean
}

interface AccessGrant {
  userId: number
  clientId: string
  expiresAt: number
}

export interface TokenResponse {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  refresh_token: string
}

export type TokenCheck = { ok: true; grant: AccessGrant } | { ok: false; reason: 'unknown' | 'expired' }

export class AuthStore {
  readonly clients = new Map<string, SimClient>()
  private readonly tokens = new Map<string, AccessGrant>()
  private readonly refreshTokens = new Map<string, { userId: number; clientId: string }>()
  private readonly refreshByPair = new Map<string, string>()

  constructor(public lifetimeSeconds: number) {}

  addClient(client: SimClient): void {
    this.clients.set(client.clientId, client)
  }

  issue(userId: number, clientId: string): TokenResponse {
    if (this.tokens.size > 50_000) this.prune()
    const access = randomBytes(24).toString('base64url')
    this.tokens.set(access, { userId, clientId, expiresAt: Date.now() + this.lifetimeSeconds * 1000 })
    const pair = `${userId}|${clientId}`
    let refresh = this.refreshByPair.get(pair)
    if (!refresh) {
      refresh = randomBytes(24).toString('hex')
      this.refreshByPair.set(pair, refresh)
      this.refreshTokens.set(refresh, { userId, clientId })
    }
    return { access_token: access, token_type: 'bearer', expires_in: this.lifetimeSeconds, refresh_token: refresh }
  }

  check(accessToken: string): TokenCheck {
    const grant = this.tokens.get(accessToken)
    if (!grant) return { ok: false, reason: 'unknown' }
    if (grant.expiresAt <= Date.now()) return { ok: false, reason: 'expired' }
    return { ok: true, grant }
  }

  refreshOwner(refreshToken: string): { userId: number; clientId: string } | undefined {
    return this.refreshTokens.get(refreshToken)
  }

  /** Fault knob: every access token issued so far is expired from now on. */
  expireAll(): void {
    for (const grant of this.tokens.values()) grant.expiresAt = 0
  }

  /** Drop expired tokens so a long demo run does not grow without bound. */
  private prune(): void {
    const now = Date.now()
    for (const [t, g] of this.tokens) if (g.expiresAt <= now) this.tokens.delete(t)
  }
}
