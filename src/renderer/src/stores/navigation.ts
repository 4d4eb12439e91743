/**
 * Where each account's estate page is, with a back stack per account. Anything (the header
 * search, the command palette, a link in a page) calls `go(accountId, route)` — or the
 * `openUnit` / `openConsumer` shorthands — and the estate view renders `routeFor(accountId)`.
 * Going to an item of another account switches to that account first.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useAccountsStore } from './accounts'

export type Route =
  | { name: 'home' }
  | { name: 'reference' }
  | { name: 'unit'; bunitId: number }
  | { name: 'unit-create'; parentId: number }
  | { name: 'unit-edit'; bunitId: number }
  | { name: 'bulk'; bunitId: number }
  | { name: 'consumer'; bunitId: number; consumerId: number }
  /** With consumerId: add a node to that existing consumer (the wizard resumes at the node steps). */
  | { name: 'consumer-create'; bunitId: number; consumerId?: number }
  | { name: 'consumer-edit'; bunitId: number; consumerId: number }
  | { name: 'activate'; bunitId: number; consumerId: number }
  | { name: 'node-password'; bunitId: number; consumerId: number }

const HOME: Route = { name: 'home' }
const MAX_BACK = 50

function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The unit a route is about, if any (for exports and the tree's selection). */
export function unitOfRoute(route: Route): number | null {
  if ('bunitId' in route) return route.bunitId
  if (route.name === 'unit-create') return route.parentId
  return null
}

export const useNavigationStore = defineStore('navigation', () => {
  const routes = ref<Record<string, Route>>({})
  const backStacks = ref<Record<string, Route[]>>({})
  /** Bumped on every `go`, so the shell can leave account management for the estate it opens. */
  const navigations = ref(0)

  function routeFor(accountId: string): Route {
    return routes.value[accountId] ?? HOME
  }

  function canGoBack(accountId: string): boolean {
    return (backStacks.value[accountId]?.length ?? 0) > 0
  }

  /** Shows `route` for the account; switches to that account if it is not the active one. */
  function go(accountId: string, route: Route): void {
    navigations.value++
    const current = routeFor(accountId)
    if (!sameRoute(current, route)) {
      const stack = [...(backStacks.value[accountId] ?? []), current].slice(-MAX_BACK)
      backStacks.value = { ...backStacks.value, [accountId]: stack }
      routes.value = { ...routes.value, [accountId]: route }
    }
    const accounts = useAccountsStore()
    if (accounts.state.activeAccountId !== accountId) void accounts.activate(accountId).catch(() => undefined)
  }

  /** Like go, without a back step (e.g. a wizard that finished shows what it made). */
  function replace(accountId: string, route: Route): void {
    routes.value = { ...routes.value, [accountId]: route }
    const accounts = useAccountsStore()
    if (accounts.state.activeAccountId !== accountId) void accounts.activate(accountId).catch(() => undefined)
  }

  function back(accountId: string): void {
    const stack = [...(backStacks.value[accountId] ?? [])]
    const previous = stack.pop()
    if (!previous) return
    backStacks.value = { ...backStacks.value, [accountId]: stack }
    routes.value = { ...routes.value, [accountId]: previous }
  }

  /** Opens a business unit (switching account if needed). */
  function openUnit(accountId: string, bunitId: number): void {
    return go(accountId, { name: 'unit', bunitId })
  }

  /** Opens a consumer in its unit (switching account if needed). */
  function openConsumer(accountId: string, bunitId: number, consumerId: number): void {
    return go(accountId, { name: 'consumer', bunitId, consumerId })
  }

  /**
   * Forgets pages that no longer exist: those matching `which` (e.g. a deleted unit's), or every
   * page of the account when `which` is omitted (the account was removed).
   */
  function forget(accountId: string, which?: (route: Route) => boolean): void {
    if (which) {
      const stack = (backStacks.value[accountId] ?? []).filter((r) => !which(r))
      backStacks.value = { ...backStacks.value, [accountId]: stack }
      if (which(routeFor(accountId))) routes.value = { ...routes.value, [accountId]: HOME }
      return
    }
    const drop = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([id]) => id !== accountId))
    routes.value = drop(routes.value)
    backStacks.value = drop(backStacks.value)
  }

  /** After a consumption unit was deleted: forgets its pages and shows the unit it was in. */
  function leaveDeletedConsumer(accountId: string, consumer: { id: number; bunitId: number }): void {
    forget(accountId, (r) => 'consumerId' in r && r.consumerId === consumer.id)
    go(accountId, { name: 'unit', bunitId: consumer.bunitId })
  }

  return { routes, backStacks, navigations, routeFor, canGoBack, go, replace, back, openUnit, openConsumer, forget, leaveDeletedConsumer }
})
