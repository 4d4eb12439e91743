/**
 * The technician's display preferences on this computer: theme (system / light / dark) and table
 * row density. Kept in the renderer's localStorage (nothing secret, nothing the portal needs) and
 * applied to <html data-theme / data-density> so plain CSS follows them; the desktop window's
 * native theme is told too (setThemeSource).
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { call } from '../api/client'

export type Theme = 'system' | 'light' | 'dark'
export type Density = 'comfortable' | 'compact'

const KEY = 'desk.preferences'

interface Stored {
  theme: Theme
  density: Density
}

export function readPreferences(storage: Pick<Storage, 'getItem'> | null): Stored {
  const fallback: Stored = { theme: 'system', density: 'comfortable' }
  try {
    const raw = storage?.getItem(KEY)
    if (!raw) return fallback
    const parsed = JSON.parse(raw) as Partial<Stored>
    return {
      theme: parsed.theme === 'light' || parsed.theme === 'dark' ? parsed.theme : 'system',
      density: parsed.density === 'compact' ? 'compact' : 'comfortable'
    }
  } catch {
    // A damaged entry only loses the preference, never the app.
    return fallback
  }
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const initial = readPreferences(storage())
  const theme = ref<Theme>(initial.theme)
  const density = ref<Density>(initial.density)

  watch(
    [theme, density],
    () => {
      const root = document.documentElement
      if (theme.value === 'system') delete root.dataset.theme
      else root.dataset.theme = theme.value
      root.dataset.density = density.value
      // The desktop window's native parts follow too; only the preload's bridge has them (the
      // browser host's tab has none), and a refusal only leaves them on the OS theme.
      if (typeof window !== 'undefined' && window.desk) void call('setThemeSource', { theme: theme.value }).catch(() => undefined)
      try {
        storage()?.setItem(KEY, JSON.stringify({ theme: theme.value, density: density.value }))
      } catch {
        // Storage full or denied: the choice still holds for this session.
      }
    },
    { immediate: true }
  )

  return { theme, density }
})
