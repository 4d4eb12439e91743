/**
 * Writes: each goes through the client (refused early, with the reason, when the portal is
 * unreachable), then the account's cache is updated from the API's answer, without a full sync,
 * and every renderer is told to re-read.
 */
import { randomInt } from 'node:crypto'
import { bunitFromApi, consumerFromApi, nodeFromApi } from '../sync'
import type { CloutilityClient, Node } from '../cloutility'
import { DeskError } from '../../shared/errors'
import { validateNodeName } from '../../shared/node-name'
import type { ActivationResult, ConsumerDetailView, UnitDetail } from '../../shared/ipc/estate-models'
import type { Handlers } from '../ipc/dispatch'
import { assertWritable, live, type CoreContext } from './context'
import { consumerView } from './estate-read-handlers'
import { createConsumerChecked, createNodeChecked, createUnitChecked } from './lost-answers'

type WriteHandlers = Pick<
  Handlers,
  | 'startSync'
  | 'cancelSync'
  | 'createUnit'
  | 'updateUnit'
  | 'deleteUnit'
  | 'createConsumer'
  | 'updateConsumer'
  | 'deleteConsumer'
  | 'createNode'
  | 'updateNode'
  | 'deleteNode'
  | 'activateNode'
  | 'setNodePassword'
  | 'addProxy'
  | 'removeProxy'
>

/** A password the IBM Storage Protect server accepts: 20 characters from an unambiguous alphabet. */
export function generateNodePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  return Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join('')
}

/**
 * Activates a node and gives it a fresh password that we know, so it can be shown once: the
 * client deliberately never keeps a password the portal echoes back.
 */
export async function activateOnPortal(
  client: CloutilityClient,
  bunitId: number,
  consumerId: number,
  tsmName: string
): Promise<{ node: Node; tsmName: string; password: string }> {
  let activatedAs: string
  try {
    activatedAs = (await client.nodes.activate(bunitId, consumerId, tsmName)) || tsmName
  } catch (error) {
    // Put the portal's reason next to the name field.
    if (error instanceof DeskError && (error.kind === 'conflict' || error.kind === 'validation')) {
      throw new DeskError(error.kind, error.message, { ...error.details, fields: { tsmName: error.message } })
    }
    throw error
  }
  const password = generateNodePassword()
  const node = await client.nodes.setPassword(bunitId, consumerId, password)
  return { node, tsmName: node.tsmName ?? activatedAs, password }
}

/**
 * Runs a delete. A retry after a lost answer that finds nothing is already a success (api.ts);
 * a plain 404 means someone else removed it: the local copy drops it too, and the user is told.
 */
async function goneFromCacheIfMissing(del: () => Promise<void>, drop: () => void, what: string): Promise<void> {
  try {
    await del()
  } catch (error) {
    if (!(error instanceof DeskError && error.kind === 'not-found')) throw error
    drop()
    throw new DeskError('not-found', `That ${what} was already gone from the portal; it is removed from the local copy too.`, { ...error.details, removedLocally: true })
  }
}

