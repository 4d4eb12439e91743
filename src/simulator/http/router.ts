/**
 * A tiny method+path router. Paths are matched case-insensitively (the .NET
 * API is), `:name` segments are captured as positive integers or strings.
 */
import type { Ctx } from './context'

export type Handler = (ctx: Ctx) => unknown
export interface RouteDef {
  method: string
  /** Path below /v1/, e.g. "bunits/:bunitId/consumers". */
  pattern: string
  handler: Handler
  /** No bearer token needed (only the OAuth endpoint). */
  anonymous?: boolean
}

interface Compiled extends RouteDef {
  regex: RegExp
  names: string[]
}

export interface Match {
  route: RouteDef
  params: Record<string, string>
}

export class Router {
  private readonly routes: Compiled[] = []

  add(def: RouteDef): void {
    const names: string[] = []
    const source = def.pattern
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          names.push(seg.slice(1))
          return '([^/]+)'
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    this.routes.push({ ...def, names, regex: new RegExp(`^${source}/?$`, 'i') })
  }

  /** A match, 'method' when the path exists under another method, or null. */
  match(method: string, path: string): Match | 'method' | null {
    let pathMatched = false
    for (const r of this.routes) {
      const m = r.regex.exec(path)
      if (!m) continue
      if (r.method !== method) {
        pathMatched = true
        continue
      }
      const params: Record<string, string> = {}
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')))
      return { route: r, params }
    }
    return pathMatched ? 'method' : null
  }
}
