/**
 * Owner-only files on POSIX: folders 0700, files 0600, whatever the umask or an earlier version
 * left behind. Customer names and contacts live in these files, and on a shared machine the
 * usual umask (022) would make them world-readable.
 *
 * On Windows modes mean little: the data lives under the user's profile (%APPDATA%), whose ACL
 * already admits only that user, SYSTEM and administrators. Every function here is a no-op there.
 */
import fs from 'node:fs'
import path from 'node:path'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

const posix = (): boolean => process.platform !== 'win32'

/** Creates `dir` (and parents) if needed and makes it owner-only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (posix()) fs.chmodSync(dir, PRIVATE_DIR_MODE)
}

/** Makes one existing file owner-only; a missing file is fine (it may not exist yet). */
export function makePrivateFile(file: string): void {
  chmodIfExists(file, PRIVATE_FILE_MODE)
}

/** Makes an existing folder owner-only without creating it. */
export function makePrivateDir(dir: string): void {
  chmodIfExists(dir, PRIVATE_DIR_MODE)
}

function chmodIfExists(entry: string, mode: number): void {
  if (!posix()) return
  try {
    fs.chmodSync(entry, mode)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/**
 * Tightens a whole tree at start: every folder 0700 and every regular file 0600. Symlinks are
 * neither followed nor changed (chmod would change their target, which may be anyone's file).
 * Returns how many entries were changed; entries it cannot change are skipped, not fatal.
 */
export function tightenTree(root: string): number {
  if (!posix()) return 0
  let changed = 0
  const visit = (entry: string, isRoot: boolean): void => {
    let info: fs.Stats
    try {
      info = fs.lstatSync(entry)
    } catch {
      return
    }
    if (info.isSymbolicLink() && !isRoot) return
    const stats = info.isSymbolicLink() ? fs.statSync(entry) : info
    const wanted = stats.isDirectory() ? PRIVATE_DIR_MODE : stats.isFile() ? PRIVATE_FILE_MODE : null
    if (wanted === null) return
    if ((stats.mode & 0o777) !== wanted) {
      try {
        fs.chmodSync(entry, wanted)
        changed++
      } catch {
        // Not ours (another user's file in a shared folder): leave it; the folder itself is closed.
      }
    }
    if (stats.isDirectory()) {
      let names: string[]
      try {
        names = fs.readdirSync(entry)
      } catch {
        return
      }
      for (const name of names) visit(path.join(entry, name), false)
    }
  }
  visit(root, true)
  return changed
}

/**
 * At start: the data folder itself 0700, its top-level files 0600, and the trees of `ownFolders`
 * (the cache, exports) fully tightened. Chromium's own folders in Electron's userData are left to
 * Chromium: the 0700 data folder already closes them to other users.
 */
export function tightenDataDir(dataDir: string, ownFolders: string[]): void {
  ensurePrivateDir(dataDir)
  if (!posix()) return
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    const full = path.join(dataDir, entry.name)
    if (entry.isFile()) makePrivateFile(full)
    else if (entry.isDirectory() && ownFolders.includes(entry.name)) tightenTree(full)
  }
}
