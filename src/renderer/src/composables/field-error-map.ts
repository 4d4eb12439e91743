/**
 * One mapping from any refusal to the form field it names: main's validation (details.fields /
 * details.field) and the portal's own messages, whose field names are the API's
 * (`'registrationNumber' must be at most 64 characters.`, `Invalid value for field 'note'`,
 * ASP.NET's `The RegistrationNumber field is required.`). The API name becomes the form's field
 * and the person-readable label replaces the raw name in the message.
 */

/** API / form field name (lower-cased) → the form's field and its label. */
const FIELDS: Record<string, { field: string; label: string }> = {
  name: { field: 'name', label: 'Name' },
  registrationnumber: { field: 'registrationNumber', label: 'Registration number' },
  note: { field: 'note', label: 'Note' },
  timezone: { field: 'timeZoneId', label: 'Time zone' },
  timezoneid: { field: 'timeZoneId', label: 'Time zone' },
  contact: { field: 'contact', label: 'Contact' },
  cpucount: { field: 'cpuCount', label: 'CPU count' },
  tsmname: { field: 'tsmName', label: 'Node name' },
  tsmpassword: { field: 'password', label: 'Node password' },
  password: { field: 'password', label: 'Password' },
  externalreference: { field: 'externalReference', label: 'External reference' },
  deletioncomment: { field: 'deletionComment', label: 'Deletion comment' },
  operatingsystem: { field: 'osId', label: 'Operating system' },
  os: { field: 'osId', label: 'Operating system' },
  domain: { field: 'domainId', label: 'Domain' },
  optionset: { field: 'optionSetId', label: 'Option set' },
  type: { field: 'typeId', label: 'Node type' }
}

const PATTERNS = [/field '([A-Za-z][\w.]*)'/i, /^'([A-Za-z][\w.]*)'/, /'([A-Za-z][\w.]*)' (?:must|is|should)/, /^The ([A-Za-z]\w*) field /]

/** The field a portal message names, with its label; null when it names none we know. */
export function fieldInMessage(message: string): { field: string; label: string; raw: string } | null {
  for (const pattern of PATTERNS) {
    const raw = pattern.exec(message)?.[1]
    if (!raw) continue
    const known = FIELDS[raw.split('.').pop()!.toLowerCase()]
    if (known) return { ...known, raw }
  }
  return null
}

/** The message with the API's field name replaced by the label: "Registration number must be at most 64 characters." */
export function humanFieldMessage(message: string, raw: string, label: string): string {
  const cleaned = message
    .replace(/^Invalid value for field '[^']*'\.\s*/i, '')
    .replace(new RegExp(`'${raw}'`, 'g'), label)
    .replace(new RegExp(`^The ${raw} field`), label)
    .trim()
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1)
}

export interface RefusalLike {
  message: string
  details?: Record<string, unknown>
}

/** Field → message for everything a refusal names (main's fields first, then the portal's words). */
export function mapFieldErrors(error: RefusalLike): Record<string, string> {
  const result: Record<string, string> = {}
  const fields = error.details?.fields
  if (fields && typeof fields === 'object') {
    for (const [field, message] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof message === 'string') result[FIELDS[field.toLowerCase()]?.field ?? field] = message
    }
  }
  const single = error.details?.field
  if (typeof single === 'string') {
    const target = FIELDS[single.toLowerCase()]
    const key = target?.field ?? single
    if (!result[key]) {
      const inMessage = fieldInMessage(error.message)
      result[key] = inMessage ? humanFieldMessage(error.message, inMessage.raw, inMessage.label) : error.message
    }
  }
  if (Object.keys(result).length > 0) return result
  for (const text of [error.details?.apiMessage, error.details?.developerMessage, error.message]) {
    if (typeof text !== 'string') continue
    const found = fieldInMessage(text)
    if (found) return { [found.field]: humanFieldMessage(text, found.raw, found.label) }
  }
  return {}
}
