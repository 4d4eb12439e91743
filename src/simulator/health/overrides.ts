/**
 * Test control of backup health: plant a status on a consumer's last nights
 * (the latest report and its jobs follow), send reports without a status, or
 * give the latest jobs bogus dates. Shared by `POST /_sim/health` and the
 * programmatic `sim.setHealth()` / `sim.clearHealth()`.
 */
import { type Body, isObject } from '../http/body'
import { ApiError, conflict, notFound } from '../http/errors'
import type { ConsumerRec, HealthOverride, SimState } from '../model'

export const PLANTABLE = ['ok', 'warning', 'failed', 'missed', 'no-status'] as const
export type PlantedStatus = (typeof PLANTABLE)[number]
export const MAX_PLANT_DAYS = 400

export interface HealthPlant {
  /** The consumer, by id or by (unique, case-insensitive) name. */
  consumerId?: number
  consumerName?: string
  /** Status of the last `days` nights; 'no-status' sends those reports without `status`. */
  status?: PlantedStatus
  /** Nights affected, counted back from the latest report; default 1. */
  days?: number
  /** The latest night's jobs get `completed: "0001-01-01T00:00:00"` and non-date start times. */
  bogusJobDate?: boolean
}

export interface HealthPlanted {
  consumerId: number
  businessUnitId: number
  status?: PlantedStatus
  days: number
  bogusJobDate: boolean
}

const invalid = (message: string): ApiError => new ApiError(400, 'validation_error', message)

function findConsumer(state: SimState, req: HealthPlant): ConsumerRec {
  if (req.consumerId !== undefined) {
    if (!Number.isInteger(req.consumerId)) throw invalid("'consumerId' must be an integer.")
    const c = state.consumers.get(req.consumerId)
    if (!c) throw notFound(`Consumer ${req.consumerId}`)
    return c
  }
  if (typeof req.consumerName !== 'string' || req.consumerName.trim() === '') throw invalid("Give 'consumerId' or 'consumerName'.")
  const wanted = req.consumerName.trim().toLowerCase()
  const matches = [...state.consumers.values()].filter((c) => c.name.toLowerCase() === wanted)
  if (matches.length === 0) throw notFound(`Consumer named '${req.consumerName}'`)
  if (matches.length > 1) throw conflict(`${matches.length} consumers are named '${req.consumerName}'; use 'consumerId'.`)
  return matches[0] as ConsumerRec
}

/** Validates and applies a plant; throws ApiError (400/404/409) and changes nothing on bad input. */
export function plantHealth(state: SimState, req: HealthPlant): HealthPlanted {
  const c = findConsumer(state, req)
  if (req.status !== undefined && !PLANTABLE.includes(req.status)) {
    throw invalid(`'status' must be one of ${PLANTABLE.join(', ')} (got '${String(req.status)}').`)
  }
  if (req.days !== undefined && (!Number.isInteger(req.days) || req.days < 1 || req.days > MAX_PLANT_DAYS)) {
    throw invalid(`'days' must be an integer between 1 and ${MAX_PLANT_DAYS}.`)
  }
  if (req.bogusJobDate !== undefined && typeof req.bogusJobDate !== 'boolean') throw invalid("'bogusJobDate' must be true or false.")
  if (req.status === undefined && req.bogusJobDate === undefined) throw invalid("Give 'status' and/or 'bogusJobDate'.")
  const node = c.nodeId !== undefined ? state.nodes.get(c.nodeId) : undefined
  if (!node?.activatedDate) throw conflict(`Consumer ${c.id} has no activated backup node, so it has no reports to change.`)

  const previous = state.healthOverrides.get(c.id)
  const next: HealthOverride = {
    days: req.days ?? previous?.days ?? 1,
    ...(req.status !== undefined ? { status: req.status } : previous?.status !== undefined ? { status: previous.status } : {}),
    ...((req.bogusJobDate ?? previous?.bogusJobDate) ? { bogusJobDate: true } : {})
  }
  state.healthOverrides.set(c.id, next)
  return { consumerId: c.id, businessUnitId: c.businessUnitId, ...(next.status ? { status: next.status } : {}), days: next.days, bogusJobDate: next.bogusJobDate === true }
}

/** Back to the generated health, for one consumer or (no id) all of them. */
export function clearHealth(state: SimState, consumerId?: number): void {
  if (consumerId === undefined) state.healthOverrides.clear()
  else state.healthOverrides.delete(consumerId)
}

/**
 * `POST /_sim/health` body (keys already lower-cased): a plant, or `{"clear": true}`
 * with an optional consumerId to undo.
 */
export function handleHealthRequest(state: SimState, body: Body): unknown {
  if (!isObject(body)) throw invalid('The body must be a JSON object.')
  const id = body.consumerid
  if (body.clear === true) {
    if (id !== undefined && !Number.isInteger(id)) throw invalid("'consumerId' must be an integer.")
    clearHealth(state, id as number | undefined)
    return { cleared: id ?? 'all' }
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
  if (id !== undefined && typeof id !== 'number') throw invalid("'consumerId' must be an integer.")
  return plantHealth(state, {
    ...(id !== undefined ? { consumerId: id } : {}),
    ...(body.consumername !== undefined ? { consumerName: str(body.consumername) ?? '' } : {}),
    ...(body.status !== undefined ? { status: (typeof body.status === 'string' ? body.status.toLowerCase() : body.status) as PlantedStatus } : {}),
    ...(body.days !== undefined ? { days: body.days as number } : {}),
    ...(body.bogusjobdate !== undefined ? { bogusJobDate: body.bogusjobdate as boolean } : {})
  })
}
