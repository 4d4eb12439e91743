/**
 * Entry-by-entry reading of an accounts file that fails the whole-file schema: one bad account
 * (hand-edited, half-migrated) must not take every other account with it. Valid entries load;
 * each invalid or duplicate entry is kept, with why, in a side file next to accounts.json.
 * Also here: the display-order repair every load applies (`arrange`).
 */
import { promises as fs } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from './atomic-file'
import { ACCOUNTS_FILE_VERSION, storedAccountSchema, type Account } from './schema'

/** The file's frame, checked loosely: only `accounts` must be a list for entries to be salvaged. */
const frameSchema = z.object({
  version: z.literal(ACCOUNTS_FILE_VERSION),
  accounts: z.array(z.unknown()),
  order: z.array(z.unknown()).catch([]),
  activeAccountId: z.unknown().catch(null)
})

export interface RejectedEntry {
  /** Position in the file's `accounts` list. */
  index: number
  /** Why, as issue paths and messages; never the entry's values. */
  reasons: string[]
  /** The entry exactly as it was in the file (kept in the side file, so nothing is lost). */
  entry: unknown
}

export interface SalvagedFile {
  accounts: Account[]
  order: string[]
  activeAccountId: string | null
  rejected: RejectedEntry[]
}

/** Splits a file into the entries that validate and those that do not; null when the frame itself is bad. */
export function salvageEntries(json: unknown): SalvagedFile | null {
  const frame = frameSchema.safeParse(json)
  if (!frame.success) return null
  const accounts: Account[] = []
  const rejected: RejectedEntry[] = []
  const seen = new Set<string>()
  frame.data.accounts.forEach((entry, index) => {
    const parsed = storedAccountSchema.safeParse(entry)
    if (!parsed.success) {
      rejected.push({ index, entry, reasons: parsed.error.issues.slice(0, 3).map((i) => `accounts.${index}.${i.path.join('.') || '(entry)'}: ${i.message}`) })
    } else if (seen.has(parsed.data.id)) {
      rejected.push({ index, entry, reasons: [`accounts.${index}.id: Duplicate account id (the first one is kept)`] })
    } else {
      seen.add(parsed.data.id)
      accounts.push(parsed.data as Account)
    }
  })
  const order = frame.data.order.filter((id): id is string => typeof id === 'string')
  const active = typeof frame.data.activeAccountId === 'string' ? frame.data.activeAccountId : null
  return { accounts, order, activeAccountId: active, rejected }
}

/** Writes the rejected entries to `<accounts.json>.set-aside-<stamp>.json` (0600) and returns its path. */
export async function writeSideFile(filePath: string, rejected: RejectedEntry[], at: Date): Promise<string> {
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  let target = `${filePath}.set-aside-${stamp}.json`
  for (let n = 1; await exists(target); n++) target = `${filePath}.set-aside-${stamp}-${n}.json`
  const content = {
    note: 'Account entries Cloutility Desk could not read. The other accounts were kept in accounts.json.',
    setAsideAt: at.toISOString(),
    from: filePath,
    entries: rejected
  }
  await writeFileAtomic(target, `${JSON.stringify(content, null, 2)}\n`)
  return target
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p)
    return true
  } catch {
    return false
  }
}

/** Order is a display preference: repair it rather than discard accounts over it. */
export function arrange(accounts: Account[], order: string[], active: string | null): { accounts: Account[]; activeAccountId: string | null } {
  const byId = new Map(accounts.map((a) => [a.id, a]))
  const ordered: Account[] = []
  for (const id of order) {
    const a = byId.get(id)
    if (a !== undefined && !ordered.includes(a)) ordered.push(a)
  }
  for (const a of byId.values()) if (!ordered.includes(a)) ordered.push(a)
  return { accounts: ordered, activeAccountId: active !== null && byId.has(active) ? active : null }
}
