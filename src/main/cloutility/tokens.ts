import { DeskError } from '../../shared/errors'
import { CloutilityError, cancelledError, errorFromResponse } from './errors'
import { AccessTokenSchema } from './models/token'
import { decodeBody, parseBody } from './parse'
import { abortable } from './retry'
import type { Transport } from './transport'
import { rememberSecret } from '../logging/redact'

export interface TokenConfig {
  transport: Transport
  clientId: string
  username: string
  getPassword: () => Promise<string>
  refreshToken: string | undefined
  onRefreshToken: ((token: string) => void | Promise<void>) | undefined
  refreshSkewSeconds: number
  now: () => number
}

/** The access token and the moment to renew it (its expiry less the skew). */
interface AccessToken {
  token: string
  refreshAt: number
}

/** Cloutility says ~5 minutes; assume that when expires_in is missing. */
const DEFAULT_LIFETIME_SECONDS = 299

/**
 * Owns the access and refresh tokens. Every renewal is single-flight: concurrent callers share one
 * POST /oauth. Renewals run without any caller's signal (one caller cancelling must not fail the
 * others); each caller only stops waiting. Tokens never leave this class except as a header value.
 */
export class TokenManager {
  private access: AccessToken | null = null
  private refreshToken: string | undefined
  private inflight: Promise<string> | null = null
  /** Bumped by signOut so a grant still in flight cannot resurrect a session. */
  private generation = 0

  constructor(private readonly cfg: TokenConfig) {
    this.refreshToken = cfg.refreshToken && cfg.refreshToken.length > 0 ? cfg.refreshToken : undefined
  }

  /** Every secret we hold right now, for scrubbing error text. */
  secrets(): string[] {
    return [this.access?.token, this.refreshToken].filter((s): s is string => typeof s === 'string')
  }

  /** A valid access token, renewing ahead of expiry (refresh grant first, password grant as fallback). */
  accessToken(signal?: AbortSignal): Promise<string> {
    if (this.access && this.cfg.now() < this.access.refreshAt) return Promise.resolve(this.access.token)
    return abortable(this.inflight ?? this.start(() => this.renew()), signal, () => cancelledError('POST', 'oauth'))
  }

  /** The server rejected `token` (401): forget it, unless a newer one has already replaced it. */
  invalidate(token: string): void {
    if (this.access?.token === token) this.access = null
  }

  /** Password grant now, even when a token is cached (used by "test connection"). */
  signIn(signal?: AbortSignal): Promise<void> {
    const previous = this.inflight
    const run = previous
      ? () => previous.catch(() => undefined).then(() => this.passwordGrant())
      : () => this.passwordGrant()
    return abortable(this.start(run), signal, () => cancelledError('POST', 'oauth')).then(() => undefined)
  }

  signOut(): void {
    this.generation++
    this.access = null
    this.refreshToken = undefined
    this.inflight = null
  }

  private start(run: () => Promise<string>): Promise<string> {
    const p = run().finally(() => {
      if (this.inflight === p) this.inflight = null
    })
    this.inflight = p
    // Nobody may be waiting any more (every caller cancelled): do not leave an unhandled rejection.
    p.catch(() => undefined)
    return p
  }

  private async renew(): Promise<string> {
    if (this.refreshToken !== undefined) {
      try {
        return await this.refreshGrant(this.refreshToken)
      } catch (e) {
        // A refused refresh token (400/401) is expected after long idle or a revocation: fall back.
        if (!(e instanceof CloutilityError && e.kind === 'authentication')) throw e
        this.refreshToken = undefined
      }
    }
    return this.passwordGrant()
  }

  private refreshGrant(refreshToken: string): Promise<string> {
    // As Auwau's own C# example does: client_id, grant_type and refresh_token, no Authorization
    // header (the access token may be the very thing that expired).
    return this.grant({ grant_type: 'refresh_token', refresh_token: refreshToken }, {}, [refreshToken])
  }

  private async passwordGrant(): Promise<string> {
    let password: string
    try {
      password = await this.cfg.getPassword()
    } catch (e) {
      // A keychain or prompt failure keeps its own kind; anything else means "no password".
      if (e instanceof DeskError) throw e
      throw new CloutilityError('authentication', 'A password is needed to sign in to the portal.', { code: 'NO_PASSWORD' })
    }
    if (password.length === 0) {
      throw new CloutilityError('authentication', 'A password is needed to sign in to the portal.', { code: 'NO_PASSWORD' })
    }
    return this.grant({ grant_type: 'password', username: this.cfg.username, password }, {}, [password])
  }

  private async grant(fields: Record<string, string>, headers: Record<string, string>, extraSecrets: string[]): Promise<string> {
    const generation = this.generation
    const body = new URLSearchParams({ client_id: this.cfg.clientId, ...fields }).toString()
    const res = await this.cfg.transport.send({
      method: 'POST',
      path: 'oauth',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      retry: true // the token endpoint creates nothing that matters twice
    })
    if (res.status < 200 || res.status >= 300) {
      throw errorFromResponse({
        status: res.status,
        bodyText: res.text,
        method: 'POST',
        path: 'oauth',
        retryAfter: res.retryAfter,
        secrets: [...this.secrets(), ...extraSecrets],
        auth: true
      })
    }
    // parseBody reports issue paths only, never values, so the token body cannot leak.
    const parsed = parseBody(AccessTokenSchema, decodeBody(res.text), 'POST', 'oauth')
    if (generation !== this.generation) throw cancelledError('POST', 'oauth')
    const lifetime = parsed.expires_in ?? DEFAULT_LIFETIME_SECONDS
    const skew = Math.min(this.cfg.refreshSkewSeconds, lifetime / 2)
    const now = this.cfg.now()
    this.access = { token: parsed.access_token, refreshAt: now + (lifetime - skew) * 1000 }
    rememberSecret(parsed.access_token)
    rememberSecret(parsed.refresh_token)
    const newRefresh = parsed.refresh_token
    if (newRefresh !== undefined && newRefresh !== this.refreshToken) {
      this.refreshToken = newRefresh
      try {
        await this.cfg.onRefreshToken?.(newRefresh)
      } catch {
        // Failing to persist only costs a password prompt next launch; the session goes on.
      }
    }
    return parsed.access_token
  }
}
