/** One valid entry of accounts.json as the store writes it; `extra` overrides or adds fields. */
export const stored = (id: string, n: number, extra: Record<string, unknown> = {}) => ({
  id,
  displayName: `Stored ${n}`,
  apiUrl: 'https://portal.example.com/api',
  clientId: 'client-1',
  origin: 'https://portal.example.com',
  username: `stored${n}@example.com`,
  color: '#112233',
  label: '',
  secretMode: 'keychain',
  createdAt: '2025-01-02T03:04:05.000Z',
  ...extra
})
