/**
 * The transport seam between the API client and the platform: one `fetch` per account network
 * profile. Electron's net.fetch (system proxy, PAC, OS certificate store) in the desktop app,
 * undici in the browser host and the tests; the client code above it is the same.
 */
import type { ProxyMode } from '../../shared/ipc/network-models'

export interface NetworkProfile {
  proxy: { mode: ProxyMode; url?: string; username?: string }
  /** From the keychain; only with a manual proxy that has a user name. */
  proxyPassword?: string
  /** One extra trusted CA (PEM), on top of the platform's store. */
  caCertPem?: string
}

export interface PortalTransport {
  fetch: typeof fetch
  /** Frees sockets and sessions (account removed or its settings changed). */
  close(): Promise<void>
}

export type TransportFactory = (profile: NetworkProfile) => PortalTransport
