/**
 * Account shapes, their zod schemas and the normalisation rules for URLs and colours.
 *
 * Nothing here is secret: an account holds where and as whom to sign in, never the password
 * or a token (those live in src/main/credentials).
 */
import { z } from 'zod'
import { DeskError } from '../../shared/errors'
import { accountNetworkSchema, storedNetworkSchema, type AccountNetwork } from './network-schema'

export const SECRET_MODES = ['keychain', 'session'] as const
/** 'keychain': kept in the OS keychain. 'session': asked for each session, kept only in main's memory. */
export type SecretMode = (typeof SECRET_MODES)[number]

export const LIMITS = {
  displayName: 80,
  label: 12,
  clientId: 200,
  username: 256,
  url: 2048
} as const

/** Ids are uuids when we create them; on read we accept any short, key-safe token. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/

export interface Account {
  id: string
  displayName: string
  /** Portal API base URL, normalised: lower-case host, no default port, no trailing slash. */
  apiUrl: string
  clientId: string
  /** scheme://host[:port], no path. */
  origin: string
  username: string
  /** #rrggbb, lower case. */
  color: string
  /** Short tag such as "PROD"; may be empty. */
  label: string
  secretMode: SecretMode
  /** 'demo' accounts point at the embedded simulator, restarted on a fresh port each run. */
  kind: AccountKind
  /** ISO 8601 timestamp. */
  createdAt: string
  /** Proxy, extra CA, plain-http opt-in (issue 10); defaults when the file predates it. */
  network: AccountNetwork
}

export const ACCOUNT_KINDS = ['portal', 'demo'] as const
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

/** Human names for fields, used in messages. */
export const FIELD_LABELS: Record<string, string> = {
  displayName: 'Display name',
  apiUrl: 'API URL',
  clientId: 'Client ID',
  origin: 'Origin',
  username: 'Username',
  color: 'Colour',
  label: 'Label',
  secretMode: 'Password storage'
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/

type Normalised = { ok: true; value: string } | { ok: false; message: string }

function parseHttpUrl(raw: string, what: string): { ok: true; url: URL } | { ok: false; message: string } {
  if (raw.length === 0) return { ok: false, message: `${what} is required` }
  if (raw.length > LIMITS.url) return { ok: false, message: `${what} is too long` }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, message: `${what} must be a full URL such as https://portal.example.com` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `${what} must start with http:// or https://` }
  }
  if (url.hostname === '') return { ok: false, message: `${what} must include a host name` }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: `${what} must not contain a user name or password` }
  }
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
    return { ok: false, message: `${what} must not contain a query (?) or fragment (#)` }
  }
  return { ok: true, url }
}

/**
 * Normalises a portal API base URL: trims, lower-cases scheme and host (via URL), drops the
 * default port and any trailing slashes. `https://Portal.example.com:443/api/` becomes
 * `https://portal.example.com/api`.
 */
export function normaliseApiUrl(raw: string): Normalised {
  const parsed = parseHttpUrl(raw.trim(), 'API URL')
  if (!parsed.ok) return parsed
  const path = parsed.url.pathname.replace(/\/+$/, '')
  return { ok: true, value: `${parsed.url.origin}${path}` }
}

/** Normalises an origin: scheme://host[:port]. A single trailing slash is tolerated, a path is not. */
export function normaliseOrigin(raw: string): Normalised {
  const parsed = parseHttpUrl(raw.trim(), 'Origin')
  if (!parsed.ok) return parsed
  if (parsed.url.pathname !== '/') {
    return { ok: false, message: 'Origin must be scheme://host[:port] without a path' }
  }
  return { ok: true, value: parsed.url.origin }
}

/** The origin implied by an (already normalised) API URL. */
export function originOf(apiUrl: string): string {
  return new URL(apiUrl).origin
}

function text(field: string, opts: { max: number; required: boolean }) {
  const name = FIELD_LABELS[field] ?? field
  let s = z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) })
    .trim()
  if (opts.required) s = s.min(1, `${name} is required`)
  return s
    .max(opts.max, `${name} must be at most ${opts.max} characters`)
    .refine((v) => !CONTROL_CHARS.test(v), `${name} must not contain control characters`)
}

function normalised(field: string, fn: (raw: string) => Normalised) {
  const name = FIELD_LABELS[field] ?? field
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) })
    .transform((raw, ctx) => {
      const r = fn(raw)
      if (r.ok) return r.value
      ctx.addIssue({ code: 'custom', message: r.message })
      return z.NEVER
    })
}

const fields = {
  displayName: text('displayName', { max: LIMITS.displayName, required: true }),
  apiUrl: normalised('apiUrl', normaliseApiUrl),
  clientId: text('clientId', { max: LIMITS.clientId, required: true }),
  origin: normalised('origin', normaliseOrigin),
  username: text('username', { max: LIMITS.username, required: true }),
  color: z
    .string({ error: 'Colour must be text such as #1a73e8' })
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Colour must be a hex colour such as #1a73e8')
    .transform((v) => v.toLowerCase()),
  label: text('label', { max: LIMITS.label, required: false }),
  secretMode: z.enum(SECRET_MODES, {
    error: 'Password storage must be "keychain" or "session"'
  })
}

/** Colours handed out when the form does not pick one. */
export const DEFAULT_COLORS = ['#1a73e8', '#188038', '#e37400', '#a142f4', '#d93025', '#007b83', '#9334e6', '#5f6368']

