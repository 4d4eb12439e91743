/** The portal's reference data (domains, option sets, OS, node types, time zones) per account. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ReferenceView } from '../../../shared/ipc/estate-models'
import { call } from '../api/client'

export const useReferenceStore = defineStore('reference', () => {
  const data = ref<Record<string, ReferenceView>>({})
  const pending = new Map<string, Promise<ReferenceView>>()

  /** Cached per account; `fresh` re-reads (after a sync). */
  async function get(accountId: string, fresh = false): Promise<ReferenceView> {
    const cached = data.value[accountId]
    if (cached && !fresh) return cached
    let request = pending.get(accountId)
    if (!request) {
      request = call('getReference', { accountId }).finally(() => pending.delete(accountId))
      pending.set(accountId, request)
    }
    const result = await request
    data.value[accountId] = result
    return result
  }

  return { data, get }
})
