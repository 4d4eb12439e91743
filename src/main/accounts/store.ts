/**
 * The account store: the list of portal accounts, their order and the active one, persisted to
 * `<dataDir>/accounts.json`. Non-secret settings only.
 *
 * - Every mutation runs in a promise queue: it reads the latest committed state, writes the new
 *   file atomically, and only then commits in memory and notifies listeners. Concurrent calls
 *   therefore never lose each other's changes, and a failed write leaves memory unchanged.
 * - A file that cannot be trusted (bad JSON, no version, a broken frame) is renamed aside to
 *   `accounts.json.corrupt-<timestamp>` and reported in `problems`; the store then starts empty.
 *   If even that rename fails, the store opens read-only so it never overwrites the file.
 * - Invalid or duplicate account entries are set aside alone (`accounts.json.set-aside-<ts>.json`,
 *   named in the problem); the other accounts load.
 * - A file written by a newer version is left untouched; the store opens read-only on it.
 * - The folder is owner-only (0700) and the file 0600, also when they existed before.
 */
import { randomUUID } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { DeskError } from '../../shared/errors'
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file'
import { arrange, exists, salvageEntries, writeSideFile, type RejectedEntry } from './recovery'
import { makePrivateDir, makePrivateFile } from '../fs/private-files'
import {
  ACCOUNTS_FILE_VERSION,
  DEFAULT_COLORS,
  type Account,
  type AccountCreateInput,
  type AccountUpdateInput,
  type AccountsFile,
  type SecretMode,
  accountsFileSchema,
  fileVersionSchema,
  identityKey,
  originOf,
  parseAccountId,
  parseCreateInput,
  parseUpdateInput
} from './schema'
import { defaultNetwork } from './network-schema'

export const ACCOUNTS_FILE_NAME = 'accounts.json'

export type StoreProblemKind = 'corrupt' | 'invalid' | 'invalid-entries' | 'newer-version' | 'unreadable'

export interface StoreProblem {
  kind: StoreProblemKind
  /** Human-readable, no secrets (the file holds none). */
  message: string
  /** The file that had the problem. */
  path: string
  /** Where the file was moved to, when it was moved aside. */
  movedTo?: string
  /** ISO timestamp. */
  at: string
}

export interface AccountsSnapshot {
  accounts: Account[]
  activeAccountId: string | null
}

export type ChangeListener = (snapshot: AccountsSnapshot) => void

export interface AccountStoreOptions {
  /** Called for each problem found while opening (they are also kept in `store.problems`). */
  onProblem?: (problem: StoreProblem) => void
  /**
   * Called before an account is added or switched to another secret mode. Throw (e.g. a
   * DeskError('keychain')) to refuse. Wire `CredentialVault.assertSecretModeAvailable` here.
   */
  assertSecretMode?: (mode: SecretMode) => void
  /** Clock, for tests. */
  now?: () => Date
}

interface State {
  /** In display order. */
  accounts: Account[]
  activeAccountId: string | null
}

const copyAccount = (a: Account): Account => ({ ...a })

export class AccountStore {
  readonly filePath: string
  private state: State = { accounts: [], activeAccountId: null }
  private readonly problemList: StoreProblem[] = []
  private readonly listeners = new Set<ChangeListener>()
  private queue: Promise<unknown> = Promise.resolve()
  private readOnlyReason: string | null = null
  private readonly options: AccountStoreOptions

  private constructor(dataDir: string, options: AccountStoreOptions) {
    this.filePath = path.join(dataDir, ACCOUNTS_FILE_NAME)
    this.options = options
  }

  /** Opens (or starts) the store in `dataDir`. Never rejects because of the file's content. */
  static async open(dataDir: string, options: AccountStoreOptions = {}): Promise<AccountStore> {
    if (typeof dataDir !== 'string' || dataDir.length === 0) {
      throw new DeskError('invalid-input', 'The data directory for accounts is not set')
    }
    const store = new AccountStore(path.resolve(dataDir), options)
    await store.load()
    return store
  }

  // ---- reading ---------------------------------------------------------------------------

  /** All accounts, in display order (copies). */
  list(): Account[] {
    return this.state.accounts.map(copyAccount)
  }

