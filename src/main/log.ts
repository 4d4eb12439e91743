/**
 * Leveled logger for main: the console, and (in the desktop app) a rotating log file in the
 * platform's log folder. Every line goes through the redactor first (logging/redact.ts), so a
 * password, token or node password never reaches either, whatever the caller passed. Errors are
 * reduced to name and message (the stack only when DESK_DEBUG is set).
 */
import { redact } from './logging/redact'
import { RotatingFileSink, type FileSinkOptions } from './logging/file-sink'

type Level = 'debug' | 'info' | 'warn' | 'error'

const debugEnabled = process.env.DESK_DEBUG === '1'
let sink: RotatingFileSink | null = null

function describe(value: unknown): string {
  if (value instanceof Error) return debugEnabled && value.stack ? value.stack : `${value.name}: ${value.message}`
  if (value === undefined) return ''
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

function write(level: Level, message: string, extra?: unknown): void {
  if (level === 'debug' && !debugEnabled) return
  const line = redact(`[${new Date().toISOString()}] ${level.toUpperCase()} ${message}${extra === undefined ? '' : ` ${describe(extra)}`}`)
  try {
    sink?.write(line)
  } catch {
    // A full disk must not take the app down with its log.
  }
  // Read per line: tests set DESK_QUIET after their imports have loaded this module.
  if (process.env.DESK_QUIET === '1' && level !== 'error') return
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`)
  else process.stdout.write(`${line}\n`)
}

export const log = {
  debug: (message: string, extra?: unknown) => write('debug', message, extra),
  info: (message: string, extra?: unknown) => write('info', message, extra),
  warn: (message: string, extra?: unknown) => write('warn', message, extra),
  error: (message: string, extra?: unknown) => write('error', message, extra)
}

/** Starts writing to a rotating log file in `options.dir` as well. Returns the file's path. */
export function attachLogFile(options: FileSinkOptions): string {
  sink = new RotatingFileSink(options)
  return sink.file
}

/** Stops writing to the log file (tests). */
export function detachLogFile(): void {
  sink = null
}

/** The log file and its rotated copies, newest first; empty when no file is attached. */
export function logFiles(): string[] {
  return sink?.files() ?? []
}
