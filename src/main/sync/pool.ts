/**
 * A small worker pool: at most `concurrency` tasks run at once. The first failure stops the
 * pool from starting new tasks and aborts the shared signal so the tasks already running give
 * up quickly; `runPool` settles only when every started task has settled (nothing is left in
 * flight behind the caller's back) and then rejects with that first failure.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  controller: AbortController,
  task: (item: T, signal: AbortSignal) => Promise<void>
): Promise<void> {
  let next = 0
  const source = (): T | undefined => (next < items.length ? items[next++] : undefined)
  return runPoolFrom(source, Math.min(concurrency, items.length), controller, task)
}

/**
 * The same pool over a source pulled one item at a time (undefined = no more), so the caller
 * can page items in from storage instead of holding them all.
 */
export async function runPoolFrom<T>(
  source: () => T | undefined,
  concurrency: number,
  controller: AbortController,
  task: (item: T, signal: AbortSignal) => Promise<void>
): Promise<void> {
  let failure: { error: unknown } | null = null
  const worker = async (): Promise<void> => {
    while (failure === null && !controller.signal.aborted) {
      try {
        const item = source()
        if (item === undefined) return
        await task(item, controller.signal)
      } catch (error) {
        if (failure === null) {
          failure = { error }
          controller.abort(error)
        }
        return
      }
    }
  }
  const workers = Math.max(1, concurrency)
  await Promise.all(Array.from({ length: workers }, worker))
  if (failure !== null) throw (failure as { error: unknown }).error
  if (controller.signal.aborted) throw controller.signal.reason
}
