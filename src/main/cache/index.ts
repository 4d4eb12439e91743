/** Public surface of the per-account estate cache (main process; no Electron imports). */
export { EstateCache, openEstateCache, type FirstScreen, type ReplaceResult } from './estate-cache'
export { SCHEMA_VERSION } from './schema'
export { DIFF_LIST_LIMIT, isEmptyDiff } from './diff'
export type { SearchHit, SearchOptions, SearchKind, SearchField, MatchClass } from './search'
export type * from './types'
export { HealthCache, emptyCounts, type HealthTarget, type StoredHealth, type StoredChange, type HealthChanges, type HealthRowOfAccount, type UsageSums } from './health-cache'
