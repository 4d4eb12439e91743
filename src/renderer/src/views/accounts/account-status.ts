/** How an account's sign-in status reads in the account list and on the manage page. */
import type { AccountStatus } from '../../../../shared/ipc/models'

export const ACCOUNT_STATUS_TEXT: Record<AccountStatus, string> = {
  'signed-in': 'Signed in',
  'signing-in': 'Signing in…',
  'needs-password': 'Password needed',
  offline: 'Offline',
  error: 'Sign-in failed',
  'signed-out': 'Signed out'
}
