/**
 * Helpers for tests that talk to a real Secret Service (gnome-keyring under dbus-run-session in CI).
 *
 * Run them like CI:
 *   dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run test/unit/main/credentials'
 *
 * Without DBUS_SESSION_BUS_ADDRESS the real-keychain cases are skipped with a printed reason.
 * Set CLOUTILITY_REQUIRE_KEYCHAIN=1 (CI) to turn that skip into a failing test.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Null when a real Secret Service should be reachable; otherwise why the real-keychain tests are skipped. */
export function secretServiceSkipReason(): string | null {
  if (process.platform !== 'linux') return null // macOS / Windows keychains are always there
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    return 'DBUS_SESSION_BUS_ADDRESS is not set, so no Secret Service is reachable. Run under dbus-run-session with gnome-keyring-daemon to exercise the real keychain.'
  }
  return null
}

export const keychainRequired = process.env.CLOUTILITY_REQUIRE_KEYCHAIN === '1'

/** Prints the skip reason once per file (vitest shows skipped tests but not why). */
export function announceSkip(suite: string): boolean {
  const reason = secretServiceSkipReason()
  if (reason !== null) console.warn(`[${suite}] real-keychain tests skipped: ${reason}`)
  return reason !== null
}

/** A keychain service name unique to this test run, so tests never touch real entries. */
export function testServiceName(): string {
  return `Cloutility Desk test ${randomUUID()}`
}

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}

export interface ChildResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command (argv, no shell unless you ask for one) and collects its output. */
export function runCommand(
  argv: [string, ...string[]],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}
): Promise<ChildResult> {
  const [file, ...args] = argv
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${file} timed out; stderr: ${stderr}`))
    }, options.timeoutMs ?? 25_000)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * Runs a TypeScript file with the repo's tsx in a child process. `wrap` receives the shell command
 * line and returns the argv to run instead (e.g. inside dbus-run-session).
 */
export function runTsx(
  script: string,
  options: { env?: NodeJS.ProcessEnv; wrap?: (cmd: string) => [string, ...string[]]; timeoutMs?: number } = {}
): Promise<ChildResult> {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
  const cmd = `exec ${JSON.stringify(tsx)} ${JSON.stringify(script)}`
  const argv = options.wrap ? options.wrap(cmd) : (['sh', '-c', cmd] as [string, ...string[]])
  return runCommand(argv, options)
}

/** The last line of stdout parsed as JSON (the fixture scripts print one JSON line). */
export function lastJsonLine(stdout: string): unknown {
  const line = stdout.trim().split('\n').filter(Boolean).at(-1)
  if (line === undefined) throw new Error('child printed nothing')
  return JSON.parse(line)
}
