/** Checks for a typed node password (the portal generates one when none is given). */
import { nodePasswordInput } from '../../../../shared/ipc/estate-models'
import { validateFields } from './form-errors'

export function validatePassword(mode: 'generate' | 'type', password: string, confirm: string): Record<string, string> {
  if (mode === 'generate') return {}
  const errors = validateFields(nodePasswordInput, { accountId: 'x', bunitId: 1, consumerId: 1, password }, ['password'])
  if (!errors.password && /\s/.test(password)) errors.password = 'A node password cannot contain spaces'
  if (!errors.password && password !== confirm) errors.confirm = 'The passwords do not match'
  return errors
}
