/**
 * The installed-app parts of the desktop window, through Playwright's _electron: the application
 * menu and the remembered window place. Runs wherever the Electron binary exists; elsewhere every
 * test skips and the reason is printed.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findElectronBinary } from '../../scripts/electron-binary.mjs'

const binary = findElectronBinary()
if (!binary.path) console.log(`Electron suite skipped: ${binary.missing}`)
test.skip(!binary.path, `Electron binary not available: ${binary.missing ?? ''}`)

function launch(userData: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary.path!,
    args: [resolve(import.meta.dirname, '../../out/main/index.js')],
    env: { ...process.env, DESK_TEST_HOOKS: '1', DESK_USER_DATA_DIR: userData }
  })
}

test('the application menu follows the platform and shows the renderer shortcuts', async () => {
  const app = await launch(mkdtempSync(join(tmpdir(), 'desk-electron-menu-')))
  try {
    await app.firstWindow()
    const menu = await app.evaluate(({ Menu }) => {
      const walk = (items: Electron.MenuItem[]): { id: string; label: string; role: string; accelerator: string }[] =>
        items.flatMap((i) => [{ id: i.id, label: i.label, role: String(i.role ?? ''), accelerator: String(i.accelerator ?? '') }, ...(i.submenu ? walk(i.submenu.items) : [])])
      const top = Menu.getApplicationMenu()!.items
      return { top: top.map((i) => i.label), all: walk(top) }
    })
    expect(menu.top.slice(-4)).toEqual(['Edit', 'View', 'Window', 'Help'].map((l) => expect.stringContaining(l)))
    const byId = (id: string) => menu.all.find((i) => i.id === id)
    expect(byId('filter')?.accelerator).toBe('CmdOrCtrl+F')
    expect(byId('command-palette')?.accelerator).toBe('CmdOrCtrl+K')
    expect(byId('copy-diagnostics')).toBeDefined()
    expect(byId('open-logs')).toBeDefined()
    expect(menu.all.map((i) => i.role.toLowerCase())).toEqual(expect.arrayContaining(['copy', 'paste', 'zoomin', 'zoomout']))
  } finally {
    await app.close()
  }
})

test('the window reopens where it was, and on screen when its display is gone', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'desk-electron-window-'))
  let app = await launch(userData)
  await app.firstWindow()
  const wanted = await app.evaluate(({ BrowserWindow, screen }) => {
    const area = screen.getPrimaryDisplay().workArea
    const bounds = { x: area.x + 40, y: area.y + 30, width: Math.min(1000, area.width - 80), height: Math.min(700, area.height - 60) }
    BrowserWindow.getAllWindows()[0]!.setBounds(bounds)
    return bounds
  })
  await app.close()
  const file = join(userData, 'window-state.json')
  expect(existsSync(file)).toBe(true)

  app = await launch(userData)
  await app.firstWindow()
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds())).toEqual(wanted)
  await app.close()

  // Remembered only for a display that is not connected: opens on the primary display instead.
  const state = JSON.parse(readFileSync(file, 'utf8')) as { displays: Record<string, unknown> }
  writeFileSync(file, JSON.stringify({ version: 1, displays: { '99999,99999,800x600': Object.values(state.displays)[0] }, last: '99999,99999,800x600' }))
  app = await launch(userData)
  await app.firstWindow()
  const onScreen = await app.evaluate(({ BrowserWindow, screen }) => {
    const b = BrowserWindow.getAllWindows()[0]!.getBounds()
    const a = screen.getPrimaryDisplay().workArea
    return b.x >= a.x && b.y >= a.y && b.x + b.width <= a.x + a.width && b.y + b.height <= a.y + a.height
  })
  expect(onScreen).toBe(true)
  await app.close()
})
