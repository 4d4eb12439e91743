/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base·2^n)]. */
export function backoffMs(retryIndex: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retryIndex)
  return Math.floor(random() * ceiling)
}

/** Retry-After is either delta-seconds or an HTTP date; returns seconds (>= 0) or undefined. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined
  const v = value.trim()
  if (v.length === 0) return undefined
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v)
  const at = Date.parse(v)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, (at - nowMs) / 1000)
}

/** Resolves after ms, or rejects with `onAbort()` as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort())
    const abort = (): void => {
      clearTimeout(timer)
      reject(onAbort())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', abort, { once: true })
  })
}

/** Await a shared promise on behalf of one caller, giving up (for this caller only) when its signal aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(onAbort())
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort())
    signal.addEventListener('abort', abort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(e instanceof Error ? e : new Error(String(e)))
      }
    )
  })
}
