/**
 * Creates whose answer was lost (issue 14). A POST is never sent twice by the client: if the
 * connection drops or times out after the request went out, the portal may or may not have
 * acted. Rather than report a bare connection error (and invite a retry that would make a
 * duplicate), these helpers ask the portal: they re-read the parent and look for the new object
 * by name, among those that were not there before. The outcome is then "created" (the object is
 * returned as if the answer had arrived) or "not created" (a clear error saying nothing changed);
 * only if the re-read fails too is it "unknown", and the message says to sync before retrying.
 *
 * Deletes need no help here: a DELETE retried into 404 after a lost answer is a success
 * (cloutility/api.ts).
 */
import { DeskError } from '../../shared/errors'
import { CloutilityError, type BusinessUnit, type BusinessUnitInput, type CloutilityClient, type Consumer, type ConsumerInput, type Node, type NodeInput } from '../cloutility'

/** Failures to connect at all: the request never reached the portal. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

/** True when the request may have been acted on although no answer came back. */
export function answerMayBeLost(error: unknown): boolean {
  if (!(error instanceof CloutilityError) || error.kind !== 'network') return false
  const code = typeof error.details?.code === 'string' ? error.details.code : undefined
  if (code !== undefined && (NOT_SENT.has(code) || /CERT|TLS|SELF_SIGNED/.test(code))) return false
  return true
}

export type CreateOutcome<T> = { value: T; recovered: boolean }

/**
 * Runs `create`; when its answer is lost, finds out with `reread` whether it landed. `known` are
 * the ids with that name that existed before (an object found among them is not ours).
 */
async function createChecked<T extends { id: number; name?: string | null | undefined }>(
  what: string,
  name: string,
  create: () => Promise<T>,
  reread: () => Promise<T[]>,
  known: ReadonlySet<number>
): Promise<CreateOutcome<T>> {
  try {
    return { value: await create(), recovered: false }
  } catch (error) {
    if (!answerMayBeLost(error)) throw error
    let current: T[]
    try {
      current = await reread()
    } catch {
      throw new DeskError(
        'network',
        `The portal's answer to creating ${what} "${name}" was lost, and the portal could not be asked whether it was created. Sync before trying again, so it is not created twice.`,
        { outcome: 'unknown', name }
      )
    }
    const fresh = current.filter((item) => !known.has(item.id))
    const landed = fresh.find((item) => item.name === name) ?? fresh.find((item) => item.name?.toLowerCase() === name.toLowerCase())
    if (landed) return { value: landed, recovered: true }
    throw new DeskError(
      'network',
      `The portal's answer was lost and ${what} "${name}" was not created (checked on the portal). Nothing changed; you can try again.`,
      { outcome: 'not-created', name }
    )
  }
}

/** Creates a consumption unit; a lost answer is resolved by listing the unit's consumers. */
export function createConsumerChecked(
  client: CloutilityClient,
  bunitId: number,
  input: ConsumerInput,
  known: ReadonlySet<number>
): Promise<CreateOutcome<Consumer>> {
  return createChecked(
    'the consumption unit',
    input.name,
    () => client.consumers.create(bunitId, input),
    () => client.consumers.list(bunitId),
    known
  )
}

/** Creates a business unit; a lost answer is resolved by listing the parent's children. */
export function createUnitChecked(
  client: CloutilityClient,
  parentId: number,
  input: BusinessUnitInput,
  known: ReadonlySet<number>
): Promise<CreateOutcome<BusinessUnit>> {
  return createChecked('the business unit', input.name, () => client.bunits.create(parentId, input), () => client.bunits.children(parentId), known)
}

/**
 * Creates a consumer's node (one per consumer); a lost answer is resolved by reading the node.
 * Call only when the consumer had no node before (the callers check).
 */
export async function createNodeChecked(client: CloutilityClient, bunitId: number, consumerId: number, input: NodeInput): Promise<CreateOutcome<Node>> {
  try {
    return { value: await client.nodes.create(bunitId, consumerId, input), recovered: false }
  } catch (error) {
    if (!answerMayBeLost(error)) throw error
    let node: Node | null
    try {
      node = await client.nodes.get(bunitId, consumerId)
    } catch {
      throw new DeskError(
        'network',
        "The portal's answer to creating the node was lost, and the portal could not be asked whether it was created. Sync before trying again.",
        { outcome: 'unknown' }
      )
    }
    if (node) return { value: node, recovered: true }
    throw new DeskError('network', "The portal's answer was lost and the node was not created (checked on the portal). Nothing changed; you can try again.", {
      outcome: 'not-created'
    })
  }
}
