/**
 * The small IPC inputs no form test reaches: the theme menu, the link-opening chokepoint, a unit
 * edit's note and the trusted-CA file. Exact messages, because the renderer shows them.
 */
import { describe, expect, it } from 'vitest'
import { invokes } from '../../../src/shared/ipc/contract'
import { externalUrlInput } from '../../../src/shared/ipc/models'
import { updateUnitInput } from '../../../src/shared/ipc/estate-models'
import { MAX_PEM_LENGTH, networkSettingsInput } from '../../../src/shared/ipc/network-models'
import { chars, issuesOf, refusedPaths } from './schema-issues'

describe('small IPC inputs', () => {
  it('the theme is one of the three menu entries', () => {
    expect(invokes.setThemeSource.input.parse({ theme: 'dark' })).toEqual({ theme: 'dark' })
    expect(issuesOf(invokes.setThemeSource.input, { theme: 'sepia' })).toEqual(['theme: Theme must be system, light or dark'])
  })

  it('a link to open is text of at most 2000 characters', () => {
    expect(externalUrlInput.parse({ url: 'https://www.safespring.com/' })).toEqual({ url: 'https://www.safespring.com/' })
    expect(externalUrlInput.parse({ url: chars(2000) })).toEqual({ url: chars(2000) })
    expect(refusedPaths(externalUrlInput, { url: chars(2001) })).toEqual(['url'])
  })

  it("a unit's note is at most the portal's note length, named in the message", () => {
    expect(updateUnitInput.parse({ accountId: 'a1', bunitId: 2, note: '  Sales  ' })).toEqual({ accountId: 'a1', bunitId: 2, note: 'Sales' })
    const refused = issuesOf(updateUnitInput, { accountId: 'a1', bunitId: 2, note: chars(5000) })
    expect(refused).toHaveLength(1)
    expect(refused[0]).toMatch(/^note: Note is at most \d+ characters$/)
  })

  it('a trusted CA file larger than the limit is refused with its own message', () => {
    expect(issuesOf(networkSettingsInput, { caCertPem: chars(MAX_PEM_LENGTH + 1) })).toEqual(['caCertPem: The certificate file is too large'])
  })
})
