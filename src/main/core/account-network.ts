/**
 * Per-account network settings in the core (issue 10): turning form input into the stored block
 * and the proxy password secret, the view the renderer gets, the https-only rule, the profile
 * each client's transport is built from, and "Test connection"'s failing stage.
 */
import type { Account } from '../accounts/schema'
import { defaultNetwork, type AccountNetwork } from '../accounts/network-schema'
import { isLoopbackHost, INSECURE_HTTP_MESSAGE } from '../cloutility/url'
import type { CredentialVault } from '../credentials/vault'
import { DeskError } from '../../shared/errors'
import type { ConnectionStage, NetworkSettingsView } from '../../shared/ipc/network-models'
import { describeCertificate, inspectCaPem, parsePemCertificates } from '../network/certificate'
import { createNodeTransport } from '../network/node-transport'
import type { NetworkProfile, TransportFactory } from '../network/types'

export const defaultTransportFactory: TransportFactory = (profile) => createNodeTransport(profile)

/** Parsed network input (after the IPC schema) as main sees it. */
export type NetworkInput = {
  proxy: { mode: AccountNetwork['proxy']['mode']; url?: string | undefined; username?: string | undefined; password?: string | undefined }
  caCertPem?: string | null | undefined
  allowInsecureHttp: boolean
}

/** Refuses plain http:// to a non-loopback host unless the account opted in, before anything is sent. */
export function assertPortalUrlAllowed(apiUrl: string, allowInsecureHttp: boolean): void {
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(apiUrl.trim()) ? apiUrl.trim() : `https://${apiUrl.trim()}`)
  } catch {
    return // the URL's own validation reports this
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new DeskError('invalid-input', INSECURE_HTTP_MESSAGE, { fields: { apiUrl: INSECURE_HTTP_MESSAGE }, code: 'INSECURE_HTTP' })
  }
}

/**
 * The stored block for `input` (keeping the current CA when the input does not mention it) and
 * what to do with the proxy password: a string to store, null to delete, undefined to keep.
 */
export function networkFromInput(input: NetworkInput | undefined, current: AccountNetwork | undefined): { network: AccountNetwork; proxyPassword: string | null | undefined } {
  if (!input) return { network: current ?? defaultNetwork(), proxyPassword: undefined }
  const proxy: AccountNetwork['proxy'] = { mode: input.proxy.mode }
  if (input.proxy.mode === 'manual') {
    if (input.proxy.url) proxy.url = input.proxy.url
    if (input.proxy.username) proxy.username = input.proxy.username
  }
  const network: AccountNetwork = { proxy, allowInsecureHttp: input.allowInsecureHttp }
  if (input.caCertPem === undefined) {
    if (current?.caCertPem) {
      network.caCertPem = current.caCertPem
      if (current.caFingerprint) network.caFingerprint = current.caFingerprint
    }
  } else if (input.caCertPem !== null) {
    network.caCertPem = input.caCertPem
    network.caFingerprint = inspectCaPem(input.caCertPem).fingerprint256
  }
  const wantsPassword = proxy.username !== undefined
  const proxyPassword = !wantsPassword ? null : input.proxy.password !== undefined && input.proxy.password !== '' ? input.proxy.password : undefined
  return { network, proxyPassword }
}

/** Stores or deletes the proxy password as `networkFromInput` decided. */
export async function saveProxyPassword(vault: CredentialVault, account: Account, proxyPassword: string | null | undefined): Promise<void> {
  if (proxyPassword === undefined) return
  if (proxyPassword === null) await vault.delete(account, 'proxyPassword').catch(() => undefined)
  else await vault.set(account, 'proxyPassword', proxyPassword)
}

export function networkView(network: AccountNetwork, hasProxyPassword: boolean): NetworkSettingsView {
  const view: NetworkSettingsView = {
    proxy: { mode: network.proxy.mode, hasPassword: hasProxyPassword, ...(network.proxy.url ? { url: network.proxy.url } : {}), ...(network.proxy.username ? { username: network.proxy.username } : {}) },
    allowInsecureHttp: network.allowInsecureHttp
  }
  if (network.caCertPem) {
    try {
      view.ca = describeCertificate(parsePemCertificates(network.caCertPem)[0]!)
    } catch {
      // a damaged stored PEM shows as no CA; the transport reports it when it is used
    }
  }
  return view
}

export function profileOf(network: AccountNetwork, proxyPassword: string | null | undefined): NetworkProfile {
  return {
    proxy: { ...network.proxy },
    ...(proxyPassword ? { proxyPassword } : {}),
    ...(network.caCertPem ? { caCertPem: network.caCertPem } : {})
  }
}

/** The account's profile, reading the proxy password from the vault when one is needed. */
export async function accountProfile(account: Account, vault: CredentialVault): Promise<NetworkProfile> {
  const network = account.network ?? defaultNetwork()
  const needsPassword = network.proxy.mode === 'manual' && network.proxy.username !== undefined
  const proxyPassword = needsPassword ? await vault.get(account, 'proxyPassword').catch(() => null) : null
  return profileOf(network, proxyPassword)
}

/** Which stage a failed "Test connection" stopped at, from the error the client threw. */
export function stageOf(error: unknown): ConnectionStage {
  if (!(error instanceof DeskError)) return 'http'
  const stage = error.details?.stage
  if (error.kind === 'network') return stage === 'dns' || stage === 'proxy' || stage === 'tls' ? stage : 'connect'
  if (error.kind === 'authentication' || (error.details?.path === 'oauth' && error.kind === 'validation')) return 'sign-in'
  return 'http'
}

/** The same error with `details.stage` set, for the form to say where it failed. */
export function withStage(error: unknown): unknown {
  if (!(error instanceof DeskError) || error.kind === 'invalid-input' || error.kind === 'cancelled') return error
  return new DeskError(error.kind, error.message, { ...(error.details ?? {}), stage: stageOf(error) })
}
