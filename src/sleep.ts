/**
 * Waits `ms` milliseconds. Rejects with the signal's reason as soon as it aborts, like the
 * platform's own abortable APIs. Written here rather than taken from `node:timers/promises`
 * so that the library runs in browsers too.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
