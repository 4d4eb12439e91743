/**
 * The simulator's REST API as a colleague on the portal would use it: changes made behind the
 * app's back, so its cache does not know them until the next sync; also reads of the portal's
 * truth to check what a write left behind.
 */
import { SIM, type SimProcess } from '../helpers/processes'

export interface PortalUnit {
  id: number
  name: string
  businessUnits?: PortalUnit[]
}

export interface PortalApi {
  /** One API call; throws on any answer but 2xx unless `expectStatus` names it. */
  call<T = unknown>(method: string, path: string, body?: unknown, expectStatus?: number): Promise<T>
  unit(name: string): Promise<PortalUnit>
  consumer(bunitId: number, name: string): Promise<{ id: number; name: string }>
}

export async function portalApi(sim: Pick<SimProcess, 'apiUrl'>): Promise<PortalApi> {
  const tokenResponse = await fetch(new URL('oauth', sim.apiUrl), {
    method: 'POST',
    headers: { origin: SIM.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: SIM.clientId, username: SIM.username, password: SIM.password })
  })
  if (!tokenResponse.ok) throw new Error(`signing in to the simulator answered ${tokenResponse.status}`)
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string }
  const headers = { origin: SIM.origin, authorization: `Bearer ${token}` }

  async function call<T>(method: string, path: string, body?: unknown, expectStatus?: number): Promise<T> {
    const answer = await fetch(new URL(path, sim.apiUrl), {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await answer.text()
    const ok = expectStatus === undefined ? answer.ok : answer.status === expectStatus
    if (!ok) throw new Error(`${method} ${path} answered ${answer.status}: ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  return {
    call,
    async unit(name) {
      const find = (u: PortalUnit): PortalUnit | undefined => (u.name === name ? u : (u.businessUnits ?? []).map(find).find(Boolean))
      const unit = find(await call<PortalUnit>('GET', 'bunits'))
      if (!unit) throw new Error(`no unit ${name} on the simulator`)
      return unit
    },
    async consumer(bunitId, name) {
      const { items } = await call<{ items: { id: number; name: string }[] }>('GET', `bunits/${bunitId}/consumers`)
      const consumer = items.find((c) => c.name === name)
      if (!consumer) throw new Error(`no consumer ${name} in unit ${bunitId} on the simulator`)
      return consumer
    }
  }
}
