/**
 * The shell's updater glue with electron-updater mocked (its platform updaters need Electron):
 * no automatic download (our policy decides), the configured generic feed, the updater's events
 * driving the policy, status pushed to the renderer, and the restart held while the core is busy.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

process.env.DESK_QUIET = '1'

const fake = vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events')
  const updater = Object.assign(new EventEmitter(), {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
    feed: null as unknown,
    calls: [] as string[],
    setFeedURL(feed: unknown) {
      this.feed = feed
    },
    async checkForUpdates() {
      this.calls.push('check')
      return null
    },
    async downloadUpdate() {
      this.calls.push('download')
      return []
    },
    quitAndInstall() {
      this.calls.push('quitAndInstall')
    }
  })
  return { updater }
})
vi.mock('electron-updater', async () => ({ default: { autoUpdater: (await fake).updater } }))

const { updater } = await fake
const { startUpdater } = await import('../../../../src/main/shell/updater')
const { EventHub } = await import('../../../../src/main/core/events')
type AppCore = import('../../../../src/main/core/app-core').AppCore
type UpdateService = import('../../../../src/main/core/app-core').UpdateService

function fakeCore(activity: { syncs: number; writes: number }) {
  const events = new EventHub()
  const pushed: unknown[] = []
  events.onAny((name, payload) => name === 'updateStatus' && pushed.push(payload))
  let service: UpdateService | null = null
  const core = { events, activity: () => activity, setUpdates: (s: UpdateService) => (service = s) } as unknown as AppCore
  return { core, pushed, service: () => service! }
}

const sha512 = createHash('sha512').update('installer').digest('base64')

describe('startUpdater', () => {
  it('stays off in development unless a feed is configured', () => {
    const { core } = fakeCore({ syncs: 0, writes: 0 })
    expect(startUpdater(core, { version: '0.1.0', packaged: false, dataDir: mkdtempSync(join(tmpdir(), 'desk-upd-')), env: {} })).toBeNull()
  })

  it('uses the feed from updates.json, downloads only after the policy accepts, and waits for a sync before restarting', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-upd-'))
    writeFileSync(join(dataDir, 'updates.json'), JSON.stringify({ feedUrl: 'https://updates.example.com/desk' }))
    const activity = { syncs: 1, writes: 0 }
    const { core, pushed, service } = fakeCore(activity)
    const controller = startUpdater(core, { version: '0.1.0', packaged: true, dataDir, env: {} })!
    expect(controller).not.toBeNull()
    expect(updater.autoDownload).toBe(false)
    expect(updater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/desk/' })
    expect(service()).toBe(controller)
    await vi.waitFor(() => expect(updater.calls).toEqual(['check']))

    updater.emit('update-available', { version: '0.2.0', files: [{ url: 'Setup-0.2.0.exe', sha512, size: 1 }] })
    expect(updater.calls).toEqual(['check', 'download'])
    updater.emit('download-progress', { percent: 50 })
    updater.emit('update-downloaded', { version: '0.2.0' })
    expect(pushed.at(-1)).toMatchObject({ state: 'ready', version: '0.2.0' })

    expect(service().install()).toMatchObject({ installPending: true })
    expect(updater.calls).not.toContain('quitAndInstall')
    controller.stop()
  })

  it('refuses an offer without a valid sha512: nothing is downloaded', async () => {
    updater.calls.length = 0
    const { core, pushed } = fakeCore({ syncs: 0, writes: 0 })
    const controller = startUpdater(core, { version: '0.1.0', packaged: true, dataDir: mkdtempSync(join(tmpdir(), 'desk-upd-')), env: { DESK_UPDATE_URL: 'https://u.example.com/' } })!
    await vi.waitFor(() => expect(updater.calls).toEqual(['check']))
    updater.emit('update-available', { version: '0.2.0', files: [{ url: 'Setup-0.2.0.exe', sha512: 'abc', size: 1 }] })
    expect(updater.calls).toEqual(['check'])
    expect(pushed.at(-1)).toMatchObject({ state: 'error', message: expect.stringMatching(/sha512/) })
    controller.stop()
  })
})

