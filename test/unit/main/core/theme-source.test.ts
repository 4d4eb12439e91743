/** Issue 11: the theme chosen in the app reaches the desktop shell's native theme, checked at the boundary. */
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppCore, type AppCore } from '../../../../src/main/core/app-core'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { testServiceName } from '../../../helpers/keyring'

process.env.DESK_QUIET = '1'
let core: AppCore | null = null
afterEach(async () => {
  await core?.close()
  core = null
})

describe('setThemeSource', () => {
  it('hands a valid theme to the shell and refuses anything else', async () => {
    const seen: string[] = []
    core = await createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'desk-theme-')),
      host: 'electron',
      version: 'test',
      vault: { service: testServiceName() },
      setThemeSource: (theme) => seen.push(theme)
    })
    expect((await dispatch(core.handlers, 'setThemeSource', { theme: 'dark' })).ok).toBe(true)
    expect(seen).toEqual(['dark'])
    const refused = await dispatch(core.handlers, 'setThemeSource', { theme: 'neon' } as never)
    expect(refused.ok).toBe(false)
    expect(seen).toEqual(['dark'])
  })

  it('is a harmless no-op where there is no native theme (browser host)', async () => {
    core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'desk-theme-')), host: 'browser', version: 'test', vault: { service: testServiceName() } })
    expect((await dispatch(core.handlers, 'setThemeSource', { theme: 'light' })).ok).toBe(true)
  })
})
