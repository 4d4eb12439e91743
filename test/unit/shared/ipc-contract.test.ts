import { describe, expect, it } from 'vitest'
import { eventChannel, eventListenerName, eventNames, invokeChannel, methodNames } from '../../../src/shared/ipc/contract'

describe('channel and listener names derived from the contract', () => {
  it('names every event listener on window.desk as on + the capitalised event', () => {
    expect(Object.fromEntries(eventNames.map((e) => [e, eventListenerName(e)]))).toEqual({
      accountsChanged: 'onAccountsChanged',
      estateChanged: 'onEstateChanged',
      syncProgress: 'onSyncProgress',
      bulkProgress: 'onBulkProgress',
      healthChanged: 'onHealthChanged',
      healthProgress: 'onHealthProgress',
      updateStatus: 'onUpdateStatus',
      menuCommand: 'onMenuCommand'
    })
  })

  it('sends events and invokes calls on distinct, prefixed channels', () => {
    expect(eventChannel('syncProgress')).toBe('desk:event:syncProgress')
    expect(invokeChannel('getTree')).toBe('desk:invoke:getTree')
    const channels = [...eventNames.map(eventChannel), ...methodNames.map(invokeChannel)]
    expect(new Set(channels).size).toBe(channels.length)
  })
})
