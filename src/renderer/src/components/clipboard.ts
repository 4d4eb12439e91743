/**
 * Copies a secret to the clipboard and clears it after a delay, but only when the clipboard still
 * holds what we put there (the technician may have copied something else meanwhile).
 */
export interface ClipboardLike {
  writeText(text: string): Promise<void>
  readText(): Promise<string>
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const CLEAR_AFTER_MS = 30_000

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export class SecretClipboard {
  private pending: unknown = null
  private written: string | null = null

  constructor(
    private readonly clipboard: ClipboardLike,
    private readonly timers: Timers = browserTimers,
    private readonly delayMs = CLEAR_AFTER_MS
  ) {}

  /** Resolves once written; the clear is scheduled in the background. */
  async copy(text: string, onCleared?: (cleared: boolean) => void): Promise<void> {
    await this.clipboard.writeText(text)
    this.cancel()
    this.written = text
    this.pending = this.timers.setTimeout(() => {
      void this.clearIfUnchanged().then((cleared) => onCleared?.(cleared))
    }, this.delayMs)
  }

  /** Clears now if the clipboard still holds our text; true when it did. */
  async clearIfUnchanged(): Promise<boolean> {
    const ours = this.written
    this.pending = null
    this.written = null
    if (ours === null) return false
    let current: string
    try {
      current = await this.clipboard.readText()
    } catch {
      // Reading was refused: we cannot tell, so leave the clipboard alone rather than clobber it.
      return false
    }
    if (current !== ours) return false
    await this.clipboard.writeText('')
    return true
  }

  cancel(): void {
    if (this.pending !== null) this.timers.clearTimeout(this.pending)
    this.pending = null
  }
}
