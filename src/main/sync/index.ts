/** Public surface of the estate sync (main process; no Electron imports). */
export {
  syncAccount,
  SyncError,
  DEFAULT_CONCURRENCY,
  MAX_CONCURRENCY,
  type SyncClient,
  type SyncCounts,
  type SyncOptions,
  type SyncPhase,
  type SyncProgress,
  type SyncResult
} from './sync-account'
export {
  bunitFromApi,
  consumerFromApi,
  flattenTree,
  nodeFromApi,
  referenceFromApi,
  slimRaw,
  unitFactsFromConsumer
} from './mapping'
