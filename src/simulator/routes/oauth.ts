/**
 * POST /v1/oauth — OAuth 2 password and refresh_token grants (form-encoded).
 * Errors follow the API's JSON error shape and also carry OAuth's own
 * `error`/`error_description` so generic OAuth clients understand them.
 */
import type { Ctx } from '../http/context'
import { ApiError } from '../http/errors'
import type { RouteDef } from '../http/router'

class OAuthError extends ApiError {
  constructor(status: number, code: string, message: string) {
    super(status, code, message)
  }
  override toBody() {
    return { ...super.toBody(), error: this.code, error_description: this.message }
  }
}

export const sameOrigin = (a: string, b: string): boolean =>
  a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase()

function token(ctx: Ctx) {
  const ct = String(ctx.req.headers['content-type'] ?? '')
  if (!ct.toLowerCase().includes('application/x-www-form-urlencoded')) {
    throw new OAuthError(400, 'invalid_request', 'The token request must be form-encoded (application/x-www-form-urlencoded).')
  }
  const form = ctx.form
  const clientId = form.get('client_id') ?? ''
  const client = ctx.sim.auth.clients.get(clientId)
  if (!client) throw new OAuthError(400, 'invalid_client', `Client '${clientId}' is not registered.`)
  if (!sameOrigin(ctx.origin, client.origin)) {
    throw new OAuthError(400, 'invalid_client', `Origin '${ctx.origin}' does not match the origin registered for client '${clientId}'.`)
  }
  const grant = form.get('grant_type') ?? ''
  if (grant === 'password') {
    const username = form.get('username') ?? ''
    const password = form.get('password') ?? ''
    if (!username || !password) throw new OAuthError(400, 'invalid_request', 'username and password are required.')
    const user = ctx.state.usersByName.get(username.toLowerCase())
    if (!user || user.password !== password) {
      throw new OAuthError(400, 'invalid_grant', 'The user name or password is incorrect.')
    }
    return ctx.sim.auth.issue(user.id, client.clientId)
  }
  if (grant === 'refresh_token') {
    if (!client.allowRefresh) {
      throw new OAuthError(400, 'unauthorized_client', `Client '${clientId}' is not allowed to refresh tokens.`)
    }
    const refresh = form.get('refresh_token') ?? ''
    if (!refresh) throw new OAuthError(400, 'invalid_request', 'refresh_token is required.')
    const owner = ctx.sim.auth.refreshOwner(refresh)
    if (!owner || owner.clientId !== client.clientId || !ctx.state.users.has(owner.userId)) {
      throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid.')
    }
    return ctx.sim.auth.issue(owner.userId, client.clientId)
  }
  throw new OAuthError(400, 'unsupported_grant_type', `grant_type '${grant}' is not supported; use 'password' or 'refresh_token'.`)
}

export const oauthRoutes: RouteDef[] = [{ method: 'POST', pattern: 'oauth', handler: token, anonymous: true }]
