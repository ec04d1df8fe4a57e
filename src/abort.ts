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
