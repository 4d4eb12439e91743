export {
  SECRET_KINDS,
  MAX_SECRET_LENGTH,
  type SecretBackend,
  type SecretKind,
  type SecretStore
} from './types'
export { MemorySecretStore } from './memory'
export {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_PROBE_TIMEOUT_MS,
  KEYCHAIN_SERVICE,
  KeychainSecretStore,
  loadKeytar,
  probeKeychain,
  type KeychainFailureCode,
  type KeychainOptions,
  type KeytarLike,
  type KeytarLoader,
  type ProbeOptions,
  type ProbeResult
} from './keychain'
export {
  CredentialVault,
  unavailableMessage,
  type CredentialVaultOptions,
  type ForgetResult,
  type KeychainStatus,
  type SecretOwner
} from './vault'
