/**
 * A read-only mirror of the accounts main owns: one `listAccounts` at start, then every change
 * arrives through the `accountsChanged` push event. Actions only ask main to change things.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AccountsState, AddAccountInput, ConnectionTestInput, UpdateAccountInput } from '../../../shared/ipc/models'
import { call, subscribe } from '../api/client'

const EMPTY: AccountsState = { revision: -1, accounts: [], activeAccountId: null, keychain: { available: true }, problems: [] }

export const useAccountsStore = defineStore('accounts', () => {
  const state = ref<AccountsState>(EMPTY)
  const loaded = ref(false)
  let unsubscribe: (() => void) | null = null

  const accounts = computed(() => state.value.accounts)
  const active = computed(() => state.value.accounts.find((a) => a.id === state.value.activeAccountId) ?? null)

  async function load(): Promise<void> {
    // A load's answer and an event can cross: keep whichever main produced last.
    const apply = (next: AccountsState): void => {
      if (next.revision >= state.value.revision) state.value = next
    }
    unsubscribe ??= subscribe('accountsChanged', (next) => {
      apply(next)
    })
    apply(await call('listAccounts', undefined))
    loaded.value = true
  }

  return {
    state,
    loaded,
    accounts,
    active,
    load,
    testConnection: (input: ConnectionTestInput) => call('testConnection', input),
    add: (input: AddAccountInput) => call('addAccount', input),
    update: (input: UpdateAccountInput) => call('updateAccount', input),
    remove: (accountId: string) => call('removeAccount', { accountId }),
    reorder: (accountIds: string[]) => call('reorderAccounts', { accountIds }),
    activate: (accountId: string) => call('setActiveAccount', { accountId }),
    unlock: (accountId: string, password: string) => call('unlockAccount', { accountId, password }),
    startDemo: () => call('startDemo', undefined)
  }
})
