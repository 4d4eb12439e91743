/**
 * The packaged app's Electron fuses and update feed, read from electron-builder.yml as
 * electron-builder reads it. A fuse left at Electron's default (RunAsNode on, NODE_OPTIONS and
 * --inspect honoured) would let a local process run the signed app as plain Node.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }
const config = yaml.load(readFileSync(resolve(import.meta.dirname, '../../../../electron-builder.yml'), 'utf8')) as {
  asar?: boolean
  electronFuses?: Record<string, unknown>
  publish?: { provider?: string }
  mac?: { target?: { target: string }[] }
}

describe('electron-builder.yml', () => {
  it('packages into an asar archive (the integrity fuses need one)', () => {
    expect(config.asar).toBe(true)
  })

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false]
  ])('sets the fuse %s to %s', (fuse, expected) => {
    expect(config.electronFuses).toBeDefined()
    // Strictly the boolean: a missing key or a string "false" would leave Electron's default.
    expect(config.electronFuses?.[fuse]).toBe(expected)
  })

  it('names an update feed (GitHub releases by default) and builds the macOS zip the updater installs from', () => {
    expect(config.publish?.provider).toBe('github')
    expect(config.mac?.target?.map((t) => t.target)).toEqual(expect.arrayContaining(['dmg', 'zip']))
  })
})
