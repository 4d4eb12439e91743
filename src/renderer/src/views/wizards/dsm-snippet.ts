/**
 * The client options file for a freshly activated node: dsm.opt on Windows, a dsm.sys server
 * stanza on Linux/macOS/AIX. The portal does not expose the backup server's address, so the
 * snippet carries an obvious placeholder the technician must replace.
 */
export type ClientPlatform = 'windows' | 'unix'

export const SERVER_ADDRESS_PLACEHOLDER = '<BACKUP-SERVER-ADDRESS>'
export const SERVER_PORT_DEFAULT = 1500

export interface SnippetInput {
  nodeName: string
  /** The backup server's name (the portal's default server), used as the stanza name. */
  serverName?: string | null
  serverAddress?: string | null
  port?: number
}

export function platformFor(osName: string | null | undefined): ClientPlatform {
  return osName && /windows|sql server/i.test(osName) ? 'windows' : 'unix'
}

export function fileNameFor(platform: ClientPlatform): string {
  return platform === 'windows' ? 'dsm.opt' : 'dsm.sys'
}

/** A stanza name is one word; keep SP's allowed characters and upper-case it. */
function stanzaName(serverName: string | null | undefined): string {
  const cleaned = (serverName ?? '').trim().replace(/[^A-Za-z0-9_.\-+&]/g, '_').toUpperCase()
  return cleaned || 'BACKUPSERVER'
}

export function buildDsmOpt(input: SnippetInput): string {
  return [
    '* dsm.opt: IBM Storage Protect client options (Windows)',
    `NODename          ${input.nodeName.toUpperCase()}`,
    'COMMMethod        TCPip',
    `TCPServeraddress  ${input.serverAddress?.trim() || SERVER_ADDRESS_PLACEHOLDER}`,
    `TCPPort           ${input.port ?? SERVER_PORT_DEFAULT}`,
    'PASSWORDAccess    generate',
    ''
  ].join('\n')
}

export function buildDsmSys(input: SnippetInput): string {
  return [
    '* dsm.sys: IBM Storage Protect client system options (Linux/macOS)',
    `SErvername        ${stanzaName(input.serverName)}`,
    `   NODename          ${input.nodeName.toUpperCase()}`,
    '   COMMMethod        TCPip',
    `   TCPServeraddress  ${input.serverAddress?.trim() || SERVER_ADDRESS_PLACEHOLDER}`,
    `   TCPPort           ${input.port ?? SERVER_PORT_DEFAULT}`,
    '   PASSWORDAccess    generate',
    ''
  ].join('\n')
}

export function buildSnippet(platform: ClientPlatform, input: SnippetInput): string {
  return platform === 'windows' ? buildDsmOpt(input) : buildDsmSys(input)
}
