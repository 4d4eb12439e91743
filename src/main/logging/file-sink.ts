/**
 * The log file a technician can send to support: `<logs folder>/main.log`, rotated at a size
 * limit (main.log → main.1.log → … → main.<keep>.log, the oldest dropped), owner-only (0600) in
 * an owner-only folder. Appends are synchronous: log volume is low, and a line written just
 * before a crash is the one that matters.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ensurePrivateDir, makePrivateFile, PRIVATE_FILE_MODE } from '../fs/private-files'

export interface FileSinkOptions {
  dir: string
  fileName?: string
  /** Rotate when the file would grow past this (default 2 MB). */
  maxBytes?: number
  /** Rotated files kept besides the current one (default 3). */
  keep?: number
}

export class RotatingFileSink {
  readonly file: string
  private readonly maxBytes: number
  private readonly keep: number
  private size: number

  constructor(options: FileSinkOptions) {
    ensurePrivateDir(options.dir)
    this.file = path.join(options.dir, options.fileName ?? 'main.log')
    this.maxBytes = options.maxBytes ?? 2 * 1024 * 1024
    this.keep = options.keep ?? 3
    this.size = fileSize(this.file)
    // Files an earlier version (or the umask) left readable by others are closed too.
    for (const file of this.files()) makePrivateFile(file)
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line) + 1
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate()
    fs.appendFileSync(this.file, `${line}\n`, { mode: PRIVATE_FILE_MODE })
    this.size += bytes
  }

  /** main.log and its rotated copies, newest first (for "Open logs folder" and diagnostics). */
  files(): string[] {
    return [this.file, ...Array.from({ length: this.keep }, (_, i) => this.rotated(i + 1))].filter((f) => fs.existsSync(f))
  }

  private rotated(n: number): string {
    const ext = path.extname(this.file)
    return `${this.file.slice(0, this.file.length - ext.length)}.${n}${ext}`
  }

  private rotate(): void {
    fs.rmSync(this.rotated(this.keep), { force: true })
    for (let n = this.keep - 1; n >= 1; n--) {
      if (fs.existsSync(this.rotated(n))) fs.renameSync(this.rotated(n), this.rotated(n + 1))
    }
    if (this.keep > 0 && fs.existsSync(this.file)) fs.renameSync(this.file, this.rotated(1))
    else fs.rmSync(this.file, { force: true })
    this.size = 0
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}
