/** Facts about the app and host, read once from main. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '../../../shared/ipc/models'
import { call } from '../api/client'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)

  async function load(): Promise<void> {
    info.value = await call('getAppInfo', undefined)
  }

  return { info, load }
})
