/**
 * One thing a page reads from main: `data`, `loading`, `error` (a sentence for the technician)
 * and `load()` to read it again. ListState shows the three states; `@retry="load"` retries.
 *
 *   const { data: unit, loading, error, load } = useLoader(() => call('getUnit', { accountId, bunitId }))
 */
import { ref, type Ref } from 'vue'
import { errorMessage } from '../api/client'

export interface Loader<T, A extends unknown[]> {
  data: Ref<T | null>
  loading: Ref<boolean>
  error: Ref<string | null>
  /** Reads again; the arguments go to the reader. */
  load: (...args: A) => Promise<void>
}

export function useLoader<T, A extends unknown[] = []>(read: (...args: A) => Promise<T>): Loader<T, A> {
  const data = ref(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(...args: A): Promise<void> {
    loading.value = true
    error.value = null
    try {
      data.value = await read(...args)
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      loading.value = false
    }
  }
  return { data, loading, error, load }
}
