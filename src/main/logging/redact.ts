/**
 * Redaction at the logger: whatever a log line carries, secrets do not reach the console or the
 * log file. Two nets:
 * - values: every password, token and node password the app handles is remembered here (by the
 *   vault, the token manager and the node-password handlers) and replaced wherever it appears;
 * - shapes: `Bearer …`, and `password`/`token`/`secret`-like keys in JSON, forms and query strings.
 * The remembered values live only in this process's memory, bounded, and are never written.
 */

/** Shorter values would redact ordinary words; no real secret of ours is this short. */
const MIN_SECRET_LENGTH = 6
const MAX_REMEMBERED = 1000
const remembered = new Set<string>()

export const REDACTED = '[redacted]'

/** Remembers a secret value so no later log line can carry it. */
export function rememberSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return
  remembered.delete(value)
  remembered.add(value)
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.values().next().value as string)
}

const SECRET_KEY = String.raw`(?:password|passwd|pwd|secret|token|access_token|refresh_token|accessToken|refreshToken|authorization|nodePassword|client_secret|api[_-]?key)`
/** "key": "value" and key=value (forms, query strings, "key: value" prose). */
const KEY_VALUE = new RegExp(String.raw`(["']?\b\w*${SECRET_KEY}["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,&;}\])]+)`, 'gi')
const BEARER = /\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi

export function redact(text: string): string {
  let out = text
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...remembered].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
    // JSON.stringify escapes some characters: catch the escaped spelling too.
    const escaped = JSON.stringify(secret).slice(1, -1)
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(REDACTED)
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED)
  }
  out = out.replace(BEARER, `$1${REDACTED}`)
  out = out.replace(KEY_VALUE, (_match, key: string, value: string) => {
    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : ''
    return `${key}${quote}${REDACTED}${quote}`
  })
  return out
}

/** Keys that name a secret (password, nodePassword, refreshToken…), not ones that merely mention it (secretMode). */
const SECRET_FIELD = /(password|secret|token)$/i

/**
 * Remembers every string under a password/secret/token-like key of a call's input or answer
 * (node passwords chosen by the user or generated for an activation). Bounded depth.
 */
export function rememberSecretsIn(value: unknown, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (typeof inner === 'string' && SECRET_FIELD.test(key)) rememberSecret(inner)
    else rememberSecretsIn(inner, depth + 1)
  }
}

/** For tests: forget every remembered value. */
export function forgetSecrets(): void {
  remembered.clear()
}
