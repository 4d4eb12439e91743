/**
 * Reads for the estate views. Everything the views browse comes from the account's local cache
 * (so it works offline); only the audit log, filespaces, proxy candidates and name suggestions
 * need the portal, and say so when it is unreachable.
 */
import type { ConsumerDetail, UnitTreeNode } from '../cache'
import { DeskError } from '../../shared/errors'
import type { ConsumerDetailView, DomainItem, ReferenceView, SearchHit, UnitDetail } from '../../shared/ipc/estate-models'
import type { TreeNode } from '../../shared/ipc/models'
import type { SimpleBusinessUnit } from '../cloutility'
import type { Handlers } from '../ipc/dispatch'
import { live, type CoreContext } from './context'
import { renderExport } from './export-file'
import { renderHealthExport } from '../health/export'

type ReadHandlers = Pick<
  Handlers,
  | 'getTree'
  | 'getEstateStatus'
  | 'getUnit'
  | 'listConsumers'
  | 'getConsumer'
  | 'getReference'
  | 'search'
  | 'exportData'
  | 'getAuditLog'
  | 'getFilespaces'
  | 'getPossibleProxyNodes'
  | 'suggestNodeName'
>

const AUDIT_TYPE_NAMES: Record<number, string> = { 0: 'Info', 100: 'Create', 200: 'Modify', 300: 'Delete', 400: 'Error' }

export function estateReadHandlers(ctx: CoreContext): ReadHandlers {
  const cacheOf = (accountId: string) => {
    ctx.store.require(accountId)
    return ctx.estates.get(accountId).cache
  }

  return {
    getTree: async ({ accountId }) => {
      const cache = cacheOf(accountId)
      const meta = cache.meta()
      // A first sync stores the tree before anything else (issue 14): show it from the cache.
      const stored = meta.lastSyncedAt !== null || meta.partialSync === 'consumers' || meta.partialSync === 'nodes'
      const [root] = stored ? cache.treeNested() : []
      if (root) return { accountId, portalVersion: meta.portalVersion, root: fromCacheTree(root), source: 'cache', syncedAt: meta.lastSyncedAt }
      // Nothing synced yet: show the live tree while the first sync runs.
      const tree = await live(ctx, accountId, (client) => client.bunits.tree())
      return {
        accountId,
        portalVersion: ctx.session(accountId).state.portalVersion ?? null,
        root: fromLiveTree(tree, null),
        source: 'live',
        syncedAt: null
      }
    },

    getEstateStatus: async ({ accountId }) => {
      ctx.store.require(accountId)
      return ctx.estates.get(accountId).status()
    },

    getUnit: async ({ accountId, bunitId }) => {
      const cache = cacheOf(accountId)
      const row = cache.unit(bunitId)
      if (!row) throw new DeskError('not-found', `Business unit ${bunitId} is not in the local copy of this estate. Sync to refresh it.`)
      const children = cache.tree().filter((u) => u.parentId === bunitId)
      const detail: UnitDetail = {
        id: row.id,
        parentId: row.parentId,
        name: row.name,
        path: row.path,
        registrationNumber: row.registrationNumber,
        // As last seen (sync or a visit while online): the page shows them offline too.
        note: row.note,
        timeZone: row.timeZoneId !== null ? { id: row.timeZoneId, name: row.timeZoneName ?? `Time zone ${row.timeZoneId}` } : null,
        children: children.map((c) => ({ id: c.id, name: c.name, consumerCount: c.totalConsumerCount })),
        consumerCount: row.consumerCount,
        totalConsumerCount: row.totalConsumerCount
      }
      // Time zone and note are only in the unit's own detail: fetch it when the portal is there.
      if (ctx.session(accountId).state.status === 'signed-in') {
        try {
          const unit = await live(ctx, accountId, (client) => client.bunits.get(bunitId))
          detail.note = unit.note ?? null
          detail.registrationNumber = unit.registrationNumber ?? detail.registrationNumber
          if (unit.timeZone && typeof unit.timeZone.id === 'number') {
            detail.timeZone = { id: unit.timeZone.id, name: unit.timeZone.name || `Time zone ${unit.timeZone.id}` }
          }
          cache.rememberUnitDetails(bunitId, {
            registrationNumber: detail.registrationNumber,
            note: detail.note,
            timeZoneId: detail.timeZone?.id ?? null,
            timeZoneName: detail.timeZone?.name ?? null
          })
        } catch (error) {
          if (!(error instanceof DeskError) || !['network', 'not-found', 'forbidden'].includes(error.kind)) throw error
        }
      }
      return detail
    },

    listConsumers: async ({ accountId, bunitId, includeDescendants }) =>
      cacheOf(accountId).consumers({ bunitId, includeDescendants, sort: 'name' }),

    getConsumer: async ({ accountId, consumerId }) => consumerView(cacheOf(accountId).consumer(consumerId), consumerId),

    getReference: async ({ accountId }) => referenceView(cacheOf(accountId).reference()),

    search: async ({ query, limit }) => {
      if (query.trim() === '') return []
      const hits: (SearchHit & { rank: number })[] = []
      for (const account of ctx.store.list()) {
        const estate = ctx.estates.get(account.id)
        for (const hit of estate.cache.search(query, { limit })) {
          hits.push({
            accountId: account.id,
            accountName: account.displayName,
            kind: hit.kind,
            id: hit.id,
            name: hit.name,
            path: hit.path,
            bunitId: hit.bunitId ?? hit.id,
            consumerId: hit.kind === 'bunit' ? null : hit.id,
            matched: hit.field,
            rank: hit.rank
          })
        }
      }
      return hits
        .sort((a, b) => a.rank - b.rank)
        .slice(0, limit)
        .map(({ rank: _rank, ...hit }) => hit)
    },

    exportData: async (input) => {
      if (input.scope === 'health' || input.scope === 'usage') return renderHealthExport(ctx, { ...input, scope: input.scope })
      const account = ctx.store.require(input.accountId)
      return renderExport(cacheOf(input.accountId), account, { ...input, scope: input.scope })
    },

    getAuditLog: async ({ accountId, bunitId, consumerId, ...query }) => {
      const page = await live(ctx, accountId, (client) =>
        consumerId === undefined ? client.bunits.auditLogs(bunitId, query) : client.consumers.auditLogs(bunitId, consumerId, query)
      )
      const offset = page.offset ?? query.offset
      return {
        total: page.total ?? offset + page.items.length,
        offset,
        items: page.items.map((entry, index) => ({
          id: typeof entry.id === 'number' ? entry.id : offset + index,
          time: entry.time ?? entry.timestamp ?? entry.createdDate ?? null,
          type: entry.type ?? null,
          typeName: entry.typeName ?? AUDIT_TYPE_NAMES[entry.type ?? -1] ?? 'Other',
          message: entry.message ?? entry.description ?? '',
          user: (typeof entry.user === 'string' ? entry.user : entry.user?.name) ?? entry.userName ?? null
        }))
      }
    },

    getFilespaces: async ({ accountId, bunitId, consumerId, tsmSync }) => {
      const list = await live(ctx, accountId, (client) => client.nodes.filespaces(bunitId, consumerId, { tsmSync }))
      return list.map((fs) => ({
        id: fs.id,
        name: fs.name ?? `Filespace ${fs.id}`,
        type: fs.type ?? null,
        capacityMegaBytes: fs.capacityMegaBytes ?? null,
        percentageUtilized: fs.percentageUtilized ?? null,
        lastBackupStart: fs.lastBackupStart ?? null,
        lastBackupEnd: fs.lastBackupEnd ?? null
      }))
    },

    getPossibleProxyNodes: async ({ accountId, bunitId, consumerId }) => {
      const nodes = await live(ctx, accountId, (client) => client.nodes.possibleProxyNodes(bunitId, consumerId))
      const cache = cacheOf(accountId)
      return nodes.flatMap((node) => {
        const peerId = node.consumer?.id
        if (typeof peerId !== 'number') return []
        const cached = cache.consumer(peerId)?.consumer
        return [
          {
            consumerId: peerId,
            bunitId: cached?.bunitId ?? bunitId,
            consumerName: cached?.name ?? node.consumer?.name ?? node.name ?? `Consumer ${peerId}`,
            tsmName: node.tsmName ?? cached?.tsmName ?? null
          }
        ]
      })
    },

    suggestNodeName: async ({ accountId, bunitId, consumerId }) =>
      live(ctx, accountId, (client) => client.nodes.suggestName(bunitId, consumerId))
  }
}

