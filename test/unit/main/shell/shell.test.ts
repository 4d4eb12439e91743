/**
 * The Electron shell with the electron module mocked (the only part of the app we cannot run
 * here): IPC sender checks, window hardening, navigation and window-open denial, test hooks.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => registered.set(channel, fn),
    removeHandler: (channel: string) => registered.delete(channel)
  }
}))

const { registerIpc } = await import('../../../../src/main/shell/ipc')
const { hardenWebContents, denyAllPermissions } = await import('../../../../src/main/shell/harden')
const { secureWebPreferences, isTrustedRendererUrl } = await import('../../../../src/main/shell/window-options')
const { readTestHooks } = await import('../../../../src/main/shell/test-hooks')
const { invokeChannel } = await import('../../../../src/shared/ipc/contract')

type Handlers = import('../../../../src/main/ipc/dispatch').Handlers

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } })

describe('IPC registration', () => {
  const listAccounts = vi.fn(async () => ({ accounts: [], activeAccountId: null, keychain: { available: true }, problems: [] }))
  beforeEach(() => {
    registered.clear()
    listAccounts.mockClear()
    registerIpc({ listAccounts } as unknown as Handlers, undefined)
  })

  it('registers one named channel per contract method', () => {
    expect(registered.has(invokeChannel('listAccounts'))).toBe(true)
    expect(registered.has(invokeChannel('addAccount'))).toBe(true)
  })

  it('answers calls from the app main frame', async () => {
    const result = await registered.get(invokeChannel('listAccounts'))!(frame('app://desk/index.html'), undefined)
    expect(result).toMatchObject({ ok: true })
    expect(listAccounts).toHaveBeenCalledOnce()
  })

  it('refuses calls from a foreign page or a sub-frame before looking at the payload', async () => {
    const foreign = await registered.get(invokeChannel('listAccounts'))!(frame('https://evil.example/'), undefined)
    const subframe = await registered.get(invokeChannel('listAccounts'))!(frame('app://desk/index.html', {}), undefined)
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    expect(subframe).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    expect(listAccounts).not.toHaveBeenCalled()
  })

  it('answers a bad payload with a typed error and keeps running', async () => {
    const result = await registered.get(invokeChannel('getTree'))!(frame('app://desk/'), { accountId: 42 })
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  })
})

describe('window hardening', () => {
  it('uses the Electron security checklist preferences', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false
    })
  })

  it('trusts only the app origin (and the dev server when one is set)', () => {
    expect(isTrustedRendererUrl('app://desk/index.html', undefined)).toBe(true)
    expect(isTrustedRendererUrl('app://other/index.html', undefined)).toBe(false)
    expect(isTrustedRendererUrl('file:///etc/passwd', undefined)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true)
  })

  it('denies new windows (opening safe links outside) and navigation away', async () => {
    let openHandler: ((details: { url: string }) => { action: string }) | undefined
    const listeners: Record<string, (event: { preventDefault(): void }, url?: string) => void> = {}
    const contents = {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => (listeners[name] = fn)
    }
    const opened: string[] = []
    hardenWebContents(contents as never, undefined, async (url) => {
      opened.push(url)
    })

    expect(openHandler!({ url: 'https://docs.example.com/help' })).toEqual({ action: 'deny' })
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    await new Promise((resolve) => setImmediate(resolve))
    expect(opened).toEqual(['https://docs.example.com/help'])

    const away = { preventDefault: vi.fn() }
    listeners['will-navigate']!(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const inside = { preventDefault: vi.fn() }
    listeners['will-navigate']!(inside, 'app://desk/index.html')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    listeners['will-attach-webview']!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined
    let check: (() => boolean) | undefined
    denyAllPermissions({ setPermissionRequestHandler: (fn: typeof request) => (request = fn), setPermissionCheckHandler: (fn: typeof check) => (check = fn) } as never)
    const answers: boolean[] = []
    request!(null, 'media', (granted) => answers.push(granted))
    expect(answers).toEqual([false])
    expect(check!()).toBe(false)
  })
})

describe('test hooks', () => {
  it('come only from the environment of an unpackaged build', () => {
    const env = { DESK_TEST_HOOKS: '1', DESK_USER_DATA_DIR: '/tmp/x' }
    expect(readTestHooks(env, false)).toEqual({ userDataDir: '/tmp/x' })
    expect(readTestHooks(env, true)).toEqual({})
    expect(readTestHooks({ DESK_USER_DATA_DIR: '/tmp/x' }, false)).toEqual({})
  })
})
