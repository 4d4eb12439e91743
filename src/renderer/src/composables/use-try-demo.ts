/**
 * "Try the demo": starts the built-in demo account (whether one exists is `hasDemo`), with the
 * button's busy state and the reason it failed. Pass `error` to show the reason in a message
 * line the caller already has; `tryDemo(then)` runs `then` once the demo is there.
 */
import { computed, type ComputedRef, type Ref } from 'vue'
import { useAccountsStore } from '../stores/accounts'
import { useBusyAction } from './use-busy-action'

export interface TryDemo {
  hasDemo: ComputedRef<boolean>
  demoBusy: Ref<boolean>
  demoError: Ref<string | null>
  tryDemo: (then?: () => void) => Promise<void>
}

export function useTryDemo(error?: Ref<string | null>): TryDemo {
  const accounts = useAccountsStore()
  const { busy, error: demoError, run } = useBusyAction(error)
  const hasDemo = computed(() => accounts.accounts.some((a) => a.isDemo))
  const tryDemo = (then?: () => void): Promise<void> =>
    run(async () => {
      await accounts.startDemo()
      then?.()
    })
  return { hasDemo, demoBusy: busy, demoError, tryDemo }
}
