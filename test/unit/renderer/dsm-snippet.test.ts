import { describe, expect, it } from 'vitest'
import { SERVER_ADDRESS_PLACEHOLDER, buildDsmOpt, buildDsmSys, buildSnippet, fileNameFor, platformFor } from '../../../src/renderer/src/views/wizards/dsm-snippet'

describe('dsm.opt / dsm.sys snippets', () => {
  it('picks the file from the operating system', () => {
    expect(platformFor('Microsoft Windows')).toBe('windows')
    expect(platformFor('Microsoft SQL Server')).toBe('windows')
    expect(platformFor('Linux')).toBe('unix')
    expect(platformFor('Apple macOS')).toBe('unix')
    expect(platformFor(null)).toBe('unix')
    expect(fileNameFor('windows')).toBe('dsm.opt')
    expect(fileNameFor('unix')).toBe('dsm.sys')
  })

  it('builds dsm.opt with the node name, a clear address placeholder and generated password access', () => {
    const text = buildDsmOpt({ nodeName: 'web01' })
    expect(text).toContain('NODename          WEB01')
    expect(text).toContain(`TCPServeraddress  ${SERVER_ADDRESS_PLACEHOLDER}`)
    expect(text).toContain('PASSWORDAccess    generate')
    expect(text).toContain('TCPPort           1500')
    expect(text).not.toContain('SErvername')
  })

  it('builds a dsm.sys server stanza named after the server, options indented under it', () => {
    const text = buildDsmSys({ nodeName: 'WEB01', serverName: 'sp sto2/01', serverAddress: 'sp.example.com', port: 1600 })
    const lines = text.split('\n')
    expect(lines[1]).toBe('SErvername        SP_STO2_01')
    expect(text).toContain('   NODename          WEB01')
    expect(text).toContain('   TCPServeraddress  sp.example.com')
    expect(text).toContain('   TCPPort           1600')
    expect(text).toContain('   PASSWORDAccess    generate')
    expect(buildDsmSys({ nodeName: 'X' })).toContain('SErvername        BACKUPSERVER')
  })

  it('never includes a password', () => {
    for (const platform of ['windows', 'unix'] as const) {
      const passwordLines = buildSnippet(platform, { nodeName: 'A' }).split('\n').filter((l) => /password/i.test(l))
      expect(passwordLines.map((l) => l.trim())).toEqual(['PASSWORDAccess    generate'])
    }
  })
})
