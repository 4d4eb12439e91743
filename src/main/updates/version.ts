/**
 * Semantic versions, as far as updates need them: parse "1.2.3", "1.2.3-beta.2" (build metadata
 * ignored) and order them by semver's rules (a pre-release sorts before its release).
 */
export interface SemVer {
  major: number
  minor: number
  patch: number
  prerelease: (string | number)[]
  version: string
}

const PATTERN = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/

export function parseVersion(text: string): SemVer | null {
  const m = PATTERN.exec(text.trim())
  if (!m) return null
  const prerelease = m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : []
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return { major, minor, patch, prerelease, version: `${major}.${minor}.${patch}${m[4] ? `-${m[4]}` : ''}` }
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] - b[key]
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i]
    const y = b.prerelease[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (x === y) continue
    if (typeof x === 'number' && typeof y === 'number') return x - y
    if (typeof x === 'number') return -1
    if (typeof y === 'number') return 1
    return x < y ? -1 : 1
  }
  return 0
}
