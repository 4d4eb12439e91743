/**
 * The window title: the active account and the page on screen, so the taskbar and window switcher
 * say where each window is ("Reference data — Acme backups — Cloutility Desk").
 */
import type { Route } from './stores/navigation'

const APP = 'Cloutility Desk'

const PAGE_NAMES: Record<Route['name'], string> = {
  home: 'Home',
  reference: 'Reference data',
  unit: 'Business unit',
  'unit-create': 'New business unit',
  'unit-edit': 'Edit business unit',
  bulk: 'Bulk create',
  consumer: 'Consumption unit',
  'consumer-create': 'New consumption unit',
  'consumer-edit': 'Edit consumption unit',
  activate: 'Activate node',
  'node-password': 'Node password'
}

export interface TitleInput {
  /** The active account's display name, or null when there is none. */
  account: string | null
  /** A page of the shell itself (adding or managing accounts) instead of an estate route. */
  shellPage?: string | null
  route?: Route | null
  /** The unit's name for unit routes, when known. */
  unitName?: string | null
}

export function windowTitle(input: TitleInput): string {
  if (!input.account) return input.shellPage ? `${input.shellPage} — ${APP}` : APP
  let page = input.shellPage ?? null
  if (!page && input.route) {
    page = PAGE_NAMES[input.route.name]
    if (input.route.name === 'unit' && input.unitName) page = input.unitName
    else if (input.unitName && input.route.name !== 'home' && input.route.name !== 'reference') page = `${page} · ${input.unitName}`
  }
  return page ? `${page} — ${input.account} — ${APP}` : `${input.account} — ${APP}`
}
