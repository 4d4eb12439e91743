/**
 * The update policy: check at start and daily, download only an acceptable newer version, "Restart
 * to update" once it is downloaded, and never restart during a running sync or write — the
 * restart waits for it. Time is a fake scheduler; the busy predicate is the real core's.
 */
import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { busyReason, CHECK_INTERVAL_MS, UpdateController, type UpdateEngine } from '../../../../src/main/updates/controller'
import type { UpdateStatus } from '../../../../src/shared/ipc/installed-models'
import { createAppCore, UPDATES_ELSEWHERE } from '../../../../src/main/core/app-core'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { startSimulator } from '../../../../src/simulator'

process.env.DESK_QUIET = '1'

const sha512 = createHash('sha512').update('x').digest('base64')
const info = (version: string, sum = sha512) => ({ version, files: [{ url: `Setup-${version}.exe`, sha512: sum, size: 1 }] })

class FakeClock {
  private timers: { at: number; run: () => void; cancelled: boolean }[] = []
  now = 0
  schedule = (run: () => void, ms: number) => {
    const timer = { at: this.now + ms, run, cancelled: false }
    this.timers.push(timer)
    return () => {
      timer.cancelled = true
    }
  }
  advance(ms: number): void {
    const until = this.now + ms
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.now = due.at
      due.cancelled = true
      due.run()
    }
    this.now = until
  }
}

function setup(busy: () => string | null = () => null) {
  const clock = new FakeClock()
  const statuses: UpdateStatus[] = []
  const calls: string[] = []
  const engineRef: { controller: UpdateController | null } = { controller: null }
  let offer: ReturnType<typeof info> | null = info('0.2.0')
  const engine: UpdateEngine = {
    check: async () => {
      calls.push('check')
      if (offer) engineRef.controller!.onAvailable(offer)
      else engineRef.controller!.onNotAvailable()
    },
    download: async () => {
      calls.push('download')
    },
    quitAndInstall: () => calls.push('install')
  }
  const controller = new UpdateController({ currentVersion: '0.1.0', engine, busy, onStatus: (s) => statuses.push(s), schedule: clock.schedule, now: () => new Date(clock.now) })
  engineRef.controller = controller
  return { controller, clock, statuses, calls, setOffer: (o: typeof offer) => (offer = o) }
}

describe('update policy', () => {
  it('checks at start and then once a day', async () => {
    const { controller, clock, calls, setOffer } = setup()
    setOffer(null)
    controller.start()
    await Promise.resolve()
    expect(calls).toEqual(['check'])
    clock.advance(CHECK_INTERVAL_MS - 1)
    expect(calls).toEqual(['check'])
    clock.advance(1)
    expect(calls).toEqual(['check', 'check'])
    controller.stop()
    clock.advance(CHECK_INTERVAL_MS * 3)
    expect(calls).toHaveLength(2)
  })

  it('downloads a newer version in the background, then offers "Restart to update"', async () => {
    const { controller, calls, statuses } = setup()
    await controller.check()
    expect(calls).toEqual(['check', 'download'])
    expect(controller.status()).toMatchObject({ state: 'downloading', version: '0.2.0' })
    controller.onProgress(42.4)
    expect(controller.status().percent).toBe(42)
    controller.onDownloaded('0.2.0')
    expect(controller.status()).toMatchObject({ state: 'ready', version: '0.2.0', message: expect.stringMatching(/restart to update/i) })
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'downloading', 'downloading', 'ready'])
    // Checking again does not re-download what is ready.
    await controller.check()
    expect(calls).toEqual(['check', 'download'])
    controller.install()
    expect(calls).toContain('install')
  })

  it('does not download an older or equal version, nor an offer with a bad sha512', async () => {
    const a = setup()
    a.setOffer(info('0.1.0'))
    await a.controller.check()
    expect(a.controller.status().state).toBe('up-to-date')
    const b = setup()
    b.setOffer(info('0.3.0', 'garbage'))
    await b.controller.check()
    expect(b.controller.status()).toMatchObject({ state: 'error', message: expect.stringMatching(/sha512/) })
    expect(b.calls).not.toContain('download')
  })

  it('refuses to install before anything is downloaded', () => {
    const { controller } = setup()
    expect(() => controller.install()).toThrow(/No update has been downloaded/)
  })

  it('never restarts during a running sync or write: it waits, says so, and restarts after', async () => {
    let busy: string | null = 'the running sync'
    const { controller, clock, calls } = setup(() => busy)
    await controller.check()
    controller.onDownloaded('0.2.0')
    const waiting = controller.install()
    expect(waiting).toMatchObject({ state: 'ready', installPending: true, message: expect.stringMatching(/as soon as the running sync has finished/) })
    clock.advance(10_000)
    expect(calls).not.toContain('install')
    busy = null
    clock.advance(2_000)
    expect(calls).toContain('install')
  })
})

describe('the core side', () => {
  it('describes what blocks a restart', () => {
    expect(busyReason({ syncs: 0, writes: 0 })).toBeNull()
    expect(busyReason({ syncs: 1, writes: 3 })).toBe('the running sync')
    expect(busyReason({ syncs: 2, writes: 0 })).toBe('the 2 running syncs')
    expect(busyReason({ syncs: 0, writes: 1 })).toBe('the change being saved')
  })

  it('counts a running sync and writes in flight; without an updater, update calls say where updates live', async () => {
    const sim = await startSimulator({ port: 0, seed: 5, bunits: 4, consumers: 20, latencyMs: 30 })
    const core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'desk-activity-')), host: 'browser', version: '0.1.0', vault: { probe: async () => ({ available: false, code: 'no-service', reason: 'test' }) } })
    try {
      expect(await dispatch(core.handlers, 'getUpdateStatus', undefined)).toEqual({ ok: true, value: { state: 'unsupported', currentVersion: '0.1.0', message: UPDATES_ELSEWHERE } })
      expect(await dispatch(core.handlers, 'installUpdate', undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden', message: UPDATES_ELSEWHERE } })
      expect(core.activity()).toEqual({ syncs: 0, writes: 0 })

      const adding = dispatch(core.handlers, 'addAccount', {
        apiUrl: sim.apiUrl, clientId: sim.defaults.clientId, origin: sim.defaults.origin, username: sim.defaults.username, password: sim.defaults.password, displayName: 'A', secretMode: 'session'
      })
      expect(core.activity().writes).toBe(1)
      const syncStarted = new Promise<void>((resolve) => core.events.onAny((name, p) => name === 'syncProgress' && (p as { phase: string }).phase !== 'done' && resolve()))
      // The sync counts until its estate says it stopped (published after the last progress event).
      let finished = false
      const syncDone = new Promise<void>((resolve) =>
        core.events.onAny((name, p) => {
          if (name === 'syncProgress' && ['done', 'failed'].includes((p as { phase: string }).phase)) finished = true
          if (name === 'estateChanged' && finished && !(p as { syncing: boolean }).syncing) resolve()
        })
      )
      expect(await adding).toMatchObject({ ok: true })
      await syncStarted
      expect(core.activity().syncs).toBe(1)
      await syncDone
      expect(core.activity()).toEqual({ syncs: 0, writes: 0 })
    } finally {
      await core.close()
      await sim.close()
    }
  })
})
