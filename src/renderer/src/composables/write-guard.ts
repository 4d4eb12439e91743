/**
 * Whether changes to the portal are possible right now for an account (the active one unless
 * given), and why not. Wizards and edit buttons bind `:disabled="disabled"` and show `reason`.
 *
 *   const { disabled, reason } = useWriteGuard()
 */
import { computed, type ComputedRef, type MaybeRefOrGetter, toValue } from 'vue'
import { useAccountsStore } from '../stores/accounts'
import { useEstateStatusStore } from '../stores/estate-status'
import { writeBlockReason } from './write-guard-reason'

export interface WriteGuard {
  disabled: ComputedRef<boolean>
  /** A sentence for the technician, or null when writes are allowed. */
  reason: ComputedRef<string | null>
}

export function useWriteGuard(accountId?: MaybeRefOrGetter<string | null | undefined>): WriteGuard {
  const accounts = useAccountsStore()
  const estate = useEstateStatusStore()
  const reason = computed(() => {
    const id = accountId === undefined ? accounts.state.activeAccountId : toValue(accountId)
    const account = id ? (accounts.accounts.find((a) => a.id === id) ?? null) : null
    return writeBlockReason(account, account ? (estate.statuses[account.id] ?? null) : null)
  })
  return { disabled: computed(() => reason.value !== null), reason }
}
