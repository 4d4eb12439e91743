/**
 * What the consumer and unit pages fetch on demand: a consumer's jobs and report history, a
 * unit's billing data and invoices. Each answer is checked and turned into the view's shape
 * (a bogus date becomes null plus a word in `problems`, never "Invalid Date"), then cached.
 */
import { DeskError } from '../../shared/errors'
import type { BillingView, HistoryPoint, InvoiceView, JobView } from '../../shared/ipc/health-models'
import { dateStrOf, type BillingData, type CloutilityClient, type Invoice, type Job } from '../cloutility'
import { jobOutcome, stateOfStatusName } from './classify'
import { isoDate } from './dates'

const DAY_MS = 86_400_000
/** More points than a year of daily reports means the portal sent something odd; keep the newest. */
const MAX_POINTS = 400

export async function fetchJobs(
  client: CloutilityClient,
  bunitId: number,
  consumerId: number,
  days: number,
  now: Date,
  signal?: AbortSignal
): Promise<{ firstJobAt: string | null; jobs: JobView[] }> {
  let firstJobAt: string | null
  try {
    firstJobAt = isoDate(await client.jobs.firstCompleted(bunitId, consumerId, { signal }))
  } catch (error) {
    // No first job: the node has never run one, so there is nothing to list.
    if (error instanceof DeskError && error.kind === 'not-found') return { firstJobAt: null, jobs: [] }
    throw error
  }
  let start = new Date(now.getTime() - days * DAY_MS)
  // The portal refuses a window that starts before the first job.
  if (firstJobAt !== null && start.getTime() < Date.parse(firstJobAt)) start = new Date(firstJobAt)
  const jobs = await client.jobs.list(bunitId, consumerId, { startTime: start.toISOString(), endTime: now.toISOString() }, { signal })
  return { firstJobAt, jobs: jobs.map(jobView).sort((a, b) => (b.start ?? b.completed ?? '').localeCompare(a.start ?? a.completed ?? '')) }
}

export function jobView(job: Job): JobView {
  const problems: string[] = []
  const date = (value: string | undefined, what: string): string | null => {
    const iso = isoDate(value)
    if (value !== undefined && value !== '' && iso === null) problems.push(`The portal sent an unreadable ${what} (${value.slice(0, 40)}).`)
    return iso
  }
  const start = date(job.actualStart, 'start time') ?? date(job.scheduledStart, 'scheduled start')
  const completed = date(job.completed, 'completion time')
  let durationSeconds = typeof job.duration === 'number' ? job.duration : null
  if (durationSeconds === null && start && completed) durationSeconds = Math.max(0, (Date.parse(completed) - Date.parse(start)) / 1000)
  const count = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null)
  const statusName = job.status?.name?.trim() || null
  const transferredMB = count(job.transferredMegaBytes) ?? (count(job.transferredGigaBytes) !== null ? (job.transferredGigaBytes as number) * 1024 : null)
  return {
    id: job.id,
    type: job.type?.name?.trim() || job.name?.trim() || null,
    status: statusName,
    outcome: jobOutcome(statusName),
    scheduled: job.scheduled ?? null,
    start,
    completed,
    durationSeconds,
    examinedFiles: count(job.examinedFiles),
    affectedFiles: count(job.affectedFiles),
    failedFiles: count(job.failedFiles),
    transferredMB,
    problems
  }
}

export async function fetchHistory(
  client: CloutilityClient,
  bunitId: number,
  consumerId: number,
  days: number,
  now: Date,
  signal?: AbortSignal
): Promise<HistoryPoint[]> {
  const reports = await client.reports.list(
    bunitId,
    consumerId,
    { startDate: new Date(now.getTime() - days * DAY_MS).toISOString(), endDate: now.toISOString(), status: true },
    { signal }
  )
  const byDate = new Map<string, HistoryPoint>()
  for (const r of reports) {
    const date = isoDate(r.reportDate)
    if (date === null) continue // a report we cannot place in time cannot be drawn
    const num = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
    const statusName = r.status?.name?.trim() || null
    byDate.set(date, {
      date,
      storedMB: num(r.megaBytes),
      backupMB: num(r.backupMegaBytes),
      archiveMB: num(r.archiveMegaBytes),
      transferredMB: num(r.transferredMegaBytes),
      statusName,
      state: r.status ? (stateOfStatusName(statusName) ?? 'unknown') : 'unknown'
    })
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)).slice(-MAX_POINTS)
}

export async function fetchBilling(
  client: CloutilityClient,
  bunitId: number,
  signal?: AbortSignal
): Promise<{ items: BillingView[]; invoices: InvoiceView[]; message: string | null }> {
  const optional = async <T>(load: () => Promise<T[]>): Promise<T[] | null> => {
    try {
      return await load()
    } catch (error) {
      // Units that are not resellers have no billing; portals may say so with 403 or 404.
      if (error instanceof DeskError && (error.kind === 'not-found' || error.kind === 'forbidden')) return null
      throw error
    }
  }
  const [billing, invoices] = await Promise.all([
    optional(() => client.billing.list(bunitId, {}, { signal })),
    optional(() => client.invoices.list(bunitId, { signal }))
  ])
  const items = (billing ?? []).map(billingView).sort((a, b) => b.invoiceDateStr.localeCompare(a.invoiceDateStr))
  const invoiceViews = (invoices ?? []).map(invoiceView).sort((a, b) => (b.dateStr ?? '').localeCompare(a.dateStr ?? ''))
  const message =
    billing === null && invoices === null
      ? 'The portal has no billing data or invoices for this unit (it is not a billing unit, or you may not see them).'
      : items.length === 0 && invoiceViews.length === 0
        ? 'The portal has no billing data or invoices for this unit yet.'
        : null
  return { items, invoices: invoiceViews, message }
}

function billingView(b: BillingData): BillingView {
  return {
    id: b.id,
    invoiceDateStr: /^\d{4}-\d{2}-\d{2}$/.test(b.invoiceDateStr) ? b.invoiceDateStr : (dateStrOf(b.href) ?? b.invoiceDateStr),
    invoiceDate: isoDate(b.invoiceDate),
    unitName: b.billingBusinessUnit?.name ?? null,
    summary: b.summary.flatMap((s) =>
      typeof s.total === 'number' && Number.isFinite(s.total) ? [{ currency: s.currency?.code ?? s.currency?.name ?? '', total: s.total }] : []
    ),
    invoiceCount: b.invoices.length
  }
}

export function invoiceView(i: Invoice): InvoiceView {
  const lines = i.lines.map((l) => {
    const quantity = typeof l.quantity === 'number' && Number.isFinite(l.quantity) ? l.quantity : null
    const unitPrice = typeof l.unitPrice === 'number' && Number.isFinite(l.unitPrice) ? l.unitPrice : null
    return {
      product: l.product?.name ?? null,
      startDate: isoDate(l.startDate),
      endDate: isoDate(l.endDate),
      quantity,
      unitPrice,
      amount: quantity !== null && unitPrice !== null ? Math.round(quantity * unitPrice * 100) / 100 : null,
      note: l.note ?? null
    }
  })
  const amounts = lines.map((l) => l.amount)
  return {
    id: i.id,
    dateStr: dateStrOf(i.href),
    createdDate: isoDate(i.createdDate),
    payingUnit: i.payingBusinessUnit?.name ?? null,
    lines,
    total: amounts.length > 0 && amounts.every((a) => a !== null) ? Math.round(amounts.reduce<number>((s, a) => s + (a ?? 0), 0) * 100) / 100 : null
  }
}
