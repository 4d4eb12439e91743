/**
 * Search-as-you-type over every account's cached estate (main's `search`), for the header search
 * and the command palette. Typing waits `debounceMs` before asking; `searching` is true from the
 * keystroke until the answer; an answer to an older query is dropped; clearing the query clears
 * the hits. `active` is the highlighted hit (the first one when an answer arrives).
 *
 *   const { query, trimmed, hits, error, searching, active } = useSearch(150)
 */
import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from 'vue'
import type { SearchHit } from '../../../shared/ipc/estate-models'
import { call, errorMessage } from '../api/client'

export interface Search {
  query: Ref<string>
  trimmed: ComputedRef<string>
  hits: Ref<SearchHit[]>
  error: Ref<string | null>
  searching: Ref<boolean>
  /** Index of the highlighted hit, -1 for none. */
  active: Ref<number>
}

export function useSearch(debounceMs: number, limit = 50): Search {
  const query = ref('')
  const trimmed = computed(() => query.value.trim())
  const hits = ref<SearchHit[]>([])
  const error = ref<string | null>(null)
  const searching = ref(false)
  const active = ref(-1)
  let timer: ReturnType<typeof setTimeout> | null = null
  let request = 0

  async function run(text: string): Promise<void> {
    const mine = ++request
    try {
      const result = await call('search', { query: text, limit })
      if (mine !== request) return
      hits.value = result
      error.value = null
      active.value = result.length > 0 ? 0 : -1
    } catch (e) {
      if (mine !== request) return
      hits.value = []
      error.value = errorMessage(e)
    } finally {
      if (mine === request) searching.value = false
    }
  }

  watch(trimmed, (text) => {
    if (timer) clearTimeout(timer)
    if (text === '') {
      request++
      hits.value = []
      error.value = null
      searching.value = false
      active.value = -1
      return
    }
    searching.value = true
    timer = setTimeout(() => void run(text), debounceMs)
  })
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
  })

  return { query, trimmed, hits, error, searching, active }
}
