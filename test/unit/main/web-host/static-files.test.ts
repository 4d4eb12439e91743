/**
 * The browser host serving the built renderer: each file with its content type (a browser with
 * `nosniff` refuses a script or style served as anything else), the security headers on every
 * answer, GET and HEAD only, and nothing outside the renderer folder, not even the folder itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { send, startTestHost, type Answer, type TestHost } from '../../../helpers/web-host'

const TEXT_TYPE = 'text/plain; charset=utf-8'

describe('browser host static files', () => {
  let t: TestHost
  let secretName: string

  beforeEach(async () => {
    t = await startTestHost({
      files: {
        'assets/app.js': 'console.log(1)',
        'assets/app.css': 'body{}',
        'assets/logo.svg': '<svg/>',
        'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        'favicon.ico': Buffer.from([0, 0, 1, 0]),
        'assets/font.woff2': Buffer.from('wOF2'),
        'manifest.json': '{}',
        'assets/data.bin': Buffer.from([1, 2, 3]),
        'LICENSE': 'MIT'
      }
    })
    secretName = `${basename(t.dir)}-secret.txt`
    writeFileSync(join(dirname(t.dir), secretName), 'outside secret')
  })
  afterEach(async () => {
    await t.close()
    rmSync(join(dirname(t.dir), secretName), { force: true })
  })

  const get = (path: string, method = 'GET'): Promise<Answer> => send(t.port, path, { method, headers: { host: `localhost:${t.port}` } })

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/assets/logo.png', 'image/png'],
    ['/favicon.ico', 'image/x-icon'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/manifest.json', 'application/json'],
    ['/assets/data.bin', 'application/octet-stream'],
    ['/LICENSE', 'application/octet-stream']
  ])('serves %s as %s, revalidated on every load', async (path, type) => {
    const res = await get(path)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe(type)
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('serves the file itself', async () => {
    expect((await get('/')).body).toBe('<!doctype html><title>Desk</title>')
    expect((await get('/assets/app.js')).body).toBe('console.log(1)')
  })

  it.each([
    ['a file', '/'],
    ['a refusal', '/no-such-file.js'],
    ['an API refusal', '/api/invoke/listAccounts']
  ])('sends the security headers with %s', async (_, path) => {
    const res = await get(path)
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'")
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-frame-options': 'DENY'
    })
  })

  it('answers HEAD like GET, without the body', async () => {
    const res = await get('/assets/app.js', 'HEAD')
    expect([res.status, res.headers['content-type'], res.body]).toEqual([200, 'text/javascript; charset=utf-8', ''])
  })

  it.each(['POST', 'PUT', 'DELETE'])('answers %s on a file 405 "Method not allowed"', async (method) => {
    const res = await get('/index.html', method)
    expect([res.status, res.body, res.headers['content-type']]).toEqual([405, 'Method not allowed', TEXT_TYPE])
  })

  it.each([
    ['a missing file', '/no-such-file.js'],
    ['a folder', '/assets'],
    ['a folder with a slash', '/assets/'],
    ['an escape that normalises back inside', '/..%2f..%2fSECRET']
  ])('answers %s 404 "Not found"', async (_, path) => {
    const res = await get(path.replace('SECRET', secretName))
    expect([res.status, res.body, res.headers['content-type']]).toEqual([404, 'Not found', TEXT_TYPE])
  })

  it.each(['/%2F', '/assets%2F..', '/assets%2f..%2f..'])('answers a path naming the renderer folder itself (%s) 403 "Forbidden"', async (path) => {
    const res = await get(path)
    expect([res.status, res.body]).toEqual([403, 'Forbidden'])
  })

  it('reads leading backslashes as separators, so they cannot reach a name outside the path', async () => {
    const res = await get('/%5Cindex.html')
    expect([res.status, res.body]).toEqual([200, '<!doctype html><title>Desk</title>'])
  })

  it.each([
    ['/%E0%A4%A', 'Malformed percent-encoding in the path'],
    ['/assets/%', 'Malformed percent-encoding in the path'],
    ['/%00index.html', 'Malformed path'],
    ['/index.html%00.png', 'Malformed path']
  ])('answers the malformed path %s 400 with what is wrong', async (path, message) => {
    const res = await get(path)
    expect([res.status, res.body, res.headers['content-type']]).toEqual([400, message, TEXT_TYPE])
  })
})
