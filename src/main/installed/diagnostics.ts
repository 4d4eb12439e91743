/**
 * The "Copy diagnostics" text a technician pastes into a support ticket: versions, operating
 * system, where data and logs live, the update state, and the core's facts (account count and
 * states, cache sizes, last sync outcomes). Built only from numbers, states and versions — no
 * secrets, no account or customer names (see core/diagnostics.ts) — and run through the log
 * redactor once more for good measure.
 */
import type { CoreFacts } from '../core/diagnostics'
import type { UpdateStatus } from '../../shared/ipc/installed-models'
import { redact } from '../logging/redact'

export interface DiagnosticsInput {
  appName: string
  appVersion: string
  /** process.versions (electron, chrome, node, v8 when present). */
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>
  os: { platform: string; release: string; arch: string; locale?: string }
  host: 'electron' | 'browser'
  packaged: boolean
  paths: { data: string; logs: string | null }
  update: UpdateStatus | null
  core: CoreFacts
  now: Date
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function formatDiagnostics(input: DiagnosticsInput): string {
  const v = input.versions
  const lines = [
    `${input.appName} diagnostics — ${input.now.toISOString()}`,
    '',
    `App:        ${input.appVersion} (${input.packaged ? 'installed' : 'development'}, ${input.host})`,
    `Runtime:    Electron ${v.electron ?? '-'}, Chromium ${v.chrome ?? '-'}, Node ${v.node ?? '-'}, V8 ${v.v8 ?? '-'}`,
    `OS:         ${input.os.platform} ${input.os.release} (${input.os.arch})${input.os.locale ? `, locale ${input.os.locale}` : ''}`,
    `Data:       ${input.paths.data}`,
    `Logs:       ${input.paths.logs ?? '(console only)'}`,
    `Updates:    ${input.update ? `${input.update.state}${input.update.version ? ` ${input.update.version}` : ''}${input.update.checkedAt ? `, checked ${input.update.checkedAt}` : ''}` : 'not managed here'}`,
    `Keychain:   ${input.core.keychain.available ? 'available' : `unavailable (${input.core.keychain.code ?? 'unknown'})`}`,
    `Accounts:   ${input.core.accountCount}${input.core.accountsReadOnly ? ' (settings read-only)' : ''}`,
    `Problems:   ${input.core.problems.length === 0 ? 'none' : input.core.problems.join(', ')}`,
    `Caches:     ${size(input.core.cacheBytesTotal)} in total`,
    ''
  ]
  for (const a of input.core.accounts) {
    const counts = a.lastSync.counts ? `, ${a.lastSync.counts.bunits} units / ${a.lastSync.counts.consumers} consumers / ${a.lastSync.counts.nodes} nodes` : ''
    lines.push(
      `Account ${a.position}: ${a.kind}, ${a.secretMode}, ${a.status}; cache ${size(a.cacheBytes)}; last sync ${a.lastSync.outcome}${a.lastSync.at ? ` at ${a.lastSync.at}` : ''}${counts}`
    )
  }
  return redact(`${lines.join('\n')}\n`)
}
