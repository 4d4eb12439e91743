/** The rule behind useWriteGuard, pure so it can be tested without stores. */
import type { EstateStatus } from '../../../shared/ipc/estate-models'
import type { AccountView } from '../../../shared/ipc/models'
import { formatLocalTime } from '../views/sync/sync-text'

export function writeBlockReason(
  account: Pick<AccountView, 'displayName' | 'status' | 'statusMessage'> | null,
  status: Pick<EstateStatus, 'online' | 'syncedAt'> | null
): string | null {
  if (!account) return 'No account is selected.'
  if (account.status === 'offline' || status?.online === false) {
    const when = formatLocalTime(status?.syncedAt)
    return `Offline: ${account.displayName} cannot be reached, so changes are disabled until it is back${when ? ` (showing data from ${when})` : ''}.`
  }
  switch (account.status) {
    case 'needs-password':
      return `Sign in to ${account.displayName} first: its password is needed.`
    case 'signing-in':
      return `Signing in to ${account.displayName}…`
    case 'error':
      return `${account.displayName} is not signed in${account.statusMessage ? `: ${account.statusMessage}` : '.'}`
    case 'signed-out':
      return `${account.displayName} is signed out.`
    default:
      return null
  }
}
