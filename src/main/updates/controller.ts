/**
 * The update policy, free of Electron: check at start and then daily, download in the background
 * once the feed's offer passes `assessUpdate`, say "Restart to update" when it is ready, and
 * restart only when no sync is running and no change is in flight — a restart asked for while
 * busy waits for the work to finish. The engine (electron-updater in the shell, a fake in tests)
 * reports back through the `on*` methods.
 */
import { DeskError } from '../../shared/errors'
import type { UpdateStatus } from '../../shared/ipc/installed-models'
import { assessUpdate } from './policy'

export interface UpdateEngine {
  /** Asks the feed; the answer comes back as onAvailable / onNotAvailable / onError. */
  check(): Promise<void>
  /** Downloads the accepted update (progress, then onDownloaded or onError). */
  download(): Promise<void>
  quitAndInstall(): void
}

export interface UpdateControllerOptions {
  currentVersion: string
  engine: UpdateEngine
  /** Null when a restart is safe; otherwise what is running, e.g. "a sync". */
  busy: () => string | null
  onStatus: (status: UpdateStatus) => void
  /** Between checks (default a day). */
  intervalMs?: number
  /** How often a waiting restart looks again (default 2 s). */
  idlePollMs?: number
  /** Timer, for tests; returns a cancel function. */
  schedule?: (run: () => void, ms: number) => () => void
  now?: () => Date
}

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000

const realSchedule = (run: () => void, ms: number): (() => void) => {
  const timer = setTimeout(run, ms)
  timer.unref()
  return () => clearTimeout(timer)
}

export class UpdateController {
  private current: UpdateStatus
  private cancelNextCheck: (() => void) | null = null
  private cancelIdlePoll: (() => void) | null = null
  private readonly schedule: (run: () => void, ms: number) => () => void

  constructor(private readonly options: UpdateControllerOptions) {
    this.current = { state: 'idle', currentVersion: options.currentVersion }
    this.schedule = options.schedule ?? realSchedule
  }

  status(): UpdateStatus {
    return { ...this.current }
  }

  /** Checks now, then every interval. */
  start(): void {
    const loop = (): void => {
      void this.check()
      this.cancelNextCheck = this.schedule(loop, this.options.intervalMs ?? CHECK_INTERVAL_MS)
    }
    loop()
  }

  stop(): void {
    this.cancelNextCheck?.()
    this.cancelIdlePoll?.()
  }

  /** Asks the feed, unless a check or download is under way or an update is already ready. */
  async check(): Promise<UpdateStatus> {
    if (['checking', 'downloading', 'ready'].includes(this.current.state)) return this.status()
    this.set({ state: 'checking' })
    try {
      await this.options.engine.check()
    } catch (error) {
      this.onError(error)
    }
    return this.status()
  }

  onAvailable(info: Parameters<typeof assessUpdate>[0]): void {
    let assessed
    try {
      assessed = assessUpdate(info, this.options.currentVersion)
    } catch (error) {
      this.onError(error)
      return
    }
    if (!assessed.newer) return this.onNotAvailable()
    this.set({ state: 'downloading', version: assessed.version, percent: 0 })
    this.options.engine.download().catch((error: unknown) => this.onError(error))
  }

  onNotAvailable(): void {
    this.set({ state: 'up-to-date', checkedAt: this.now() })
  }

  onProgress(percent: number): void {
    if (this.current.state !== 'downloading') return
    this.set({ ...this.current, percent: Math.max(0, Math.min(100, Math.round(percent))) })
  }

  onDownloaded(version: string): void {
    this.set({ state: 'ready', version, checkedAt: this.now(), message: `Cloutility Desk ${version} is ready: restart to update.` })
  }

  onError(error: unknown): void {
    // A failed check after a verified download keeps the ready update.
    if (this.current.state === 'ready') return
    const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300)
    this.set({ state: 'error', checkedAt: this.now(), message: `Checking for updates failed: ${text}` })
  }

  /**
   * "Restart to update". Restarts at once when idle; while a sync or change runs, waits for it
   * (the status says so) and restarts when it is done.
   */
  install(): UpdateStatus {
    if (this.current.state !== 'ready') throw new DeskError('conflict', 'No update has been downloaded yet.')
    const reason = this.options.busy()
    if (reason === null) {
      this.options.engine.quitAndInstall()
      return this.status()
    }
    this.set({ ...this.current, installPending: true, message: `Cloutility Desk restarts to update as soon as ${reason} has finished.` })
    this.cancelIdlePoll?.()
    const poll = (): void => {
      if (this.options.busy() === null) this.options.engine.quitAndInstall()
      else this.cancelIdlePoll = this.schedule(poll, this.options.idlePollMs ?? 2000)
    }
    this.cancelIdlePoll = this.schedule(poll, this.options.idlePollMs ?? 2000)
    return this.status()
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString()
  }

  private set(next: Omit<UpdateStatus, 'currentVersion'>): void {
    this.current = { ...next, currentVersion: this.options.currentVersion }
    this.options.onStatus(this.status())
  }
}

/** What blocks a restart, in words, from the core's activity counts. */
export function busyReason(activity: { syncs: number; writes: number }): string | null {
  if (activity.syncs > 0) return activity.syncs === 1 ? 'the running sync' : `the ${activity.syncs} running syncs`
  if (activity.writes > 0) return 'the change being saved'
  return null
}
