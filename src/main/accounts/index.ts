export {
  AccountStore,
  ACCOUNTS_FILE_NAME,
  type AccountStoreOptions,
  type AccountsSnapshot,
  type ChangeListener,
  type StoreProblem,
  type StoreProblemKind
} from './store'
export {
  ACCOUNTS_FILE_VERSION,
  DEFAULT_COLORS,
  FIELD_LABELS,
  LIMITS,
  SECRET_MODES,
  accountCreateSchema,
  accountUpdateSchema,
  accountsFileSchema,
  normaliseApiUrl,
  normaliseOrigin,
  originOf,
  parseCreateInput,
  parseUpdateInput,
  type Account,
  type AccountCreateInput,
  type AccountUpdateInput,
  type FieldErrors,
  type SecretMode
} from './schema'