export function consumerView(detail: ConsumerDetail | null, consumerId: number): ConsumerDetailView {
  if (!detail) throw new DeskError('not-found', `Consumer ${consumerId} is not in the local copy of this estate. Sync to refresh it.`)
  return { consumer: detail.consumer, proxyAgents: detail.proxyAgents, proxyTargets: detail.proxyTargets }
}

function referenceView(lists: ReturnType<import('../cache').EstateCache['reference']>): ReferenceView {
  const plain = ({ raw: _raw, ...item }: { raw?: unknown; id: number; name: string; shortName?: string | null; description?: string | null }) => item
  const domains: DomainItem[] = lists.domains.map((d) => {
    const raw = (d.raw ?? {}) as { backupRetention?: unknown; archiveRetention?: unknown }
    return {
      ...plain(d),
      backupRetention: typeof raw.backupRetention === 'number' ? raw.backupRetention : null,
      archiveRetention: typeof raw.archiveRetention === 'number' ? raw.archiveRetention : null
    }
  })
  return {
    defaultServer: lists.defaultServer ? plain(lists.defaultServer) : null,
    domains,
    optionSets: lists.optionSets.map(plain),
    operatingSystems: lists.operatingSystems.map((os) => ({ ...plain(os), supportedNodeTypeIds: os.supportedNodeTypeIds })),
    nodeTypes: lists.nodeTypes.map(plain),
    timeZones: lists.timeZones.map(plain)
  }
}

function fromCacheTree(node: UnitTreeNode): TreeNode {
  return {
    id: node.id,
    parentId: node.parentId,
    name: node.name,
    consumerCount: node.consumerCount,
    totalConsumerCount: node.totalConsumerCount,
    children: node.children.map(fromCacheTree)
  }
}

function fromLiveTree(unit: SimpleBusinessUnit, parentId: number | null): TreeNode {
  return {
    id: unit.id,
    parentId,
    name: unit.name,
    consumerCount: 0,
    totalConsumerCount: 0,
    children: (unit.businessUnits ?? []).map((child) => fromLiveTree(child, unit.id))
  }
}
