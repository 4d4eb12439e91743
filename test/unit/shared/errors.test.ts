import { describe, expect, it } from 'vitest'
import { DeskError, ERROR_KINDS, isDeskErrorShape } from '../../../src/shared/errors'

describe('DeskError', () => {
  it('is an Error named DeskError, so logs and String() say what it is', () => {
    const err = new DeskError('network', 'The portal did not answer')
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe('DeskError')
    expect(String(err)).toBe('DeskError: The portal did not answer')
  })

  it('crosses the boundary as plain data: no details key when there are none', () => {
    const shape = new DeskError('not-found', 'No such unit').toShape()
    expect(shape).toStrictEqual({ kind: 'not-found', message: 'No such unit' })
    expect(Object.keys(shape)).toEqual(['kind', 'message'])
    expect(JSON.parse(JSON.stringify(shape))).toStrictEqual(shape)
  })

  it('keeps its details across the boundary and back', () => {
    const shape = new DeskError('rate-limited', 'Slow down', { retryAfterSeconds: 30 }).toShape()
    expect(shape).toStrictEqual({ kind: 'rate-limited', message: 'Slow down', details: { retryAfterSeconds: 30 } })
    const back = DeskError.fromShape(shape)
    expect(back).toBeInstanceOf(DeskError)
    expect(back.toShape()).toStrictEqual(shape)
  })
})

describe('recognising an error shape that came across the boundary', () => {
  it.each(ERROR_KINDS.map((kind) => [kind]))('accepts kind %s with a message', (kind) => {
    expect(isDeskErrorShape({ kind, message: 'x' })).toBe(true)
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'network'],
    ['a number', 42],
    ['an array', []],
    ['an empty object', {}],
    ['an unknown kind', { kind: 'explosion', message: 'x' }],
    ['a kind that is not text', { kind: 7, message: 'x' }],
    ['no kind', { message: 'x' }],
    ['no message', { kind: 'network' }],
    ['a message that is not text', { kind: 'network', message: { text: 'x' } }]
  ])('refuses %s', (_what, value) => {
    expect(isDeskErrorShape(value)).toBe(false)
  })

  it('accepts the extra details field', () => {
    expect(isDeskErrorShape({ kind: 'validation', message: 'Bad name', details: { field: 'name' } })).toBe(true)
  })
})
