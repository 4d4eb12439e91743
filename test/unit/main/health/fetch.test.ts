import { describe, expect, it } from 'vitest'
import { invoiceView, jobView } from '../../../../src/main/health/fetch'
import { JobSchema } from '../../../../src/main/cloutility/models/job'
import { usageRows } from '../../../../src/main/health/handlers'

describe('jobs as the consumer page shows them', () => {
  it('parses .NET durations and keeps the counts', () => {
    const job = JobSchema.parse({
      id: 5,
      type: { id: 1, name: 'Backup' },
      status: { id: 2, name: 'Completed' },
      actualStart: '2026-11-30T01:00:00Z',
      completed: '2026-11-30T02:30:00Z',
      duration: '01:30:05',
      examinedFiles: 1200,
      affectedFiles: 30,
      failedFiles: 0,
      transferredMegaBytes: 512.5
    })
    expect(jobView(job)).toMatchObject({ type: 'Backup', outcome: 'ok', durationSeconds: 5405, examinedFiles: 1200, transferredMB: 512.5, problems: [] })
  })

  it('a bogus date is dropped with a word, and the job is kept', () => {
    const view = jobView(JobSchema.parse({ id: 6, status: { name: 'Failed' }, completed: 'not-a-date', actualStart: '0001-01-01T00:00:00', duration: '1.02:00:00' }))
    expect(view.completed).toBeNull()
    expect(view.start).toBeNull()
    expect(view.outcome).toBe('failed')
    expect(view.durationSeconds).toBe(93_600)
    expect(view.problems.join(' ')).toMatch(/unreadable completion time \(not-a-date\)/)
  })

  it('a duration in an unknown format reads as absent, computed from start and end', () => {
    const view = jobView(JobSchema.parse({ id: 7, duration: 'PT5M', actualStart: '2026-11-30T01:00:00Z', completed: '2026-11-30T01:10:00Z' }))
    expect(view.durationSeconds).toBe(600)
  })
})

describe('invoices', () => {
  it('takes the date from the href and sums the lines', () => {
    const view = invoiceView({
      id: 1,
      href: 'https://portal/v1/bunits/5/invoices/2026-10-31',
      lines: [
        { product: { name: 'Backup storage (GB)' }, quantity: 1500, unitPrice: 0.02 },
        { product: { name: 'Backup node' }, quantity: 3, unitPrice: 10 }
      ]
    } as never)
    expect(view.dateStr).toBe('2026-10-31')
    expect(view.lines.map((l) => l.amount)).toEqual([30, 30])
    expect(view.total).toBe(60)
  })
})

describe('usage per unit', () => {
  it('rolls stored data up to every ancestor and keeps own sums apart', () => {
    const tree = [
      { id: 1, parentId: null, name: 'Root', path: 'Root' },
      { id: 2, parentId: 1, name: 'A', path: 'Root / A' },
      { id: 3, parentId: 2, name: 'A1', path: 'Root / A / A1' }
    ]
    const rows = usageRows(tree, [
      { bunitId: 1, storedMB: 10, backupMB: 10, archiveMB: 0, consumers: 1, unreported: 0 },
      { bunitId: 3, storedMB: 100, backupMB: 60, archiveMB: 40, consumers: 2, unreported: 1 }
    ])
    expect(rows.get(1)).toMatchObject({ storedMB: 10, totalStoredMB: 110, totalConsumers: 3, unreported: 1 })
    expect(rows.get(2)).toMatchObject({ storedMB: 0, totalStoredMB: 100, totalArchiveMB: 40 })
    expect(rows.get(3)).toMatchObject({ storedMB: 100, totalStoredMB: 100, consumers: 2 })
  })
})
