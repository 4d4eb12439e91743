import { describe, expect, it } from 'vitest'
import { SecretClipboard, type ClipboardLike, type Timers } from '../../../src/renderer/src/components/clipboard'

function fakes(options: { readFails?: boolean } = {}) {
  let content = ''
  const clipboard: ClipboardLike = {
    writeText: async (text) => { content = text },
    readText: async () => {
      if (options.readFails) throw new Error('denied')
      return content
    }
  }
  const pending: { fn: () => void; ms: number; cancelled: boolean }[] = []
  const timers: Timers = {
    setTimeout: (fn, ms) => { const t = { fn, ms, cancelled: false }; pending.push(t); return t },
    clearTimeout: (t) => { (t as { cancelled: boolean }).cancelled = true }
  }
  const fire = async () => {
    for (const t of pending.splice(0)) if (!t.cancelled) t.fn()
    await new Promise((r) => setTimeout(r, 0))
  }
  return { clipboard, timers, fire, get: () => content, set: (v: string) => { content = v }, pending }
}

describe('SecretClipboard', () => {
  it('clears after 30 seconds when the clipboard still holds what it copied', async () => {
    const f = fakes()
    const sc = new SecretClipboard(f.clipboard, f.timers)
    let cleared: boolean | null = null
    await sc.copy('s3cret', (c) => { cleared = c })
    expect(f.get()).toBe('s3cret')
    expect(f.pending[0]?.ms).toBe(30_000)
    await f.fire()
    expect(f.get()).toBe('')
    expect(cleared).toBe(true)
  })

  it('leaves the clipboard alone when something else was copied meanwhile', async () => {
    const f = fakes()
    const sc = new SecretClipboard(f.clipboard, f.timers)
    let cleared: boolean | null = null
    await sc.copy('s3cret', (c) => { cleared = c })
    f.set('my own text')
    await f.fire()
    expect(f.get()).toBe('my own text')
    expect(cleared).toBe(false)
  })

  it('a second copy replaces the first timer', async () => {
    const f = fakes()
    const sc = new SecretClipboard(f.clipboard, f.timers)
    await sc.copy('one')
    await sc.copy('two')
    expect(f.pending.filter((t) => !t.cancelled)).toHaveLength(1)
    await f.fire()
    expect(f.get()).toBe('')
  })

  it('does not clobber the clipboard when it cannot be read', async () => {
    const f = fakes({ readFails: true })
    const sc = new SecretClipboard(f.clipboard, f.timers)
    await sc.copy('s3cret')
    f.set('other')
    await f.fire()
    expect(f.get()).toBe('other')
  })
})
