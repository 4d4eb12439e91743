/**
 * Handlers for the health and usage calls of the contract (issue 9). Work in progress: the
 * cache, refresh and views land in the next commits; until then each call says so.
 */
import { DeskError } from '../../shared/errors'
import type { Handlers } from '../ipc/dispatch'
import type { CoreContext } from '../core/context'

export type HealthHandlers = Pick<
  Handlers,
  | 'getHealth'
  | 'getUnitHealthBadges'
  | 'getConsumerHealth'
  | 'getUnitUsage'
  | 'refreshHealth'
  | 'cancelHealthRefresh'
  | 'setHealthSettings'
  | 'fetchConsumerJobs'
  | 'fetchReportHistory'
  | 'fetchUnitBilling'
>

export function healthHandlers(_ctx: CoreContext): HealthHandlers {
  const pending = async (): Promise<never> => {
    throw new DeskError('internal', 'Backup health is not available yet.')
  }
  return {
    getHealth: pending,
    getUnitHealthBadges: pending,
    getConsumerHealth: pending,
    getUnitUsage: pending,
    refreshHealth: pending,
    cancelHealthRefresh: pending,
    setHealthSettings: pending,
    fetchConsumerJobs: pending,
    fetchReportHistory: pending,
    fetchUnitBilling: pending
  }
}