/** Input for `AccountStore.add`. `origin` defaults to the API URL's origin; `color`, `label`, `secretMode` have defaults. */
export const accountCreateSchema = z.strictObject({
  displayName: fields.displayName,
  apiUrl: fields.apiUrl,
  clientId: fields.clientId,
  origin: fields.origin.optional(),
  username: fields.username,
  color: fields.color.optional(),
  label: fields.label.default(''),
  secretMode: fields.secretMode.default('keychain'),
  kind: z.enum(ACCOUNT_KINDS).default('portal'),
  network: accountNetworkSchema.optional()
})
export type AccountCreateInput = z.input<typeof accountCreateSchema>
export type AccountCreateParsed = z.output<typeof accountCreateSchema>

/** Input for `AccountStore.update`: any subset of the editable fields. `id` and `createdAt` are not editable. */
export const accountUpdateSchema = z.strictObject({
  displayName: fields.displayName.optional(),
  apiUrl: fields.apiUrl.optional(),
  clientId: fields.clientId.optional(),
  origin: fields.origin.optional(),
  username: fields.username.optional(),
  color: fields.color.optional(),
  label: fields.label.optional(),
  secretMode: fields.secretMode.optional(),
  network: accountNetworkSchema.optional()
})
export type AccountUpdateInput = z.input<typeof accountUpdateSchema>
export type AccountUpdateParsed = z.output<typeof accountUpdateSchema>

export const accountIdSchema = z
  .string({ error: 'Account id must be text' })
  .regex(ACCOUNT_ID_PATTERN, 'Account id is not valid')

/** A stored account as read back from disk (values are re-normalised on the way in). */
export const storedAccountSchema = z.object({
  id: accountIdSchema,
  displayName: fields.displayName,
  apiUrl: fields.apiUrl,
  clientId: fields.clientId,
  origin: fields.origin,
  username: fields.username,
  color: fields.color,
  label: fields.label,
  secretMode: fields.secretMode,
  // Files written before accounts had a kind hold only portal accounts.
  kind: z.enum(ACCOUNT_KINDS).default('portal'),
  createdAt: z.iso.datetime({ offset: true, error: 'createdAt must be an ISO timestamp' }),
  network: storedNetworkSchema
})

export const ACCOUNTS_FILE_VERSION = 1

/** Just enough to read the version before trusting the rest. */
export const fileVersionSchema = z.looseObject({
  version: z.number().int().positive()
})

export const accountsFileSchema = z
  .object({
    version: z.literal(ACCOUNTS_FILE_VERSION),
    accounts: z.array(storedAccountSchema),
    order: z.array(z.string()).default([]),
    activeAccountId: z.string().nullable().default(null)
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>()
    file.accounts.forEach((a, i) => {
      if (seen.has(a.id)) {
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'id'], message: 'Duplicate account id' })
      }
      seen.add(a.id)
    })
  })
export type AccountsFile = {
  version: typeof ACCOUNTS_FILE_VERSION
  accounts: Account[]
  order: string[]
  activeAccountId: string | null
}

/** Per-field messages, keyed by field name, for a form to show next to each field. */
export type FieldErrors = Record<string, string>

/**
 * Turns zod issues into a DeskError('invalid-input') with `details.fields` (field -> first message)
 * and `details.issues`. Input values are never copied into the error.
 */
export function toInvalidInput(error: z.ZodError, what: string): DeskError {
  const fieldErrors: FieldErrors = {}
  const general: string[] = []
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fieldErrors[key] ??= `${key} is not a known field`
      continue
    }
    const field = issue.path[0]
    if (typeof field === 'string') fieldErrors[field] ??= issue.message
    else general.push(issue.message)
  }
  const first = Object.entries(fieldErrors)[0]
  const summary = first !== undefined ? first[1] : (general[0] ?? 'Invalid input')
  const count = Object.keys(fieldErrors).length + general.length
  const message = count > 1 ? `Invalid ${what}: ${summary} (and ${count - 1} more)` : `Invalid ${what}: ${summary}`
  const details: Record<string, unknown> = { fields: fieldErrors }
  if (general.length > 0) details.general = general
  return new DeskError('invalid-input', message, details)
}

export function parseCreateInput(input: unknown): AccountCreateParsed {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DeskError('invalid-input', 'Invalid account details: expected an object', { fields: {} })
  }
  const r = accountCreateSchema.safeParse(input)
  if (!r.success) throw toInvalidInput(r.error, 'account details')
  return r.data
}

export function parseUpdateInput(input: unknown): AccountUpdateParsed {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DeskError('invalid-input', 'Invalid account changes: expected an object', { fields: {} })
  }
  const r = accountUpdateSchema.safeParse(input)
  if (!r.success) throw toInvalidInput(r.error, 'account changes')
  return r.data
}

export function parseAccountId(id: unknown): string {
  const r = accountIdSchema.safeParse(id)
  if (!r.success) throw new DeskError('invalid-input', 'Account id is not valid', { fields: { id: 'Account id is not valid' } })
  return r.data
}

/** The duplicate key: (apiUrl, clientId, username); client id and username compared case-insensitively. */
export function identityKey(a: Pick<Account, 'apiUrl' | 'clientId' | 'username'>): string {
  return JSON.stringify([a.apiUrl, a.clientId.toLowerCase(), a.username.toLowerCase()])
}
