// Re-runs a script inside its own D-Bus session with a fresh, unlocked gnome-keyring, so keytar
// talks to a real Secret Service. The keyring lives in a new temporary folder: a login keyring on
// the machine (with another password) can neither lock the tests out nor be touched by them.
import { spawnSync } from 'node:child_process'

export function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

/** Returns when already inside the session (or none can be made); otherwise exits with the inner run's status. */
export function ensureKeyringSession(script, args = []) {
  if (process.env.DESK_KEYRING_SESSION === '1') return true
  if (!hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')) {
    console.warn(`${script}: dbus-run-session or gnome-keyring-daemon missing: keychain tests will report the keychain as unavailable (run scripts/bootstrap.sh)`)
    return false
  }
  const inner = `keyrings=$(mktemp -d) && printf desk-test | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node ${script} ${args.map((a) => `'${a}'`).join(' ')}`
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    // Inside the keyring session a skipped keychain test is a failure, not a pass.
    env: { ...process.env, DESK_KEYRING_SESSION: '1', CLOUTILITY_REQUIRE_KEYCHAIN: '1' }
  })
  process.exit(result.status ?? 1)
}
