/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over
 * the target, then fsync the directory (best effort: not every platform allows opening a directory).
 */
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'

export const TEMP_SUFFIX = '.tmp'

/** Temp names look like `accounts.json.<pid>-<hex>.tmp`, so leftovers can be recognised and removed. */
export function tempPathFor(target: string): string {
  return `${target}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`
}

export function isTempFileOf(target: string, fileName: string): boolean {
  const base = path.basename(target)
  return fileName.startsWith(`${base}.`) && /^\d+-[0-9a-f]{12}\.tmp$/.test(fileName.slice(base.length + 1))
}

export async function writeFileAtomic(target: string, data: string, mode = 0o600): Promise<void> {
  const dir = path.dirname(target)
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const tmp = tempPathFor(target)
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(tmp, 'wx', mode)
    await handle.writeFile(data, 'utf8')
    await handle.sync()
    await handle.close()
    handle = undefined
    await fs.rename(tmp, target)
  } catch (err) {
    if (handle !== undefined) await handle.close().catch(() => undefined)
    await fs.rm(tmp, { force: true }).catch(() => undefined)
    throw err
  }
  await fsyncDir(dir)
}

/** Makes the rename durable. Windows (and some file systems) refuse to open or fsync a directory: ignored. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

/**
 * Removes temp files a crash may have left next to `target`. Best effort. Temp files carrying this
 * process's pid are left alone: they may belong to a write in flight.
 */
export async function removeStaleTempFiles(target: string): Promise<string[]> {
  const dir = path.dirname(target)
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    if (!isTempFileOf(target, name)) continue
    if (name.slice(path.basename(target).length + 1).startsWith(`${process.pid}-`)) continue
    try {
      await fs.rm(path.join(dir, name), { force: true })
      removed.push(name)
    } catch {
      // ignore
    }
  }
  return removed
}
