import { describe, expect, it } from 'vitest'
import { emptyNetworkForm, isInsecureRemoteUrl, networkChanged, networkFormFrom, networkInput } from '../../../src/renderer/src/views/accounts/network-form'
import { networkSettingsInput } from '../../../src/shared/ipc/network-models'

describe('network form', () => {
  it('sends the proxy details only for a manual proxy, and the password only when typed', () => {
    const form = { ...emptyNetworkForm(), proxyUrl: 'http://ignored:1', proxyUsername: 'x' }
    expect(networkInput(form)).toEqual({ proxy: { mode: 'system' }, allowInsecureHttp: false })
    const manual = { ...form, proxyMode: 'manual' as const, proxyUrl: ' http://proxy.corp:3128 ', proxyUsername: 'tech' }
    expect(networkInput(manual)).toEqual({ proxy: { mode: 'manual', url: 'http://proxy.corp:3128', username: 'tech' }, allowInsecureHttp: false })
    expect(networkInput({ ...manual, proxyPassword: 'pw' }).proxy).toMatchObject({ password: 'pw' })
    expect(networkSettingsInput.safeParse(networkInput(manual)).success).toBe(true)
  })

  it('keeps, replaces or removes the CA', () => {
    expect(networkInput(emptyNetworkForm())).not.toHaveProperty('caCertPem')
    expect(networkInput({ ...emptyNetworkForm(), caPem: 'PEM' })).toMatchObject({ caCertPem: 'PEM' })
    expect(networkInput({ ...emptyNetworkForm(), caRemoved: true })).toMatchObject({ caCertPem: null })
  })

  it('the schema refuses a manual proxy without a URL, or with credentials in it', () => {
    const noUrl = networkSettingsInput.safeParse({ proxy: { mode: 'manual' } })
    expect(noUrl.success).toBe(false)
    expect(noUrl.error?.issues[0]?.path).toEqual(['proxy', 'url'])
    expect(networkSettingsInput.safeParse({ proxy: { mode: 'manual', url: 'http://u:p@proxy:1' } }).success).toBe(false)
    expect(networkSettingsInput.safeParse({ proxy: { mode: 'manual', url: 'ftp://proxy:1' } }).success).toBe(false)
  })

  it('notices a change against the stored settings', () => {
    const stored = { proxy: { mode: 'manual' as const, url: 'http://p:1', username: 'u', hasPassword: true }, allowInsecureHttp: false }
    const form = networkFormFrom(stored)
    expect(networkChanged(form, stored)).toBe(false)
    expect(networkChanged({ ...form, proxyPassword: 'new' }, stored)).toBe(true)
    expect(networkChanged({ ...form, allowInsecureHttp: true }, stored)).toBe(true)
    expect(networkChanged({ ...form, caRemoved: true }, stored)).toBe(false)
  })

  it('flags plain http only for remote hosts', () => {
    expect(isInsecureRemoteUrl('http://portal.example.com/v1/')).toBe(true)
    expect(isInsecureRemoteUrl('https://portal.example.com/v1/')).toBe(false)
    expect(isInsecureRemoteUrl('http://127.0.0.1:5050/v1/')).toBe(false)
    expect(isInsecureRemoteUrl('http://localhost:5050/v1/')).toBe(false)
    expect(isInsecureRemoteUrl('not a url')).toBe(false)
  })
})

describe('an empty manual proxy URL', () => {
  it('is reported as required', () => {
    const parsed = networkSettingsInput.safeParse(networkInput({ ...emptyNetworkForm(), proxyMode: 'manual' }))
    expect(parsed.error?.issues[0]?.message).toBe('Proxy URL is required for a manual proxy')
  })
})
