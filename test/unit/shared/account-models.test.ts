import { describe, expect, it } from 'vitest'
import {
  addAccountInput,
  connectionTestInput,
  reorderInput,
  unlockInput,
  updateAccountInput
} from '../../../src/shared/ipc/models'
import { chars, issuesOf } from './schema-issues'

const API_URL_MESSAGE = 'apiUrl: Portal API URL must be an http(s) address, e.g. https://portal-api.example.com/v1/'
const ORIGIN_MESSAGE = 'origin: Origin must look like https://service.example.com (scheme and host, no path)'

const connection = {
  apiUrl: 'https://portal-api.example.com/v1/',
  clientId: 'desk-client',
  origin: 'https://service.example.com',
  username: 'alice@example.com',
  password: 'secret'
}
const account = { ...connection, displayName: 'Acme production' }
const without = <T extends object>(value: T, key: keyof T): Partial<T> => {
  const copy = { ...value }
  delete copy[key]
  return copy
}

describe('account connection fields', () => {
  it('trims what the user typed before checking it', () => {
    const parsed = connectionTestInput.parse({
      ...connection,
      apiUrl: '  https://portal-api.example.com/v1/ ',
      clientId: ' desk-client ',
      origin: ' https://service.example.com ',
      username: '\talice@example.com '
    })
    expect(parsed).toEqual(connection)
  })

  it.each([
    ['plain http to a portal', { apiUrl: 'http://127.0.0.1:5000/v1/' }],
    ['an origin with a port', { origin: 'http://localhost:8080' }],
    ['an origin with a trailing slash', { origin: 'https://service.example.com/' }],
    ['a 200-character client ID', { clientId: chars(200) }]
  ])('accepts %s', (_what, patch) => {
    expect(connectionTestInput.safeParse({ ...connection, ...patch }).success).toBe(true)
  })

  it.each([
    ['a missing username', without(connection, 'username'), ['username: Username is required']],
    ['a blank client ID', { ...connection, clientId: '   ' }, ['clientId: Client ID is required']],
    ['a client ID over 200 characters', { ...connection, clientId: chars(201) }, ['clientId: Client ID is too long']],
    ['a missing portal URL', without(connection, 'apiUrl'), ['apiUrl: Portal API URL is required']],
    ['a missing origin', without(connection, 'origin'), ['origin: Origin is required']],
    ['a missing password', without(connection, 'password'), ['password: Password is required']],
    ['an empty password', { ...connection, password: '' }, ['password: Password is required']],
    ['a portal URL without a scheme', { ...connection, apiUrl: 'portal-api.example.com/v1/' }, [API_URL_MESSAGE]],
    ['a portal URL that is not http(s)', { ...connection, apiUrl: 'ftp://portal-api.example.com/v1/' }, [API_URL_MESSAGE]],
    ['a portal URL with a user name in it', { ...connection, apiUrl: 'https://alice@portal-api.example.com/v1/' }, [API_URL_MESSAGE]],
    ['a portal URL with a password in it', { ...connection, apiUrl: 'https://:secret@portal-api.example.com/v1/' }, [API_URL_MESSAGE]],
    ['an origin that is not a URL', { ...connection, origin: 'service.example.com' }, [ORIGIN_MESSAGE]],
    ['an origin that is not http(s)', { ...connection, origin: 'wss://service.example.com' }, [ORIGIN_MESSAGE]],
    ['an origin with a path', { ...connection, origin: 'https://service.example.com/app' }, [ORIGIN_MESSAGE]]
  ])('refuses %s', (_what, input, expected) => {
    expect(issuesOf(connectionTestInput, input)).toEqual(expected)
  })
})

describe('adding an account', () => {
  it('defaults the colour, label and secret storage', () => {
    expect(addAccountInput.parse(account)).toEqual({ ...account, color: '#1e88e5', label: '', secretMode: 'keychain' })
  })

  it.each([
    ['an upper-case colour', { color: '#1E88E5' }, { color: '#1E88E5' }],
    ['a 12-character label, trimmed', { label: '  Production12  ' }, { label: 'Production12' }],
    ['an 80-character display name', { displayName: chars(80) }, { displayName: chars(80) }],
    ['session-only secrets', { secretMode: 'session' }, { secretMode: 'session' }]
  ])('accepts %s', (_what, patch, expected) => {
    expect(addAccountInput.parse({ ...account, ...patch })).toMatchObject(expected)
  })

  it.each([
    ['a missing display name', without(account, 'displayName'), ['displayName: Display name is required']],
    ['a display name over 80 characters', { ...account, displayName: chars(81) }, ['displayName: Display name is too long']],
    ['a label over 12 characters', { ...account, label: chars(13) }, ['label: Label is at most 12 characters']]
  ])('refuses %s', (_what, input, expected) => {
    expect(issuesOf(addAccountInput, input)).toEqual(expected)
  })

  it.each([['1e88e5'], ['#1e88e'], ['#1e88e5f'], ['x#1e88e5'], ['#1e88e5 x'], ['#gg88e5']])('refuses the colour %j', (color) => {
    expect(issuesOf(addAccountInput, { ...account, color })).toEqual(['color: Colour must look like #1e88e5'])
  })
})

describe('editing, unlocking and reordering accounts', () => {
  it('accepts a partial patch', () => {
    expect(updateAccountInput.parse({ accountId: 'a1', patch: { label: ' Test ' } })).toEqual({ accountId: 'a1', patch: { label: 'Test' } })
  })

  it.each([
    [{ accountId: 'a1', patch: { clientId: ' ' } }, ['patch.clientId: Client ID is required']],
    [{ accountId: 'a1', patch: { username: '' } }, ['patch.username: Username is required']],
    [{ accountId: 'a1', patch: { displayName: '' } }, ['patch.displayName: Display name is required']]
  ])('refuses a blank required field in a patch: %j', (input, expected) => {
    expect(issuesOf(updateAccountInput, input)).toEqual(expected)
  })

  it('refuses an empty account id', () => {
    expect(issuesOf(unlockInput, { accountId: '', password: 'pw' })).toEqual(['accountId: Account id is required'])
    expect(issuesOf(reorderInput, { accountIds: ['a1', ''] })).toEqual(['accountIds.1: Account id is required'])
  })
})
