/**
 * Racing a promise against an abort signal. Node 20's fetch can stay pending for good on a
 * corrupt gzip body, deaf to its signal; racing it here means the caller is released when the
 * signal fires, whatever the promise does.
 */

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts. The one
 * listener it adds is removed when either settles.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {}); // Settles later; nobody is waiting for it any more.
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** What {@link follow} returns. */
export interface Follower {
  /** Aborts when the followed signal does, with its reason, or when {@link Follower.abort} is called. */
  signal: AbortSignal;
  /** Aborts our signal (a deadline, say) without touching the followed one. */
  abort(reason: unknown): void;
  /** Stops following; call it when the work settles. */
  release(): void;
}

/** Everything following one caller's signal, and how to remove the one listener. */
interface Followed {
  aborts: Set<(reason: unknown) => void>;
  detach: () => void;
}

const followed = new WeakMap<AbortSignal, Followed>();

/**
 * A signal of our own that follows `signal`. However many concurrent calls follow one
 * caller's signal, it gets a single listener, removed when the last of them is released:
 * no `MaxListenersExceededWarning`, and, unlike `AbortSignal.any` on Node 20, nothing kept
 * alive on a long-lived signal once the calls have settled.
 */
export function follow(signal: AbortSignal | undefined): Follower {
  const controller = new AbortController();
  const abort = (reason: unknown) => controller.abort(reason);
  if (!signal || signal.aborted) {
    if (signal) controller.abort(signal.reason);
    return { signal: controller.signal, abort, release: () => {} };
  }
  let entry = followed.get(signal);
  if (!entry) {
    const aborts = new Set<(reason: unknown) => void>();
    const onAbort = () => {
      followed.delete(signal);
      for (const abort of aborts) abort(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    entry = {
      aborts,
      detach: () => {
        signal.removeEventListener("abort", onAbort);
        followed.delete(signal);
      },
    };
    followed.set(signal, entry);
  }
  const { aborts, detach } = entry;
  aborts.add(abort);
  return {
    signal: controller.signal,
    abort,
    release() {
      aborts.delete(abort);
      if (aborts.size === 0) detach();
    },
  };
}
