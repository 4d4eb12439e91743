/** Handlers for accounts: add (after a real sign-in), edit, remove, reorder, switch, unlock, demo. */
import { CloutilityClient } from '../cloutility'
import { DeskError } from '../../shared/errors'
import type { Account } from '../accounts/schema'
import type { AccountView } from '../../shared/ipc/models'
import type { Handlers } from '../ipc/dispatch'
import { AccountSession, identify, type PortalIdentity } from './account-session'
import type { CoreContext } from './context'
import { syncIfStale } from './sync-runner'
import { log } from '../log'
import { rememberSecret } from '../logging/redact'
import {
  assertPortalUrlAllowed,
  defaultTransportFactory,
  networkFromInput,
  networkView,
  profileOf,
  saveProxyPassword,
  withStage,
  type NetworkInput
} from './account-network'
import { defaultNetwork, type AccountNetwork } from '../accounts/network-schema'
import type { NetworkProfile, PortalTransport } from '../network/types'

type AccountHandlers = Pick<
  Handlers,
  | 'listAccounts'
  | 'testConnection'
  | 'addAccount'
  | 'updateAccount'
  | 'removeAccount'
  | 'reorderAccounts'
  | 'setActiveAccount'
  | 'unlockAccount'
  | 'startDemo'
  | 'testAccountConnection'
>

export function accountsState(ctx: CoreContext) {
  const keychain = ctx.vault.keychainStatus
  return {
    revision: ctx.revision,
    accounts: ctx.store.list().map((account) => accountView(ctx, account)),
    activeAccountId: ctx.store.activeId,
    keychain: keychain.available ? { available: true } : { available: false, reason: keychain.reason },
    problems: [...ctx.problems]
  }
}

export function accountView(ctx: CoreContext, account: Account): AccountView {
  const s = ctx.sessions.get(account.id)?.state ?? { status: 'signed-out' as const }
  return {
    id: account.id,
    displayName: account.displayName,
    apiUrl: account.apiUrl,
    clientId: account.clientId,
    origin: account.origin,
    username: account.username,
    color: account.color,
    label: account.label,
    secretMode: account.secretMode,
    status: s.status,
    ...(s.message ? { statusMessage: s.message } : {}),
    ...(s.portalVersion ? { portalVersion: s.portalVersion } : {}),
    ...(s.businessUnit ? { businessUnitName: s.businessUnit.name } : {}),
    isDemo: account.kind === 'demo',
    network: networkView(account.network ?? defaultNetwork(), Boolean(ctx.sessions.get(account.id)?.profile.proxyPassword))
  }
}

/** Creates (or replaces) the session of an account; signs in unless an identity is given. */
export async function openSession(
  ctx: CoreContext,
  account: Account,
  signedIn?: SignedIn
): Promise<AccountSession> {
  ctx.sessions.get(account.id)?.close()
  const onChange = (): void => {
    const session = ctx.sessions.get(account.id)
    if (!session || !ctx.store.get(account.id)) return
    const estate = ctx.estates.get(account.id)
    const online = session.state.status !== 'offline'
    if (estate.online !== online) {
      estate.online = online
      // Back online: a sync that failed while the portal was away is no longer news (the
      // stale-cache check below syncs again when the data is old).
      if (online && !estate.sync) estate.lastError = null
      ctx.publishEstate(account.id)
      // The Health view says "offline — showing health from …" from the same fact.
      ctx.health.publish(account.id)
    }
    if (session.state.status === 'signed-in') syncIfStale(ctx, account.id)
    ctx.publish()
  }
  const session = signedIn
    ? new AccountSession(account, onChange, signedIn.client, signedIn.transport, signedIn.profile)
    : await AccountSession.create(account, ctx.vault, onChange, ctx.options.transportFactory ?? defaultTransportFactory)
  ctx.sessions.set(account.id, session)
  if (signedIn) session.adopt(signedIn.identity)
  else void session.connect()
  return session
}

interface SignedIn {
  client: CloutilityClient
  identity: PortalIdentity
  transport: PortalTransport
  profile: NetworkProfile
  /** Names where the refresh token this sign-in earned goes, once the account is saved (see below). */
  keepRefreshTokens(account: Account, vault: CoreContext['vault']): Promise<void>
}

/**
 * Signs in with a throwaway client over the given network settings; nothing is stored. A plain
 * http URL to a non-loopback host is refused before any request. On failure the transport is
 * closed and the error says at which stage it failed (details.stage). The refresh token the
 * sign-in earned is held until `keepRefreshTokens` names where it goes (the account's vault):
 * from then on every renewed token is saved too, so a restart signs in without a password.
 */