  get(id: string): Account | undefined {
    const found = this.state.accounts.find((a) => a.id === id)
    return found === undefined ? undefined : copyAccount(found)
  }

  /** Like `get`, but throws DeskError('not-found'). */
  require(id: string): Account {
    const found = this.get(id)
    if (found === undefined) throw notFound(id)
    return found
  }

  get order(): string[] {
    return this.state.accounts.map((a) => a.id)
  }

  get activeId(): string | null {
    return this.state.activeAccountId
  }

  snapshot(): AccountsSnapshot {
    return { accounts: this.list(), activeAccountId: this.state.activeAccountId }
  }

  /** Problems found while opening (a moved-aside file, an unreadable file). */
  get problems(): StoreProblem[] {
    return this.problemList.map((p) => ({ ...p }))
  }

  /** Non-null when the store refuses writes because the existing file could not be moved aside. */
  get readOnly(): string | null {
    return this.readOnlyReason
  }

  /** Subscribes to committed changes. Returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Resolves when every queued write has settled. */
  async flush(): Promise<void> {
    await this.queue
  }

  // ---- writing ---------------------------------------------------------------------------

  async add(input: AccountCreateInput): Promise<Account> {
    const parsed = parseCreateInput(input)
    this.options.assertSecretMode?.(parsed.secretMode)
    return this.mutate((state) => {
      const account: Account = {
        id: randomUUID(),
        displayName: parsed.displayName,
        apiUrl: parsed.apiUrl,
        clientId: parsed.clientId,
        origin: parsed.origin ?? originOf(parsed.apiUrl),
        username: parsed.username,
        color: parsed.color ?? DEFAULT_COLORS[state.accounts.length % DEFAULT_COLORS.length] ?? '#1a73e8',
        label: parsed.label,
        secretMode: parsed.secretMode,
        kind: parsed.kind,
        createdAt: this.now().toISOString(),
        network: parsed.network ?? defaultNetwork()
      }
      assertNoDuplicate(state.accounts, account)
      return {
        next: { ...state, accounts: [...state.accounts, account] },
        result: copyAccount(account)
      }
    })
  }

  async update(id: string, patch: AccountUpdateInput): Promise<Account> {
    const accountId = parseAccountId(id)
    const parsed = parseUpdateInput(patch)
    return this.mutate((state) => {
      const index = state.accounts.findIndex((a) => a.id === accountId)
      const current = state.accounts[index]
      if (current === undefined) throw notFound(accountId)
      if (parsed.secretMode !== undefined && parsed.secretMode !== current.secretMode) {
        this.options.assertSecretMode?.(parsed.secretMode)
      }
      const updated: Account = { ...current }
      for (const [key, value] of Object.entries(parsed) as [keyof AccountUpdateInput, unknown][]) {
        if (value !== undefined) (updated as unknown as Record<string, unknown>)[key] = value
      }
      const changed = (Object.keys(updated) as (keyof Account)[]).some((k) => JSON.stringify(updated[k]) !== JSON.stringify(current[k]))
      if (!changed) return { next: null, result: copyAccount(current) }
      assertNoDuplicate(
        state.accounts.filter((a) => a.id !== accountId),
        updated
      )
      const accounts = [...state.accounts]
      accounts[index] = updated
      return { next: { ...state, accounts }, result: copyAccount(updated) }
    })
  }

  /**
   * Removes an account. If it was active, the first remaining account becomes active (or none).
   * The caller also clears its secrets (CredentialVault.forgetAccount).
   */
  async remove(id: string): Promise<void> {
    const accountId = parseAccountId(id)
    await this.mutate((state) => {
      if (!state.accounts.some((a) => a.id === accountId)) throw notFound(accountId)
      const accounts = state.accounts.filter((a) => a.id !== accountId)
      const activeAccountId =
        state.activeAccountId === accountId ? (accounts[0]?.id ?? null) : state.activeAccountId
      return { next: { accounts, activeAccountId }, result: undefined }
    })
  }

