/**
 * Whether the OS (and so main.css) is in dark mode, as a ref that follows changes: for what CSS
 * variables cannot reach, such as chart colours drawn on a canvas.
 */
import { onBeforeUnmount, ref, type Ref } from 'vue'

const QUERY = '(prefers-color-scheme: dark)'

export function useDarkMode(): Ref<boolean> {
  const media = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null
  const dark = ref(media?.matches ?? false)
  const onChange = (event: MediaQueryListEvent): void => {
    dark.value = event.matches
  }
  media?.addEventListener('change', onChange)
  onBeforeUnmount(() => media?.removeEventListener('change', onChange))
  return dark
}
