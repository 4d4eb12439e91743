/**
 * The remembered window place: per display arrangement, restored only onto a display that still
 * exists, shrunk and moved so it is never off-screen, and kept in a small owner-only file.
 */
import { describe, expect, it } from 'vitest'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  displayKey,
  emptyWindowState,
  fitInto,
  readWindowState,
  recordWindow,
  restoreWindow,
  writeWindowState,
  WINDOW_STATE_FILE,
  type DisplayInfo
} from '../../../../src/main/installed/window-state'

const defaults = { width: 1280, height: 820, minWidth: 900, minHeight: 600 }
const display = (x: number, y: number, width: number, height: number, taskbar = 40): DisplayInfo => ({
  bounds: { x, y, width, height },
  workArea: { x, y, width, height: height - taskbar }
})
const laptop = display(0, 0, 1920, 1080)
const external = display(1920, 0, 2560, 1440)
const small = display(0, 0, 1024, 700)

describe('window state', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(restoreWindow(emptyWindowState(), [laptop], laptop, defaults)).toEqual({ bounds: { x: 320, y: 110, width: 1280, height: 820 }, maximized: false })
  })

  it('restores size, position and maximised state on the same display', () => {
    let state = recordWindow(emptyWindowState(), [laptop, external], { x: 2100, y: 100, width: 1600, height: 1000 }, true)
    expect(state.last).toBe(displayKey(external))
    expect(restoreWindow(state, [laptop, external], laptop, defaults)).toEqual({ bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: true })
    // Each display arrangement keeps its own place.
    state = recordWindow(state, [laptop, external], { x: 10, y: 20, width: 1000, height: 700 }, false)
    expect(Object.keys(state.displays).sort()).toEqual([displayKey(laptop), displayKey(external)].sort())
  })

  it('when the display is gone, uses the place remembered for a connected one, else the default', () => {
    let state = recordWindow(emptyWindowState(), [laptop, external], { x: 50, y: 60, width: 1100, height: 700 }, false)
    state = recordWindow(state, [laptop, external], { x: 2100, y: 100, width: 1600, height: 1000 }, false)
    // Undocked: the external display is gone; the laptop's own place is used.
    expect(restoreWindow(state, [laptop], laptop, defaults).bounds).toEqual({ x: 50, y: 60, width: 1100, height: 700 })
    // A machine that never had the window on its display: default, centred, on screen.
    const onlyExternal = recordWindow(emptyWindowState(), [external], { x: 2100, y: 100, width: 1600, height: 1000 }, true)
    expect(restoreWindow(onlyExternal, [laptop], laptop, defaults)).toEqual({ bounds: { x: 320, y: 110, width: 1280, height: 820 }, maximized: false })
  })

  it('never opens off-screen or larger than the work area', () => {
    const state = { version: 1 as const, displays: { [displayKey(small)]: { bounds: { x: 900, y: -300, width: 3000, height: 2000 }, maximized: false } }, last: displayKey(small) }
    const { bounds } = restoreWindow(state, [small], small, defaults)
    expect(bounds).toEqual({ x: 0, y: 0, width: 1024, height: 660 })
    expect(fitInto({ x: -5000, y: 5000, width: 800, height: 500 }, laptop.workArea, defaults)).toEqual({ x: 0, y: 440, width: 900, height: 600 })
  })

  it('keeps its file owner-only and treats a damaged file as no state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-window-'))
    expect(readWindowState(dir)).toEqual(emptyWindowState())
    const state = recordWindow(emptyWindowState(), [laptop], { x: 1, y: 2, width: 1000, height: 700 }, false)
    writeWindowState(dir, state)
    expect(readWindowState(dir)).toEqual(state)
    if (process.platform !== 'win32') expect(statSync(join(dir, WINDOW_STATE_FILE)).mode & 0o777).toBe(0o600)
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"version":1,"displays":{"x":{"bounds":{"x":"a"}}}}')
    expect(readWindowState(dir)).toEqual(emptyWindowState())
  })
})
