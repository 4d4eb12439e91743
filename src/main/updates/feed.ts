/**
 * The update feed, with electron-updater's own code doing the work where it runs without
 * Electron: its GenericProvider fetches and parses `latest*.yml`, and builder-util-runtime's
 * downloader checks the sha512 while the file streams in. What is ours is the policy on top:
 *
 * - where the feed is (`feedConfig`: a generic HTTPS folder from DESK_UPDATE_URL or the settings,
 *   else the GitHub releases named in electron-builder.yml's `publish`);
 * - whether an announced update is acceptable (`assessUpdate`: a valid semver newer than ours,
 *   files with well-formed sha512 sums), checked before anything is downloaded.
 *
 * The desktop shell (src/main/shell/updater.ts) hands `assessUpdate` the UpdateInfo that
 * electron-updater's platform updater found; tests run `checkFeed`/`downloadVerified` in Node
 * against a local HTTP feed. Windows installers are also signature-checked by the NSIS updater.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import http from 'node:http'
import https from 'node:https'
import type { ClientRequest, RequestOptions } from 'node:http'
import { CancellationToken, HttpExecutor, configureRequestOptions, configureRequestUrl, type UpdateInfo } from 'builder-util-runtime'
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider'
import type { AppUpdater } from 'electron-updater'
import type { ResolvedUpdateFileInfo } from 'electron-updater/out/types'
import { compareVersions, parseVersion } from './version'
import { DeskError } from '../../shared/errors'

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

/** builder-util-runtime's downloader over Node's http/https (the desktop app uses Electron's net). */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions & { protocol?: string }, callback: (response: http.IncomingMessage) => void): ClientRequest {
    // A fresh connection per request: the downloader adds a timeout listener to each socket, and
    // reusing keep-alive sockets would pile them up.
    return (options.protocol === 'https:' ? https : http).request({ ...options, agent: false }, callback)
  }

  /** Streams `url` to `destination`, failing when the bytes do not match `sha512`. */
  download(url: URL, destination: string, options: { sha512: string; cancellationToken?: CancellationToken }): Promise<string> {
    const cancellationToken = options.cancellationToken ?? new CancellationToken()
    return cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions & { redirect?: string } = { redirect: 'manual' }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      // doDownload is builder-util-runtime's internal (typed protected in practice): pipes through DigestTransform.
      ;(this as unknown as { doDownload(o: unknown, d: unknown, r: number): void }).doDownload(
        requestOptions,
        {
          destination,
          options: { sha512: options.sha512, cancellationToken },
          onCancel,
          callback: (error: Error | null) => (error ? reject(error) : resolve(destination)),
          responseHandler: null
        },
        0
      )
    })
  }
}

export interface FeedCheck extends UpdateAssessment {
  info: UpdateInfo
  files: ResolvedUpdateFileInfo[]
}

/**
 * Reads a generic feed with electron-updater's GenericProvider (channel file `latest.yml`,
 * `latest-linux.yml` or `latest-mac.yml` for `platform`) and assesses what it offers.
 */
export async function checkFeed(options: { url: string; currentVersion: string; platform?: 'linux' | 'darwin' | 'win32'; executor?: NodeHttpExecutor }): Promise<FeedCheck> {
  const feed = feedConfig(options.url)
  if (feed.provider !== 'generic') throw new DeskError('invalid-input', 'checkFeed reads generic feeds only.')
  const executor = options.executor ?? new NodeHttpExecutor()
  // The provider reads only `channel` and `isAddNoCacheQuery` from the updater.
  const updater = { channel: null, isAddNoCacheQuery: false } as unknown as AppUpdater
  const provider = new GenericProvider({ provider: 'generic', url: feed.url }, updater, {
    executor: executor as never,
    platform: options.platform ?? (process.platform as 'linux' | 'darwin' | 'win32'),
    isUseMultipleRangeRequest: false
  })
  let info: UpdateInfo
  try {
    info = await provider.getLatestVersion()
  } catch (error) {
    throw new DeskError('validation', `The update feed could not be read: ${firstLine(error)}`)
  }
  const assessment = assessUpdate(info, options.currentVersion)
  return { ...assessment, info, files: provider.resolveFiles(info) }
}

/** Downloads one file of a checked feed; rejects (and leaves no trusted file) when its sha512 differs. */
export async function downloadVerified(file: ResolvedUpdateFileInfo, destination: string, executor = new NodeHttpExecutor()): Promise<string> {
  try {
    return await executor.download(file.url, destination, { sha512: file.info.sha512 })
  } catch (error) {
    throw new DeskError('validation', `The update download was refused: ${firstLine(error)}`)
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300)
}
