/**
 * The update feed logic against a local HTTP feed served by the test: electron-updater's
 * GenericProvider reads `latest.yml`, our policy accepts only a newer semver with well-formed
 * sha512 sums, and builder-util-runtime's downloader refuses bytes whose sha512 differs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { assessUpdate, checkFeed, downloadVerified, feedConfig, DEFAULT_FEED } from '../../../../src/main/updates/feed'
import { compareVersions, parseVersion } from '../../../../src/main/updates/version'

const installer = Buffer.from('pretend installer bytes '.repeat(1000))
const sha512 = createHash('sha512').update(installer).digest('base64')
let latestYml = ''
let server: Server
let feedUrl: string
const requested: string[] = []

function yml(version: string, sum = sha512, extra = ''): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: Cloutility-Desk-Setup-${version}.exe`,
    `    sha512: ${sum}`,
    `    size: ${installer.length}`,
    `path: Cloutility-Desk-Setup-${version}.exe`,
    `sha512: ${sum}`,
    "releaseDate: '2026-11-30T10:00:00.000Z'",
    extra
  ].join('\n')
}

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '')
    if (req.url?.startsWith('/feed/latest.yml')) {
      if (latestYml === '') return res.writeHead(404).end('no such file')
      return res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestYml)
    }
    if (req.url?.startsWith('/feed/Cloutility-Desk-Setup-')) return res.writeHead(200, { 'content-length': installer.length }).end(installer)
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  requested.length = 0
})

describe('reading a generic feed (latest.yml)', () => {
  it('finds a newer version and resolves its installer against the feed', async () => {
    latestYml = yml('0.2.0')
    const check = await checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })
    expect(check).toMatchObject({ newer: true, version: '0.2.0' })
    expect(requested[0]).toMatch(/^\/feed\/latest\.yml/)
    expect(check.files[0]!.url.href).toBe(`${feedUrl}Cloutility-Desk-Setup-0.2.0.exe`)
    expect(check.files[0]!.info.sha512).toBe(sha512)
  })

  it.each([
    ['the same version', '0.1.0'],
    ['an older version', '0.0.9'],
    ['a pre-release of the current version', '0.1.0-beta.1']
  ])('does not offer %s', async (_what, version) => {
    latestYml = yml(version)
    expect(await checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })).toMatchObject({ newer: false })
  })

  it('refuses a feed that is not YAML', async () => {
    latestYml = 'version: [1.0.0\nfiles: {{{'
    await expect(checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/could not be read/) })
  })

  it('refuses a malformed sha512 before downloading anything', async () => {
    latestYml = yml('0.2.0', 'not-a-sha512')
    await expect(checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/sha512/) })
    expect(requested.some((r) => r.includes('Setup'))).toBe(false)
  })

  it('refuses a feed without a valid version, and a missing channel file', async () => {
    latestYml = yml('banana')
    await expect(checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })).rejects.toMatchObject({ kind: 'validation' })
    latestYml = ''
    await expect(checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })).rejects.toMatchObject({ kind: 'validation' })
  })
})

describe('downloading', () => {
  it('keeps a download whose sha512 matches', async () => {
    latestYml = yml('0.2.0')
    const check = await checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })
    const target = join(mkdtempSync(join(tmpdir(), 'desk-update-')), 'setup.exe')
    await downloadVerified(check.files[0]!, target)
    expect(readFileSync(target).equals(installer)).toBe(true)
  })

  it('refuses a download whose sha512 differs from the feed', async () => {
    const wrong = createHash('sha512').update('something else').digest('base64')
    latestYml = yml('0.2.0', wrong)
    const check = await checkFeed({ url: feedUrl, currentVersion: '0.1.0', platform: 'win32' })
    const target = join(mkdtempSync(join(tmpdir(), 'desk-update-')), 'setup.exe')
    await expect(downloadVerified(check.files[0]!, target)).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/sha512 checksum mismatch/) })
    expect(existsSync(target) ? readFileSync(target).length : 0).toBeLessThanOrEqual(installer.length)
  })
})

describe('feed configuration and policy', () => {
  it('defaults to GitHub releases and takes an https generic feed (http only on loopback)', () => {
    expect(feedConfig(undefined)).toEqual(DEFAULT_FEED)
    expect(feedConfig(' ')).toEqual(DEFAULT_FEED)
    expect(feedConfig('https://updates.example.com/desk')).toEqual({ provider: 'generic', url: 'https://updates.example.com/desk/' })
    expect(feedConfig('http://127.0.0.1:8080/feed/')).toMatchObject({ provider: 'generic' })
    expect(() => feedConfig('http://updates.example.com/')).toThrow(/https/)
    expect(() => feedConfig('https://user:pw@updates.example.com/')).toThrow(/password/)
    expect(() => feedConfig('not a url')).toThrow(/not a URL/)
  })

  it('assesses update info the platform updater found', () => {
    const file = { url: 'a.exe', sha512, size: 1 }
    expect(assessUpdate({ version: '1.0.0', files: [file] }, '0.9.9')).toEqual({ newer: true, version: '1.0.0' })
    expect(() => assessUpdate({ version: '1.0.0', files: [] }, '0.9.9')).toThrow(/no files/)
    expect(() => assessUpdate({ version: '1.0.0', files: [{ ...file, sha512: '' }] }, '0.9.9')).toThrow(/sha512/)
    expect(() => assessUpdate(null, '0.9.9')).toThrow(/version/)
  })

  it('orders versions the semver way', () => {
    const v = (s: string) => parseVersion(s)!
    expect(compareVersions(v('1.0.0'), v('1.0.0-rc.1'))).toBeGreaterThan(0)
    expect(compareVersions(v('1.0.0-rc.2'), v('1.0.0-rc.10'))).toBeLessThan(0)
    expect(compareVersions(v('1.10.0'), v('1.9.9'))).toBeGreaterThan(0)
    expect(compareVersions(v('v2.0.0+build.5'), v('2.0.0'))).toBe(0)
    expect(parseVersion('1.0')).toBeNull()
  })
})
