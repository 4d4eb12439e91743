/** The single chokepoint for opening anything outside the app (used by IPC and window handlers). */
import { checkExternalUrl } from './external-url'
import { log } from '../log'

export async function openExternalSafely(raw: string, openExternal: (url: string) => Promise<void>): Promise<boolean> {
  const checked = checkExternalUrl(raw)
  if (!checked.ok) {
    log.warn(`Refused to open an external link: ${checked.reason}`)
    return false
  }
  await openExternal(checked.url)
  return true
}
