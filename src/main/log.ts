/**
 * Minimal leveled logger for main. Messages are written by us and never include secrets;
 * errors are reduced to name and message (and the stack only when DESK_DEBUG is set), so a
 * token that slipped into an error by accident is not echoed with its surroundings.
 */
type Level = 'debug' | 'info' | 'warn' | 'error'

const debugEnabled = process.env.DESK_DEBUG === '1'
const quiet = process.env.DESK_QUIET === '1'

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
  if (quiet && level !== 'error') return
  if (level === 'debug' && !debugEnabled) return
  const line = `[${new Date().toISOString()}] ${level.toUpperCase()} ${message}${extra === undefined ? '' : ` ${describe(extra)}`}`
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`)
  else process.stdout.write(`${line}\n`)
}

export const log = {
  debug: (message: string, extra?: unknown) => write('debug', message, extra),
  info: (message: string, extra?: unknown) => write('info', message, extra),
  warn: (message: string, extra?: unknown) => write('warn', message, extra),
  error: (message: string, extra?: unknown) => write('error', message, extra)
}
