import { expect } from 'vitest'
import { DeskError } from '../../src/shared/errors'

/** The DeskError a promise (or a function) rejects with; fails the test if it resolves or throws something else. */
export async function deskRejection(p: Promise<unknown> | (() => unknown)): Promise<DeskError> {
  let err: unknown = null
  try {
    await (typeof p === 'function' ? p() : p)
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(DeskError)
  return err as DeskError
}
