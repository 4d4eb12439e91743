/**
 * IBM Storage Protect node-name rules: A–Z 0–9 _ . - + &, at most 64
 * characters, stored in upper case, unique per server.
 */
import type { Prng } from './prng'

export const NODE_NAME_MAX = 64
const VALID = /^[A-Z0-9_.\-+&]+$/

/** Returns an error message, or null when the (already upper-cased) name is valid. */
export function nodeNameProblem(name: string): string | null {
  if (name.length === 0) return 'tsmName must not be empty'
  if (name.length > NODE_NAME_MAX) return `tsmName must be at most ${NODE_NAME_MAX} characters (got ${name.length})`
  if (!VALID.test(name)) {
    return 'tsmName may only contain the letters A-Z, digits 0-9 and the characters _ . - + &'
  }
  return null
}

export const tsmKey = (serverId: number, name: string): string => `${serverId}/${name}`

/** Derive a valid candidate from a free-text consumer name ("Jenny's WS" → "JENNY_S_WS"). */
export function baseNodeName(consumerName: string): string {
  const cleaned = consumerName
    .toUpperCase()
    .replace(/[^A-Z0-9_.\-+&]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return (cleaned || 'NODE').slice(0, NODE_NAME_MAX)
}

/** First free name of BASE, BASE_2, BASE_3… (suffix kept inside 64 characters). */
export function uniqueNodeName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base
  for (let i = 2; ; i++) {
    const suffix = `_${i}`
    const candidate = base.slice(0, NODE_NAME_MAX - suffix.length) + suffix
    if (!taken(candidate)) return candidate
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** The portal's convention for unnamed activations: 12 random alphanumerics. */
export function randomNodeName(rng: Prng): string {
  let s = ''
  for (let i = 0; i < 12; i++) s += ALNUM[rng.int(0, ALNUM.length - 1)]
  return s
}

const PW = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export function randomPassword(rng: Prng, length = 16): string {
  let s = ''
  for (let i = 0; i < length; i++) s += PW[rng.int(0, PW.length - 1)]
  return s
}
