/**
 * The update feed read in Node with electron-updater's own code: its GenericProvider fetches and
 * parses `latest*.yml`, and builder-util-runtime's downloader checks the sha512 while the file
 * streams in; our policy (policy.ts) judges the offer. The desktop app runs the same provider
 * inside electron-updater's platform updater; this wrapper lets tests (and tools) run the feed
 * logic against a local HTTP feed without Electron. Windows installers are also
 * signature-checked by the NSIS updater.
 */
import http from 'node:http'
import https from 'node:https'
import type { ClientRequest, RequestOptions } from 'node:http'
import { CancellationToken, HttpExecutor, configureRequestOptions, configureRequestUrl, type UpdateInfo } from 'builder-util-runtime'
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js'
import type { AppUpdater } from 'electron-updater'
import type { ResolvedUpdateFileInfo } from 'electron-updater/out/types'
import { DeskError } from '../../shared/errors'
import { assessUpdate, feedConfig, type UpdateAssessment } from './policy'

export { assessUpdate, feedConfig, DEFAULT_FEED } from './policy'

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
