/** The business-unit tree of each account, as main serves it. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { TreeResult } from '../../../shared/ipc/models'
import { call, errorMessage } from '../api/client'

interface TreeState {
  loading: boolean
  error: string | null
  result: TreeResult | null
}

export const useEstateStore = defineStore('estate', () => {
  const trees = ref<Record<string, TreeState>>({})

  async function loadTree(accountId: string): Promise<void> {
    const previous = trees.value[accountId]
    trees.value[accountId] = { loading: true, error: null, result: previous?.result ?? null }
    try {
      const result = await call('getTree', { accountId })
      trees.value[accountId] = { loading: false, error: null, result }
    } catch (error) {
      trees.value[accountId] = { loading: false, error: errorMessage(error), result: previous?.result ?? null }
    }
  }

  return { trees, loadTree }
})
