/**
 * Update policy that needs neither Electron nor the network: where the feed is (`feedConfig`: a
 * generic HTTPS folder from DESK_UPDATE_URL or `<data>/updates.json`, else the GitHub releases
 * named in electron-builder.yml's `publish`) and whether an announced update is acceptable
 * (`assessUpdate`: a valid semver newer than ours, files with well-formed sha512 sums), checked
 * before anything is downloaded. Used by the desktop shell (src/main/shell/updater.ts) on the
 * UpdateInfo electron-updater found, and by feed.ts.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { UpdateInfo } from 'builder-util-runtime'
import { DeskError } from '../../shared/errors'
import { compareVersions, parseVersion } from './version'

export type FeedConfig = { provider: 'generic'; url: string } | { provider: 'github'; owner: string; repo: string }

/** The GitHub releases the build config names (electron-builder.yml `publish`). */
export const DEFAULT_FEED: FeedConfig = { provider: 'github', owner: 'cloutility-desk', repo: 'cloutility-desk' }

/**
 * The feed to use: a generic URL when one is configured (HTTPS; plain HTTP only to this machine,
 * for tests and local mirrors), otherwise the default GitHub releases.
 */
export function feedConfig(configuredUrl: string | undefined): FeedConfig {
  const raw = configuredUrl?.trim()
  if (!raw) return DEFAULT_FEED
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new DeskError('invalid-input', `The update feed "${raw}" is not a URL.`)
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new DeskError('invalid-input', 'The update feed must be an https:// address.')
  }
  if (url.username || url.password) throw new DeskError('invalid-input', 'The update feed must not carry a user name or password.')
  return { provider: 'generic', url: url.href.endsWith('/') ? url.href : `${url.href}/` }
}

export const UPDATE_SETTINGS_FILE = 'updates.json'

/**
 * `<data folder>/updates.json`, e.g. `{ "feedUrl": "https://updates.example.com/desk/" }`, lets an
 * administrator point installed copies at their own generic feed. Missing or invalid: no setting.
 */
export function readUpdateSettings(dataDir: string): { feedUrl?: string } {
  try {
    const raw = JSON.parse(readFileSync(path.join(dataDir, UPDATE_SETTINGS_FILE), 'utf8')) as { feedUrl?: unknown }
    return typeof raw.feedUrl === 'string' ? { feedUrl: raw.feedUrl } : {}
  } catch {
    return {}
  }
}

export interface UpdateAssessment {
  /** True when the feed offers a version newer than ours. */
  newer: boolean
  version: string
}

/** sha512 as electron-builder writes it: base64 of 64 bytes (or 128 hex digits). */
function wellFormedSha512(value: unknown): boolean {
  if (typeof value !== 'string') return false
  if (/^[0-9a-f]{128}$/i.test(value)) return true
  return /^[A-Za-z0-9+/]{86}==$/.test(value) && Buffer.from(value, 'base64').length === 64
}

/**
 * Refuses update info we would not install: no valid semver version, no files, or a file without
 * a well-formed sha512 (the downloader checks the sum; a missing or garbled one would let any
 * bytes through). Otherwise says whether it is newer than `currentVersion`.
 */
export function assessUpdate(info: Pick<UpdateInfo, 'version' | 'files'> | null | undefined, currentVersion: string): UpdateAssessment {
  const version = parseVersion(typeof info?.version === 'string' ? info.version : '')
  if (!info || !version) throw new DeskError('validation', 'The update feed announces no valid version.')
  const files = Array.isArray(info.files) ? info.files : []
  if (files.length === 0) throw new DeskError('validation', `The update feed lists no files for version ${version.version}.`)
  for (const file of files) {
    if (typeof file?.url !== 'string' || file.url.length === 0) throw new DeskError('validation', 'The update feed lists a file without a name.')
    if (!wellFormedSha512(file.sha512)) throw new DeskError('validation', `The update feed gives no valid sha512 for ${file.url}; the update is refused.`)
  }
  const current = parseVersion(currentVersion)
  if (!current) throw new DeskError('internal', `This build's version "${currentVersion}" is not semver.`)
  return { newer: compareVersions(version, current) > 0, version: version.version }
}