export async function tryConnection(
  ctx: CoreContext,
  input: { apiUrl: string; clientId: string; origin: string; username: string; password: string },
  network: AccountNetwork = defaultNetwork(),
  proxyPassword?: string | null
): Promise<SignedIn> {
  assertPortalUrlAllowed(input.apiUrl, network.allowInsecureHttp)
  rememberSecret(input.password)
  let latest: string | null = null
  let save: ((token: string) => Promise<void>) | null = null
  const profile = profileOf(network, proxyPassword)
  const transport = (ctx.options.transportFactory ?? defaultTransportFactory)(profile)
  try {
    const client = new CloutilityClient({
      apiUrl: input.apiUrl,
      clientId: input.clientId,
      origin: input.origin,
      username: input.username,
      getPassword: async () => input.password,
      fetch: transport.fetch,
      allowInsecureHttp: network.allowInsecureHttp,
      onRefreshToken: async (token) => {
        latest = token
        await save?.(token)
      }
    })
    const identity = await identify(client)
    const keepRefreshTokens = async (account: Account, vault: CoreContext['vault']): Promise<void> => {
      save = (token) =>
        vault.set(account, 'refreshToken', token).catch((error: unknown) => {
          log.warn(`Could not keep the refresh token of account ${account.id}`, error)
        })
      if (latest !== null) await save(latest)
    }
    return { client, identity, transport, profile, keepRefreshTokens }
  } catch (error) {
    await transport.close().catch(() => undefined)
    throw withStage(error)
  }
}

/** Network settings from a form: the stored block plus the proxy password to use now. */
async function networkForInput(
  ctx: CoreContext,
  input: NetworkInput | undefined,
  current?: Account
): Promise<{ network: AccountNetwork; proxyPassword: string | null | undefined; effectivePassword: string | null }> {
  const { network, proxyPassword } = networkFromInput(input, current?.network)
  let effectivePassword: string | null = typeof proxyPassword === 'string' ? proxyPassword : null
  if (proxyPassword === undefined && current && network.proxy.username) {
    effectivePassword = await ctx.vault.get(current, 'proxyPassword').catch(() => null)
  }
  return { network, proxyPassword, effectivePassword }
}

/** Demo accounts point at a simulator on a fresh port each run. */
export async function refreshDemoAccount(ctx: CoreContext, account: Account): Promise<Account> {
  const connection = await ctx.demo.connection()
  await ctx.vault.set(account, 'password', connection.password)
  return account.apiUrl === connection.apiUrl ? account : ctx.store.update(account.id, { apiUrl: connection.apiUrl })
}

export async function startDemo(ctx: CoreContext): Promise<AccountView> {
  const existing = ctx.store.list().find((a) => a.kind === 'demo')
  if (existing) {
    const account = await refreshDemoAccount(ctx, existing)
    if (ctx.sessions.get(account.id)?.state.status !== 'signed-in') await openSession(ctx, account)
    await ctx.store.setActive(account.id)
    return accountView(ctx, account)
  }
  const connection = await ctx.demo.connection()
  const signedIn = await tryConnection(ctx, connection)
  const account = await ctx.store.add({
    kind: 'demo',
    displayName: 'Demo estate',
    apiUrl: connection.apiUrl,
    clientId: connection.clientId,
    origin: connection.origin,
    username: connection.username,
    color: '#8e24aa',
    label: 'DEMO',
    // The demo password is public and re-set at every start: nothing for the keychain.
    secretMode: 'session'
  })
  await ctx.vault.set(account, 'password', connection.password)
  await signedIn.keepRefreshTokens(account, ctx.vault)
  await openSession(ctx, account, signedIn)
  await ctx.store.setActive(account.id)
  return accountView(ctx, account)
}

