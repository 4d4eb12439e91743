/** Handlers for accounts: add (after a real sign-in), edit, remove, reorder, switch, unlock, demo. */
import { CloutilityClient } from '../cloutility'
import type { Account } from '../accounts/schema'
import type { AccountView } from '../../shared/ipc/models'
import type { Handlers } from '../ipc/dispatch'
import { AccountSession, identify, type PortalIdentity } from './account-session'
import type { CoreContext } from './context'
import { syncIfStale } from './sync-runner'

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
    isDemo: account.kind === 'demo'
  }
}

/** Creates (or replaces) the session of an account; signs in unless an identity is given. */
export async function openSession(
  ctx: CoreContext,
  account: Account,
  signedIn?: { client: CloutilityClient; identity: PortalIdentity }
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
    }
    if (session.state.status === 'signed-in') syncIfStale(ctx, account.id)
    ctx.publish()
  }
  const session = signedIn
    ? new AccountSession(account, onChange, signedIn.client)
    : await AccountSession.create(account, ctx.vault, onChange)
  ctx.sessions.set(account.id, session)
  if (signedIn) session.adopt(signedIn.identity)
  else void session.connect()
  return session
}

/** Signs in with a throwaway client; nothing is stored. */
export async function tryConnection(input: { apiUrl: string; clientId: string; origin: string; username: string; password: string }) {
  const client = new CloutilityClient({ ...input, getPassword: async () => input.password })
  const identity = await identify(client)
  return { client, identity }
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
  const signedIn = await tryConnection(connection)
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
  await openSession(ctx, account, signedIn)
  await ctx.store.setActive(account.id)
  return accountView(ctx, account)
}

export function accountHandlers(ctx: CoreContext): AccountHandlers {
  return {
    listAccounts: async () => accountsState(ctx),

    testConnection: async (input) => (await tryConnection(input)).identity,

    addAccount: async (input) => {
      ctx.vault.assertSecretModeAvailable(input.secretMode)
      const signedIn = await tryConnection(input)
      const account = await ctx.store.add({
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
      } catch (error) {
        // Never keep an account whose password could not be stored where the user asked.
        await ctx.store.remove(account.id)
        throw error
      }
      await openSession(ctx, account, signedIn)
      await ctx.store.setActive(account.id)
      return accountView(ctx, account)
    },

    updateAccount: async ({ accountId, patch, password }) => {
      const before = ctx.store.require(accountId)
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
      const identityChanged =
        before.apiUrl !== account.apiUrl || before.clientId !== account.clientId || before.origin !== account.origin || before.username !== account.username
      if (identityChanged) await ctx.vault.delete(account, 'refreshToken').catch(() => undefined)
      if (identityChanged || password !== undefined) {
        await (await openSession(ctx, account)).connect()
      } else {
        ctx.publish()
      }
      return accountView(ctx, ctx.store.require(accountId))
    },

    removeAccount: async ({ accountId }) => {
      ctx.store.require(accountId)
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
      const signedIn = await tryConnection({ ...account, password })
      await ctx.vault.set(account, 'password', password)
      await openSession(ctx, account, signedIn)
      return accountView(ctx, account)
    },

    startDemo: () => startDemo(ctx)
  }
}
