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
  let failure: { error: unknown } | null = null
  const worker = async (): Promise<void> => {
    while (failure === null && !controller.signal.aborted) {
      const index = next++
      if (index >= items.length) return
      try {
        await task(items[index] as T, controller.signal)
      } catch (error) {
        if (failure === null) {
          failure = { error }
          controller.abort(error)
        }
        return
      }
    }
  }
  const workers = Math.max(1, Math.min(concurrency, items.length))
  await Promise.all(Array.from({ length: workers }, worker))
  if (failure !== null) throw (failure as { error: unknown }).error
  if (controller.signal.aborted) throw controller.signal.reason
}