export function accountHandlers(ctx: CoreContext): AccountHandlers {
  return {
    listAccounts: async () => accountsState(ctx),

    testConnection: async (input) => {
      const { network, effectivePassword } = await networkForInput(ctx, input.network)
      const signedIn = await tryConnection(ctx, input, network, effectivePassword)
      signedIn.client.signOut()
      await signedIn.transport.close().catch(() => undefined)
      return signedIn.identity
    },

    testAccountConnection: async ({ accountId, password, network: networkInput, ...changes }) => {
      const account = ctx.store.require(accountId)
      const stored = password ?? (await ctx.vault.get(account, 'password').catch(() => null))
      if (!stored) throw new DeskError('authentication', `Enter the password for ${account.username} to test the connection.`, { fields: { password: 'Password is required' } })
      const { network, effectivePassword } = await networkForInput(ctx, networkInput, account)
      const signedIn = await tryConnection(ctx, { ...account, ...changes, password: stored }, network, effectivePassword)
      signedIn.client.signOut()
      await signedIn.transport.close().catch(() => undefined)
      return signedIn.identity
    },

    addAccount: async (input) => {
      ctx.vault.assertSecretModeAvailable(input.secretMode)
      const { network, proxyPassword, effectivePassword } = await networkForInput(ctx, input.network)
      const signedIn = await tryConnection(ctx, input, network, effectivePassword)
      const account = await ctx.store.add({
        network,
        displayName: input.displayName,
        apiUrl: input.apiUrl,
        clientId: input.clientId,
        origin: input.origin,
        username: input.username,
        color: input.color,
        label: input.label,
        secretMode: input.secretMode
      })
      try {
        await ctx.vault.set(account, 'password', input.password)
        await saveProxyPassword(ctx.vault, account, proxyPassword)
      } catch (error) {
        // Never keep an account whose password could not be stored where the user asked.
        await ctx.store.remove(account.id)
        throw error
      }
      await signedIn.keepRefreshTokens(account, ctx.vault)
      await openSession(ctx, account, signedIn)
      await ctx.store.setActive(account.id)
      return accountView(ctx, account)
    },

    updateAccount: async ({ accountId, patch: rawPatch, password }) => {
      const before = ctx.store.require(accountId)
      const { network: networkInput, ...rest } = rawPatch
      const net = networkInput ? networkFromInput(networkInput, before.network) : null
      const patch = net ? { ...rest, network: net.network } : rest
      assertPortalUrlAllowed(patch.apiUrl ?? before.apiUrl, (net?.network ?? before.network ?? defaultNetwork()).allowInsecureHttp)
      const modeChanges = patch.secretMode !== undefined && patch.secretMode !== before.secretMode
      // Move the secrets first: if the keychain refuses, nothing about the account changed.
      if (modeChanges) await ctx.vault.changeSecretMode(accountId, before.secretMode, patch.secretMode!)
      let account
      try {
        account = await ctx.store.update(accountId, patch)
      } catch (error) {
        if (modeChanges) await ctx.vault.changeSecretMode(accountId, patch.secretMode!, before.secretMode).catch(() => undefined)
        throw error
      }
      if (password !== undefined) await ctx.vault.set(account, 'password', password)
      if (net) await saveProxyPassword(ctx.vault, account, net.proxyPassword)
      const identityChanged =
        before.apiUrl !== account.apiUrl || before.clientId !== account.clientId || before.origin !== account.origin || before.username !== account.username
      const networkChanged = net !== null && (JSON.stringify(net.network) !== JSON.stringify(before.network) || net.proxyPassword !== undefined)
      // A new identity or a new password signs in afresh with the password: a kept refresh token
      // would sign in regardless and hide a wrong new password until it expired.
      if (identityChanged || password !== undefined) await ctx.vault.delete(account, 'refreshToken').catch(() => undefined)
      if (identityChanged || networkChanged || password !== undefined) {
        await (await openSession(ctx, account)).connect()
      } else {
        ctx.publish()
      }
      return accountView(ctx, ctx.store.require(accountId))
    },

    removeAccount: async ({ accountId }) => {
      ctx.store.require(accountId)
      ctx.health.cancel(accountId)
      ctx.sessions.get(accountId)?.close()
      ctx.sessions.delete(accountId)
      await ctx.store.remove(accountId)
      ctx.estates.remove(accountId)
      await ctx.vault.forgetAccount(accountId)
    },

    reorderAccounts: async ({ accountIds }) => ctx.store.reorder(accountIds),

    setActiveAccount: async ({ accountId }) => {
      ctx.store.require(accountId)
      await ctx.store.setActive(accountId)
    },

    unlockAccount: async ({ accountId, password }) => {
      const account = ctx.store.require(accountId)
      const proxyPassword = account.network?.proxy.username ? await ctx.vault.get(account, 'proxyPassword').catch(() => null) : null
      const signedIn = await tryConnection(ctx, { ...account, password }, account.network, proxyPassword)
      await ctx.vault.set(account, 'password', password)
      await signedIn.keepRefreshTokens(account, ctx.vault)
      await openSession(ctx, account, signedIn)
      return accountView(ctx, account)
    },

    startDemo: () => startDemo(ctx)
  }
}
