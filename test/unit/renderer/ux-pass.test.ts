/** Issue 11's pure pieces: tree paths and type-ahead, window titles, account colours, table prefs. */
import { describe, expect, it } from 'vitest'
import type { TreeNode } from '../../../src/shared/ipc/models'
import { findUnitName, flattenTree, parentIndex, pathTo, typeAheadIndex } from '../../../src/renderer/src/views/estate/tree-model'
import { windowTitle } from '../../../src/renderer/src/page-title'
import { ACCOUNT_PALETTE, nextAccountColor } from '../../../src/shared/account-colors'
import { cleanWidths, compareValues } from '../../../src/renderer/src/components/table-prefs'
import { readPreferences } from '../../../src/renderer/src/stores/preferences'

const node = (id: number, name: string, children: TreeNode[] = []): TreeNode =>
  ({ id, name, children, consumerCount: 0, totalConsumerCount: 0 }) as unknown as TreeNode

const root = node(1, 'Root', [node(2, 'Alpha', [node(4, 'Deep')]), node(3, 'Beta'), node(5, 'Bravo')])

describe('tree navigation helpers', () => {
  it('finds the path from the root to a unit, or null', () => {
    expect(pathTo(root, 4)).toEqual([1, 2, 4])
    expect(pathTo(root, 1)).toEqual([1])
    expect(pathTo(root, 99)).toBeNull()
    expect(findUnitName(root, 4)).toBe('Deep')
    expect(findUnitName(root, 99)).toBeNull()
  })
  it('type-ahead finds the next name starting with the typed text, wrapping; a repeated letter cycles', () => {
    const rows = flattenTree(root, new Set([1, 2]), '')
    expect(rows.map((r) => r.node.name)).toEqual(['Root', 'Alpha', 'Deep', 'Beta', 'Bravo'])
    expect(typeAheadIndex(rows, 0, 'b')).toBe(3)
    expect(typeAheadIndex(rows, 3, 'b')).toBe(4)
    expect(typeAheadIndex(rows, 4, 'b')).toBe(3) // wraps
    expect(typeAheadIndex(rows, 3, 'br')).toBe(4)
    expect(typeAheadIndex(rows, 3, 'bb')).toBe(4) // "bb" cycles like "b"
    expect(typeAheadIndex(rows, 0, 'zz')).toBe(-1)
  })
  it('knows a row’s parent row', () => {
    const rows = flattenTree(root, new Set([1, 2]), '')
    expect(parentIndex(rows, 2)).toBe(1)
    expect(parentIndex(rows, 3)).toBe(0)
    expect(parentIndex(rows, 0)).toBe(-1)
  })
})

describe('window title', () => {
  it('names the page and the active account', () => {
    expect(windowTitle({ account: null })).toBe('Cloutility Desk')
    expect(windowTitle({ account: null, shellPage: 'Add account' })).toBe('Add account — Cloutility Desk')
    expect(windowTitle({ account: 'Acme', route: { name: 'reference' } })).toBe('Reference data — Acme — Cloutility Desk')
    expect(windowTitle({ account: 'Acme', route: { name: 'unit', bunitId: 4 }, unitName: 'Deep' })).toBe('Deep — Acme — Cloutility Desk')
    expect(windowTitle({ account: 'Acme', route: { name: 'bulk', bunitId: 4 }, unitName: 'Deep' })).toBe('Bulk create · Deep — Acme — Cloutility Desk')
    expect(windowTitle({ account: 'Acme', shellPage: 'Manage accounts' })).toBe('Manage accounts — Acme — Cloutility Desk')
  })
})

describe('account colours', () => {
  it('offers the first palette colour nobody uses, then cycles', () => {
    expect(nextAccountColor([])).toBe(ACCOUNT_PALETTE[0])
    expect(nextAccountColor([ACCOUNT_PALETTE[0].toUpperCase()])).toBe(ACCOUNT_PALETTE[1])
    expect(nextAccountColor(['#123456'])).toBe(ACCOUNT_PALETTE[0])
    expect(nextAccountColor([...ACCOUNT_PALETTE])).toBe(ACCOUNT_PALETTE[0])
    expect(new Set(ACCOUNT_PALETTE.map((c) => c.toLowerCase())).size).toBe(ACCOUNT_PALETTE.length)
  })
  it('keeps white label text readable on every palette colour (WCAG AA, 4.5:1)', () => {
    const luminance = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const v = parseInt(hex.slice(i, i + 2), 16) / 255
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
      }) as [number, number, number]
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    for (const colour of ACCOUNT_PALETTE) expect(1.05 / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(4.5)
  })
})

describe('table and display preferences', () => {
  it('keeps only sane remembered widths', () => {
    expect(cleanWidths({ a: 120.4, b: 5, c: 99999, d: 'x', e: Number.NaN })).toEqual({ a: 120, b: 48, c: 1200 })
    expect(cleanWidths(null)).toEqual({})
    expect(cleanWidths([1, 2])).toEqual({})
  })
  it('sorts numbers by value and text in natural order', () => {
    expect(compareValues(2, 10)).toBeLessThan(0)
    expect(compareValues('node-2', 'node-10')).toBeLessThan(0)
    expect(compareValues('a', 'A')).toBe(0)
  })
  it('reads stored preferences, falling back on anything damaged', () => {
    const from = (raw: string | null) => readPreferences({ getItem: () => raw })
    expect(from(null)).toEqual({ theme: 'system', density: 'comfortable' })
    expect(from('{"theme":"dark","density":"compact"}')).toEqual({ theme: 'dark', density: 'compact' })
    expect(from('{"theme":"neon"}')).toEqual({ theme: 'system', density: 'comfortable' })
    expect(from('not json')).toEqual({ theme: 'system', density: 'comfortable' })
  })
})

describe('portal and validation errors land on the field they name', () => {
  it('maps the simulator’s wording to the field with its label', async () => {
    const { mapFieldErrors } = await import('../../../src/renderer/src/composables/field-error-map')
    expect(mapFieldErrors({ message: "'registrationNumber' must be at most 64 characters.", details: { status: 400 } })).toEqual({
      registrationNumber: 'Registration number must be at most 64 characters.'
    })
    expect(mapFieldErrors({ message: 'Refused', details: { developerMessage: "Invalid value for field 'note'. 'note' must be a string." } })).toEqual({
      note: 'Note must be a string.'
    })
    expect(mapFieldErrors({ message: 'The TimeZone field is required.' })).toEqual({ timeZoneId: 'Time zone is required.' })
    // Main's own validation keeps its (already human) messages.
    expect(mapFieldErrors({ message: 'Invalid input', details: { fields: { name: 'Name is required' } } })).toEqual({ name: 'Name is required' })
    expect(mapFieldErrors({ message: 'The API URL is not a valid URL.', details: { field: 'apiUrl' } })).toEqual({ apiUrl: 'The API URL is not a valid URL.' })
    // Nothing named: nothing mapped (the form shows the message as a whole).
    expect(mapFieldErrors({ message: 'The portal failed with HTTP 500.' })).toEqual({})
    expect(mapFieldErrors({ message: "'frobnicate' must be at most 3 characters." })).toEqual({})
  })
})
