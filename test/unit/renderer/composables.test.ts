/** The renderer's shared composables: busy actions, form submits and search-as-you-type. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import type { SearchHit } from '../../../src/shared/ipc/estate-models'
import type { DeskBridge } from '../../../src/shared/ipc/contract'
import { DeskError } from '../../../src/shared/errors'
import { setBridge } from '../../../src/renderer/src/api/client'
import { useBusyAction } from '../../../src/renderer/src/composables/use-busy-action'
import { useFormSubmit } from '../../../src/renderer/src/composables/use-form-submit'
import { useSearch, type Search } from '../../../src/renderer/src/composables/use-search'

afterEach(() => {
  setBridge(null)
  vi.useRealTimers()
})

describe('useBusyAction', () => {
  it('is busy while the action runs and keeps the failure as a sentence', async () => {
    const { busy, error, run } = useBusyAction()
    let finish: () => void = () => undefined
    const running = run(() => new Promise<void>((resolve) => (finish = resolve)))
    expect(busy.value).toBe(true)
    finish()
    await running
    expect(busy.value).toBe(false)
    await run(async () => {
      throw new Error('the portal refused')
    })
    expect(error.value).toBe('the portal refused')
    await run(async () => undefined)
    expect(error.value).toBeNull()
  })
})

describe('useFormSubmit', () => {
  it('sends nothing while a field is wrong, and shows a refusal with the fields it names', async () => {
    const { errors, formError, submit, invalid } = useFormSubmit()
    const send = vi.fn(async () => undefined)
    await submit(() => ({ name: 'Name is required' }), send)
    expect(send).not.toHaveBeenCalled()
    expect(invalid('name')).toBe('true')
    await submit(
      () => ({}),
      async () => {
        throw new DeskError('invalid-input', 'That name is taken', { field: 'name' })
      }
    )
    // Told beside the field it names (issue 11), not again in a box on top.
    expect(formError.value).toBeNull()
    expect(errors.value).toEqual({ name: 'That name is taken' })
    await submit(
      () => ({}),
      async () => {
        throw new DeskError('server', 'The portal failed with HTTP 500.')
      }
    )
    expect(formError.value).toBe('The portal failed with HTTP 500.')
    expect(errors.value).toEqual({})
    await submit(() => ({}), send)
    expect(send).toHaveBeenCalledOnce()
    expect(formError.value).toBeNull()
    expect(invalid('name')).toBeUndefined()
  })
})

// The bridge here answers when the test says so: the point is the order in which answers arrive
// (a late answer to an old query must be dropped), which a real core cannot be made to produce.
describe('useSearch', () => {
  const hit = (name: string): SearchHit => ({ accountId: 'a', accountName: 'A', kind: 'bunit', id: 1, bunitId: 1, consumerId: null, name, path: name }) as SearchHit

  function mounted(): Search {
    let search: Search | undefined
    mount(defineComponent({ setup: () => ((search = useSearch(100)), () => h('div')) }))
    return search as Search
  }

  it('waits for typing to pause, shows the hits, and drops the answer to a cleared query', async () => {
    vi.useFakeTimers()
    const answers: ((hits: SearchHit[]) => void)[] = []
    const queries: string[] = []
    setBridge({
      search: (input: { query: string }) => {
        queries.push(input.query)
        return new Promise((resolve) => answers.push((value) => resolve({ ok: true, value })))
      }
    } as unknown as DeskBridge)
    const search = mounted()

    search.query.value = ' web '
    await nextTick()
    expect(search.searching.value).toBe(true)
    vi.advanceTimersByTime(100)
    expect(queries).toEqual(['web'])
    answers[0]?.([hit('web01'), hit('web02')])
    await vi.waitFor(() => expect(search.hits.value).toHaveLength(2))
    expect(search.active.value).toBe(0)
    expect(search.searching.value).toBe(false)

    search.query.value = 'db'
    await nextTick()
    vi.advanceTimersByTime(100)
    search.query.value = ''
    await nextTick()
    answers[1]?.([hit('db01')])
    await Promise.resolve()
    await Promise.resolve()
    expect(search.hits.value).toEqual([])
    expect(search.searching.value).toBe(false)
    expect(search.active.value).toBe(-1)
  })
})
