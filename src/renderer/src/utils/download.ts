/**
 * Saving an export produced by main: the content arrives over IPC and is handed to the browser's
 * download machinery with a Blob and an <a download>; nothing touches the network.
 */
import type { ExportFile } from '../../../shared/ipc/estate-models'

/** A file name safe to offer: no folders, no control or reserved characters, the right extension. */
export function safeDownloadName(file: Pick<ExportFile, 'fileName' | 'mimeType'>, fallbackBase = 'cloutility-export'): string {
  const base = (file.fileName.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 180)
  const ext = extensionFor(file.mimeType)
  const name = base === '' ? `${fallbackBase}${ext ? `.${ext}` : ''}` : base
  if (ext && !name.toLowerCase().endsWith(`.${ext}`)) return `${name}.${ext}`
  return name
}

export function extensionFor(mimeType: string): string | null {
  const type = mimeType.split(';')[0]?.trim().toLowerCase()
  if (type === 'text/csv') return 'csv'
  if (type === 'application/json') return 'json'
  return null
}

/** What the export buttons do: "Acme — estate (CSV)" … */
export function exportLabel(scope: 'estate' | 'consumers', format: 'csv' | 'json'): string {
  return `Export ${scope === 'estate' ? 'estate' : 'consumer list'} as ${format.toUpperCase()}`
}

/** Hands the file to the browser as a download. */
export function saveExportFile(file: ExportFile, doc: Document = document): string {
  const name = safeDownloadName(file)
  const blob = new Blob([file.content], { type: file.mimeType || 'application/octet-stream' })
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  a.hidden = true
  doc.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
  return name
}