export function estateWriteHandlers(ctx: CoreContext, sync: { start(accountId: string): void; cancel(accountId: string): void }): WriteHandlers {
  /** Runs a write for an account: guard, call, then cache update and an estateChanged push. */
  async function write<T>(accountId: string, call: (client: CloutilityClient) => Promise<T>): Promise<T> {
    ctx.store.require(accountId)
    assertWritable(ctx, accountId)
    try {
      return await live(ctx, accountId, call)
    } finally {
      ctx.publishEstate(accountId)
    }
  }
  const cache = (accountId: string) => ctx.estates.get(accountId).cache
  const detail = (accountId: string, consumerId: number): ConsumerDetailView => consumerView(cache(accountId).consumer(consumerId), consumerId)

  /**
   * Stores a node the API returned, and re-reads its consumer: on the portal a consumer's state
   * follows its node (new → active on activation), so the cached row must too.
   */
  async function storeNode(client: CloutilityClient, accountId: string, bunitId: number, consumerId: number, node: Node): Promise<void> {
    cache(accountId).upsertNode(nodeFromApi(consumerId, node))
    const consumer = await client.consumers.get(bunitId, consumerId)
    cache(accountId).upsertConsumer(consumerFromApi(bunitId, consumer))
  }

  /** The unit as the cache now knows it, with what the API just told us. */
  function unitDetail(accountId: string, unit: { id: number; note?: string | undefined; timeZone?: { id?: number | undefined; name?: string | undefined } | undefined }): UnitDetail {
    const row = cache(accountId).unit(unit.id)
    if (!row) throw new DeskError('internal', 'The unit was saved but could not be read back from the cache')
    const children = cache(accountId).tree().filter((u) => u.parentId === unit.id)
    return {
      id: row.id,
      parentId: row.parentId,
      name: row.name,
      path: row.path,
      registrationNumber: row.registrationNumber,
      note: unit.note ?? null,
      timeZone: unit.timeZone && typeof unit.timeZone.id === 'number' ? { id: unit.timeZone.id, name: unit.timeZone.name ?? '' } : null,
      children: children.map((c) => ({ id: c.id, name: c.name, consumerCount: c.totalConsumerCount })),
      consumerCount: row.consumerCount,
      totalConsumerCount: row.totalConsumerCount
    }
  }

  async function activate(accountId: string, bunitId: number, consumerId: number, requestedName: string): Promise<ActivationResult> {
    const checked = validateNodeName(requestedName)
    if (!checked.ok) throw new DeskError('validation', checked.reason, { fields: { tsmName: checked.reason } })
    const taken = cache(accountId)
      .consumers({})
      .find((c) => c.tsmName?.toUpperCase() === checked.normalized && c.id !== consumerId)
    if (taken) {
      const message = `The node name ${checked.normalized} is already used by ${taken.name}.`
      throw new DeskError('conflict', message, { fields: { tsmName: message } })
    }
    return write(accountId, async (client) => {
      const result = await activateOnPortal(client, bunitId, consumerId, checked.normalized)
      await storeNode(client, accountId, bunitId, consumerId, result.node)
      return { tsmName: result.tsmName, password: result.password }
    })
  }

  return {
    startSync: async ({ accountId }) => {
      ctx.store.require(accountId)
      assertWritable(ctx, accountId)
      sync.start(accountId)
    },

    cancelSync: async ({ accountId }) => {
      ctx.store.require(accountId)
      sync.cancel(accountId)
    },

    createUnit: async ({ accountId, parentId, ...input }) =>
      write(accountId, async (client) => {
        // A lost answer is resolved by re-reading the parent's children (lost-answers.ts).
        const known = new Set(cache(accountId).tree().filter((u) => u.parentId === parentId).map((u) => u.id))
        const { value: unit } = await createUnitChecked(client, parentId, input, known)
        cache(accountId).upsertBunit(bunitFromApi(unit, parentId))
        return unitDetail(accountId, unit)
      }),

    updateUnit: async ({ accountId, bunitId, ...input }) =>
      write(accountId, async (client) => {
        const unit = await client.bunits.update(bunitId, input)
        const parentId = cache(accountId).unit(bunitId)?.parentId ?? null
        cache(accountId).upsertBunit(bunitFromApi(unit, parentId))
        return unitDetail(accountId, unit)
      }),

    deleteUnit: async ({ accountId, bunitId }) =>
      write(accountId, async (client) => {
        await goneFromCacheIfMissing(() => client.bunits.delete(bunitId), () => cache(accountId).deleteBunit(bunitId), 'business unit')
        cache(accountId).deleteBunit(bunitId)
      }),

    createConsumer: async ({ accountId, bunitId, name, note, node, activateAs }) => {
      const consumer = await write(accountId, async (client) => {
        // A lost answer is resolved by re-reading the unit's consumers (lost-answers.ts).
        const known = new Set(cache(accountId).consumers({ bunitId }).map((c) => c.id))
        const { value: created } = await createConsumerChecked(client, bunitId, { name, ...(note ? { note } : {}) }, known)
        cache(accountId).upsertConsumer(consumerFromApi(bunitId, created))
        return created
      })
      // Later steps fail on their own: the consumer stays created and the wizard resumes from there.
      if (node) {
        await write(accountId, async (client) => storeNode(client, accountId, bunitId, consumer.id, (await createNodeChecked(client, bunitId, consumer.id, node)).value))
      }
      const activation = node && activateAs ? await activate(accountId, bunitId, consumer.id, activateAs) : undefined
      return { ...detail(accountId, consumer.id), ...(activation ? { activation } : {}) }
    },

    updateConsumer: async ({ accountId, bunitId, consumerId, ...input }) =>
      write(accountId, async (client) => {
        const updated = await client.consumers.update(bunitId, consumerId, input)
        cache(accountId).upsertConsumer(consumerFromApi(bunitId, updated))
        return detail(accountId, consumerId)
      }),

    deleteConsumer: async ({ accountId, bunitId, consumerId, deleteAssociations, deletionComment }) =>
      write(accountId, async (client) => {
        await goneFromCacheIfMissing(
          () => client.consumers.delete(bunitId, consumerId, { deleteAssociations, ...(deletionComment ? { deletionComment } : {}) }),
          () => cache(accountId).deleteConsumer(consumerId),
          'consumption unit'
        )
        cache(accountId).deleteConsumer(consumerId)
      }),

    createNode: async ({ accountId, bunitId, consumerId, ...input }) =>
      write(accountId, async (client) => {
        await storeNode(client, accountId, bunitId, consumerId, (await createNodeChecked(client, bunitId, consumerId, input)).value)
        return detail(accountId, consumerId)
      }),

    updateNode: async ({ accountId, bunitId, consumerId, ...input }) =>
      write(accountId, async (client) => {
        await storeNode(client, accountId, bunitId, consumerId, await client.nodes.update(bunitId, consumerId, input))
        return detail(accountId, consumerId)
      }),

    deleteNode: async ({ accountId, bunitId, consumerId }) =>
      write(accountId, async (client) => {
        // The portal removes the consumption unit together with its node.
        await goneFromCacheIfMissing(
          () => client.nodes.delete(bunitId, consumerId, { deleteAssociations: true }),
          () => cache(accountId).deleteConsumer(consumerId),
          'node'
        )
        cache(accountId).deleteConsumer(consumerId)
      }),

    activateNode: async ({ accountId, bunitId, consumerId, tsmName }) => activate(accountId, bunitId, consumerId, tsmName),

    setNodePassword: async ({ accountId, bunitId, consumerId, password }) =>
      write(accountId, async (client) => {
        const chosen = password ?? generateNodePassword()
        await storeNode(client, accountId, bunitId, consumerId, await client.nodes.setPassword(bunitId, consumerId, chosen))
        return { password: chosen }
      }),

    addProxy: async ({ accountId, bunitId, agentConsumerId, targetConsumerId, from }) =>
      write(accountId, async (client) => {
        if (from === 'target') await client.nodes.addProxyAgent(bunitId, targetConsumerId, agentConsumerId)
        else await client.nodes.addProxyTarget(bunitId, agentConsumerId, targetConsumerId)
        cache(accountId).addProxyRelation(agentConsumerId, targetConsumerId)
        return detail(accountId, from === 'target' ? targetConsumerId : agentConsumerId)
      }),

    removeProxy: async ({ accountId, bunitId, agentConsumerId, targetConsumerId, from }) =>
      write(accountId, async (client) => {
        if (from === 'target') await client.nodes.removeProxyAgent(bunitId, targetConsumerId, agentConsumerId)
        else await client.nodes.removeProxyTarget(bunitId, agentConsumerId, targetConsumerId)
        cache(accountId).removeProxyRelation(agentConsumerId, targetConsumerId)
        return detail(accountId, from === 'target' ? targetConsumerId : agentConsumerId)
      })
  }
}
