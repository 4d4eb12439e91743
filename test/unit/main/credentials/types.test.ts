/**
 * The argument checks every secret store runs first: the error the UI gets (message and the field
 * it marks) and where the limits lie.
 */
import { describe, expect, it } from 'vitest'
import { DeskError } from '../../../../src/shared/errors'
import {
  MAX_SECRET_LENGTH,
  SECRET_KINDS,
  checkAccountId,
  checkKind,
  checkValue,
  entryKey
} from '../../../../src/main/credentials/types'

function thrown(fn: () => void): DeskError {
  let err: unknown = null
  try {
    fn()
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(DeskError)
  return err as DeskError
}

const BAD_ID = { message: 'Account id is not valid', fields: { accountId: 'Account id is not valid' } }
const BAD_KIND = { message: 'Secret kind must be "password", "refreshToken" or "proxyPassword"', fields: { kind: 'Unknown secret kind' } }
const NO_VALUE = { message: 'The secret must be a non-empty text value', fields: { value: 'Required' } }
const TOO_LONG = { message: 'The secret is too long (at most 16384 characters)', fields: { value: 'Too long' } }

describe('secret argument checks', () => {
  it.each([
    { case: 'empty account id', check: () => checkAccountId(''), expected: BAD_ID },
    { case: 'account id with ":"', check: () => checkAccountId('a:b'), expected: BAD_ID },
    { case: 'account id of 129 characters', check: () => checkAccountId('a'.repeat(129)), expected: BAD_ID },
    { case: 'account id that is not text', check: () => checkAccountId(7), expected: BAD_ID },
    { case: 'unknown kind', check: () => checkKind('token'), expected: BAD_KIND },
    { case: 'kind that is not text', check: () => checkKind(undefined), expected: BAD_KIND },
    { case: 'empty value', check: () => checkValue(''), expected: NO_VALUE },
    { case: 'value that is not text', check: () => checkValue(42), expected: NO_VALUE },
    { case: 'value one character too long', check: () => checkValue('v'.repeat(MAX_SECRET_LENGTH + 1)), expected: TOO_LONG }
  ])('refuses $case', ({ check, expected }) => {
    expect(thrown(check).toShape()).toEqual({ kind: 'invalid-input', message: expected.message, details: { fields: expected.fields } })
  })

  it.each([
    { case: 'account id of 1 character', check: () => checkAccountId('a') },
    { case: 'account id of 128 characters', check: () => checkAccountId('A-z_0.9'.padEnd(128, 'x')) },
    ...SECRET_KINDS.map((kind) => ({ case: `kind ${kind}`, check: () => checkKind(kind) })),
    { case: 'value of 1 character', check: () => checkValue('v') },
    { case: `value of exactly ${MAX_SECRET_LENGTH} characters`, check: () => checkValue('v'.repeat(MAX_SECRET_LENGTH)) }
  ])('accepts $case', ({ check }) => {
    expect(check).not.toThrow()
  })

  it('keys a keychain entry as "<accountId>:<kind>"', () => {
    expect(entryKey('acct-1', 'refreshToken')).toBe('acct-1:refreshToken')
  })
})
