/**
 * Dates from the portal, checked. The portal writes ISO 8601 (with or without a zone: .NET
 * leaves it off for UTC) and fills unset dates with values such as "0001-01-01T00:00:00";
 * those, and anything unparseable, read as null so a view never shows year 1 or "Invalid Date".
 */
const MIN = Date.UTC(1990, 0, 1)
const MAX = Date.UTC(2200, 0, 1)

export function isoDate(value: string | undefined | null): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null
  const text = value.trim()
  // Without a zone the portal means UTC.
  const zoned = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text) ? `${text}Z` : text
  const ms = Date.parse(zoned)
  if (!Number.isFinite(ms) || ms < MIN || ms > MAX) return null
  return new Date(ms).toISOString()
}
