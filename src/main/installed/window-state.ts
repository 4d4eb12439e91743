/**
 * Where the main window opens: its size, position and maximised state are remembered per display
 * arrangement (a laptop alone vs. docked with two monitors keep separate places). A remembered
 * place whose display is gone, or that no longer fits, is never used as is: the window is moved
 * and shrunk onto a display that exists, so it can never open off-screen.
 *
 * Plain math and a small JSON file (0600); the shell (src/main/shell/window-state.ts) feeds it
 * Electron's screen and window events.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fs/private-files'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface DisplayInfo {
  bounds: Rect
  workArea: Rect
}

export interface SavedWindow {
  bounds: Rect
  maximized: boolean
}

export interface WindowStateFile {
  version: 1
  /** Keyed by display (see displayKey). */
  displays: Record<string, SavedWindow>
  /** The display the window was last on. */
  last: string | null
}

export interface WindowDefaults {
  width: number
  height: number
  minWidth: number
  minHeight: number
}

export const WINDOW_STATE_FILE = 'window-state.json'

const rectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() })
const fileSchema = z.object({
  version: z.literal(1),
  displays: z.record(z.string(), z.object({ bounds: rectSchema, maximized: z.boolean() })),
  last: z.string().nullable()
})

export const emptyWindowState = (): WindowStateFile => ({ version: 1, displays: {}, last: null })

/** A display by its geometry: display ids are not stable across restarts on every platform. */
export function displayKey(display: DisplayInfo): string {
  const b = display.bounds
  return `${b.x},${b.y},${b.width}x${b.height}`
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/** The display showing most of `rect` (the first one when it is on none). */
export function displayFor(rect: Rect, displays: DisplayInfo[]): DisplayInfo | undefined {
  let best: DisplayInfo | undefined
  let bestArea = -1
  for (const display of displays) {
    const area = overlap(rect, display.bounds)
    if (area > bestArea) {
      best = display
      bestArea = area
    }
  }
  return best
}

/** Shrinks `rect` to fit `area` (not below the minimum) and moves it fully inside. */
export function fitInto(rect: Rect, area: Rect, min: { minWidth: number; minHeight: number }): Rect {
  const width = Math.max(Math.min(rect.width, area.width), Math.min(min.minWidth, area.width))
  const height = Math.max(Math.min(rect.height, area.height), Math.min(min.minHeight, area.height))
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width)
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height)
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }
}

function centred(defaults: WindowDefaults, area: Rect): Rect {
  const width = Math.min(defaults.width, area.width)
  const height = Math.min(defaults.height, area.height)
  return fitInto({ x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height }, area, defaults)
}

/**
 * Where to open: the place remembered for the display last used if it is still connected, else
 * the place remembered for any connected display, else the default size centred on the primary.
 */
export function restoreWindow(state: WindowStateFile, displays: DisplayInfo[], primary: DisplayInfo, defaults: WindowDefaults): SavedWindow {
  const connected = new Map(displays.map((d) => [displayKey(d), d]))
  const candidates = [state.last, displayKey(primary), ...Object.keys(state.displays)].filter((k): k is string => k !== null)
  for (const key of candidates) {
    const saved = state.displays[key]
    const display = connected.get(key)
    if (saved && display) return { bounds: fitInto(saved.bounds, display.workArea, defaults), maximized: saved.maximized }
  }
  return { bounds: centred(defaults, primary.workArea), maximized: false }
}

/** Records the window's normal (unmaximised) bounds under the display it is on. */
export function recordWindow(state: WindowStateFile, displays: DisplayInfo[], bounds: Rect, maximized: boolean): WindowStateFile {
  const display = displayFor(bounds, displays)
  if (!display) return state
  const key = displayKey(display)
  return { version: 1, displays: { ...state.displays, [key]: { bounds: { ...bounds }, maximized } }, last: key }
}

/** Reads the file; a missing or unreadable one is an empty state (window placement is not worth an error). */
export function readWindowState(dir: string): WindowStateFile {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8')))
    return parsed.success ? parsed.data : emptyWindowState()
  } catch {
    return emptyWindowState()
  }
}

/**
 * Writes the file (0600) via a temp file and a rename. Synchronous on purpose: the last save runs
 * in the window's 'close' event, and the process may be gone before an async write lands.
 */
export function writeWindowState(dir: string, state: WindowStateFile): void {
  const file = path.join(dir, WINDOW_STATE_FILE)
  const tmp = `${file}.${process.pid}.tmp`
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
  renameSync(tmp, file)
}
