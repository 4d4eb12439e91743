import { describe, expect, it } from 'vitest'
import {
  consumerHealthInput,
  fetchHistoryInput,
  fetchJobsInput,
  HEALTH_SEVERITY,
  HEALTH_STATE_LABELS,
  HEALTH_STATES,
  healthInput,
  healthSettingsInput
} from '../../../src/shared/ipc/health-models'
import { issuesOf, refusedPaths } from './schema-issues'

const accountId = 'acc-1'
const consumer = { accountId, bunitId: 3, consumerId: 7 }

describe('health states as the user reads them', () => {
  it('labels every state for badges, filters and exports', () => {
    expect(HEALTH_STATE_LABELS).toEqual({
      failed: 'Failed',
      missed: 'Missed / no activity',
      warning: 'Warning',
      unknown: 'Unknown',
      'never-activated': 'Never activated',
      ok: 'OK'
    })
  })

  it('lists the states worst first, matching their severity', () => {
    const bySeverity = [...HEALTH_STATES].sort((a, b) => HEALTH_SEVERITY[b] - HEALTH_SEVERITY[a])
    expect(bySeverity).toEqual([...HEALTH_STATES])
  })
})

describe('health inputs', () => {
  it('reads every account without an account id, or the one given', () => {
    expect(healthInput.parse({})).toEqual({})
    expect(healthInput.parse({ accountId })).toEqual({ accountId })
    expect(issuesOf(healthInput, { accountId: '' })).toEqual(['accountId: Account id is required'])
  })

  it('names a missing consumer or unit id', () => {
    expect(issuesOf(consumerHealthInput, { accountId })).toEqual(['bunitId: An id is required', 'consumerId: An id is required'])
  })

  it('fetches the jobs of the last day by default, or of 7 or 30 days', () => {
    expect(fetchJobsInput.parse(consumer)).toEqual({ ...consumer, days: 1 })
    expect(fetchJobsInput.parse({ ...consumer, days: 30 })).toEqual({ ...consumer, days: 30 })
    expect(refusedPaths(fetchJobsInput, { ...consumer, days: 14 })).toEqual(['days'])
  })

  it('fetches 30 days of report history by default, 7 to 400 days on request', () => {
    expect(fetchHistoryInput.parse(consumer)).toEqual({ ...consumer, days: 30 })
    expect(fetchHistoryInput.parse({ ...consumer, days: 7 })).toMatchObject({ days: 7 })
    expect(fetchHistoryInput.parse({ ...consumer, days: 400 })).toMatchObject({ days: 400 })
    expect(issuesOf(fetchHistoryInput, { ...consumer, days: 6 })).toEqual(['days: At least 7 days'])
    expect(issuesOf(fetchHistoryInput, { ...consumer, days: 401 })).toEqual(['days: At most 400 days'])
  })

  it('schedules health refreshes every 0 (never) to 1440 minutes', () => {
    for (const intervalMinutes of [0, 15, 1440]) expect(healthSettingsInput.parse({ accountId, intervalMinutes })).toEqual({ accountId, intervalMinutes })
    expect(issuesOf(healthSettingsInput, { accountId, intervalMinutes: -1 })).toEqual(['intervalMinutes: At least 0 minutes'])
    expect(issuesOf(healthSettingsInput, { accountId, intervalMinutes: 1441 })).toEqual(['intervalMinutes: At most 1440 minutes (a day)'])
  })
})