  /**
   * Sets the display order. `ids` lists the accounts in their new order; duplicates are refused.
   * Ids of accounts that no longer exist are ignored and accounts not listed keep their relative
   * order after the listed ones, so a reorder computed before a concurrent add/remove still
   * applies without dropping anything.
   */
  async reorder(ids: string[]): Promise<void> {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
      throw new DeskError('invalid-input', 'Account order must be a list of account ids', { fields: { order: 'Expected a list of ids' } })
    }
    if (new Set(ids).size !== ids.length) {
      throw new DeskError('invalid-input', 'Account order lists an account more than once', { fields: { order: 'Duplicate id' } })
    }
    await this.mutate((state) => {
      const byId = new Map(state.accounts.map((a) => [a.id, a]))
      const listed = ids.flatMap((id) => {
        const a = byId.get(id)
        return a === undefined ? [] : [a]
      })
      const listedIds = new Set(listed.map((a) => a.id))
      const accounts = [...listed, ...state.accounts.filter((a) => !listedIds.has(a.id))]
      if (accounts.every((a, i) => a === state.accounts[i])) return { next: null, result: undefined }
      return { next: { ...state, accounts }, result: undefined }
    })
  }

  /** Sets (or, with null, clears) the active account. */
  async setActive(id: string | null): Promise<void> {
    const accountId = id === null ? null : parseAccountId(id)
    await this.mutate((state) => {
      if (accountId !== null && !state.accounts.some((a) => a.id === accountId)) throw notFound(accountId)
      if (state.activeAccountId === accountId) return { next: null, result: undefined }
      return { next: { ...state, activeAccountId: accountId }, result: undefined }
    })
  }

  // ---- internals -------------------------------------------------------------------------

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /**
   * Runs `fn` on the latest committed state inside the write queue. `next: null` means no change
   * (nothing written, no event).
   */
  private mutate<T>(fn: (state: State) => { next: State | null; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.readOnlyReason !== null) {
        throw new DeskError('storage', `Account settings cannot be saved: ${this.readOnlyReason}`, {
          path: this.filePath
        })
      }
      const { next, result } = fn(this.state)
      if (next === null) return result
      await this.persist(next)
      this.state = next
      this.emit()
      return result
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private async persist(state: State): Promise<void> {
    const file: AccountsFile = {
      version: ACCOUNTS_FILE_VERSION,
      accounts: state.accounts,
      order: state.accounts.map((a) => a.id),
      activeAccountId: state.activeAccountId
    }
    try {
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`)
    } catch (err) {
      const code = errorCode(err)
      throw new DeskError('storage', `Could not save account settings to ${this.filePath}${code ? ` (${code})` : ''}`, {
        path: this.filePath,
        ...(code ? { code } : {})
      })
    }
  }

  private emit(): void {
    const snapshot = this.snapshot()
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot)
      } catch {
        // A failing listener must not undo or block a change that is already saved.
      }
    }
  }

  private async load(): Promise<void> {
    await removeStaleTempFiles(this.filePath)
    try {
      makePrivateDir(path.dirname(this.filePath))
      makePrivateFile(this.filePath)
    } catch {
      // A folder we cannot chmod is reported when a write fails; reading may still work.
    }
    let raw: string
    try {
      raw = await fs.readFile(this.filePath, 'utf8')
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return
      await this.setAside('unreadable', `Account settings file could not be read (${errorCode(err) ?? 'unknown error'})`)
      return
    }

    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      await this.setAside('corrupt', 'Account settings file is not valid JSON')
      return
    }

    const version = fileVersionSchema.safeParse(json)
    if (!version.success) {
      await this.setAside('invalid', 'Account settings file has no valid version field')
      return
    }
    if (version.data.version > ACCOUNTS_FILE_VERSION) {
      this.openNewerFile(json, version.data.version)
      return
    }

    const parsed = accountsFileSchema.safeParse(json)
    if (parsed.success) {
      this.state = arrange(parsed.data.accounts as Account[], parsed.data.order, parsed.data.activeAccountId)
      return
    }
    // One bad entry must not cost the others: keep the valid ones, set the rest aside.
    const salvaged = salvageEntries(json)
    if (salvaged === null || salvaged.rejected.length === 0) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')
      await this.setAside('invalid', `Account settings file does not match the expected format (${where})`)
      return
    }
    this.state = arrange(salvaged.accounts, salvaged.order, salvaged.activeAccountId)
    await this.setEntriesAside(salvaged.rejected)
  }

  /**
   * A file from a newer Cloutility Desk is never moved or rewritten: the newer version will want
   * it back. The accounts this version can read are shown, and every change is refused.
   */
  private openNewerFile(json: unknown, format: number): void {
    const readable = salvageEntries({ ...(json as object), version: ACCOUNTS_FILE_VERSION })
    if (readable !== null) this.state = arrange(readable.accounts, readable.order, readable.activeAccountId)
    this.readOnlyReason = `the file was written by a newer Cloutility Desk (format ${format}; this version reads ${ACCOUNTS_FILE_VERSION})`
    this.report({
      kind: 'newer-version',
      message: `Account settings were written by a newer Cloutility Desk (file format ${format}; this version reads ${ACCOUNTS_FILE_VERSION}). The file is left untouched and accounts are read-only: changes are not saved until you update Cloutility Desk.`,
      path: this.filePath,
      at: this.now().toISOString()
    })
  }

  /** Keeps the rejected entries in a side file, then rewrites accounts.json with the valid ones. */
  private async setEntriesAside(rejected: RejectedEntry[]): Promise<void> {
    const at = this.now()
    const count = rejected.length === 1 ? 'One account entry' : `${rejected.length} account entries`
    const why = rejected.flatMap((r) => r.reasons).slice(0, 3).join('; ')
    let sideFile: string
    try {
      sideFile = await writeSideFile(this.filePath, rejected, at)
      await this.persist(this.state)
    } catch (err) {
      // Nothing may be lost: without the side file, the original stays as it is and we only read.
      this.readOnlyReason = `${count.toLowerCase()} could not be read and could not be set aside (${errorCode(err) ?? 'unknown error'})`
      this.report({
        kind: 'unreadable',
        message: `${count} in the account settings could not be read (${why}) and could not be set aside. Changes will not be saved until the file is fixed.`,
        path: this.filePath,
        at: at.toISOString()
      })
      return
    }
    this.report({
      kind: 'invalid-entries',
      // The banner adds "(kept at <side file>)" from movedTo.
      message: `${count} in the account settings could not be read (${why}) and ${rejected.length === 1 ? 'was' : 'were'} set aside. The other accounts loaded.`,
      path: this.filePath,
      movedTo: sideFile,
      at: at.toISOString()
    })
  }

  private report(problem: StoreProblem): void {
    this.problemList.push(problem)
    try {
      this.options.onProblem?.({ ...problem })
    } catch {
      // ignore listener failures
    }
  }

  /** Renames the untrusted file aside and records the problem; read-only if the rename fails. */
  private async setAside(kind: StoreProblemKind, message: string): Promise<void> {
    const at = this.now()
    const stamp = at.toISOString().replace(/[:.]/g, '-')
    let target = `${this.filePath}.corrupt-${stamp}`
    for (let n = 1; await exists(target); n++) target = `${this.filePath}.corrupt-${stamp}-${n}`
    const problem: StoreProblem = { kind, message, path: this.filePath, at: at.toISOString() }
    try {
      await fs.rename(this.filePath, target)
      problem.movedTo = target
      problem.message = `${message}. It was moved to ${target} and the account list starts empty.`
    } catch (err) {
      this.readOnlyReason = `${message}, and it could not be moved aside (${errorCode(err) ?? 'unknown error'})`
      problem.kind = 'unreadable'
      problem.message = `${this.readOnlyReason}. Changes will not be saved until the file is fixed or removed.`
    }
    this.report(problem)
  }
}

function assertNoDuplicate(others: Account[], candidate: Account): void {
  const key = identityKey(candidate)
  const clash = others.find((a) => identityKey(a) === key)
  if (clash !== undefined) {
    throw new DeskError(
      'conflict',
      `An account for ${candidate.username} with this client ID on ${candidate.apiUrl} already exists ("${clash.displayName}")`,
      { existingAccountId: clash.id, fields: { username: 'This user is already set up for this portal and client ID' } }
    )
  }
}

function notFound(id: string): DeskError {
  return new DeskError('not-found', 'No such account', { accountId: id })
}

/** The errno code of a file error, or of the file error a DeskError from `persist` wraps. */
function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code
  if (err instanceof DeskError && typeof err.details?.code === 'string') return err.details.code
  return undefined
}
