/**
 * An action started by a button (delete, sign in, start the demo): `busy` while it runs and
 * `error` (a sentence for the technician) when it failed. Pass an `error` ref to share one
 * message line between several actions; pass `onError` to say something else than the message.
 *
 *   const { busy, error, run } = useBusyAction()
 *   const confirm = () => run(async () => { await call('deleteUnit', input); emit('deleted') })
 */
import { ref, type Ref } from 'vue'
import { errorMessage } from '../api/client'

export interface BusyAction {
  busy: Ref<boolean>
  error: Ref<string | null>
  run: (action: () => Promise<void>, onError?: (error: unknown) => void) => Promise<void>
}

export function useBusyAction(error: Ref<string | null> = ref(null)): BusyAction {
  const busy = ref(false)

  async function run(action: () => Promise<void>, onError?: (error: unknown) => void): Promise<void> {
    busy.value = true
    error.value = null
    try {
      await action()
    } catch (e) {
      if (onError) onError(e)
      else error.value = errorMessage(e)
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
