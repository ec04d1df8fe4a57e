/**
 * A counting semaphore: at most `max` holders at once, the rest wait in line. The client
 * holds one slot per attempt, so that thousands of concurrent calls queue for a few sockets
 * instead of running the process out of file descriptors.
 */

/** What {@link createLimiter} returns. */
export interface Limiter {
  /** Waits for a free slot. Rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Frees the slot taken by a settled {@link Limiter.acquire}. */
  release(): void;
}

/** Creates a {@link Limiter} with `max` slots. */
export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (active < max) {
        active++;
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          waiting.splice(waiting.indexOf(grant), 1);
          reject(signal?.reason);
        };
        const grant = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        waiting.push(grant);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    release() {
      const next = waiting.shift();
      // The slot passes straight to the next in line, so `active` stays as it is.
      if (next) next();
      else active--;
    },
  };
}
