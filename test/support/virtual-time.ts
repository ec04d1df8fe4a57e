/**
 * A virtual clock and timer, for code that takes `now` and `sleep` (the rate limiter, waits):
 * time moves only when a test says so, and every timer due by then fires in order, each
 * given the chance to run what it started before the next, so that a minute of pacing takes
 * a millisecond.
 */

/** A sleep waiting for its time. */
interface Timer {
  at: number;
  resolve: () => void;
}

/** What {@link virtualTime} returns. */
export interface VirtualTime {
  /** The time now, in ms since the clock started at 0. */
  now: () => number;
  /** Waits `ms` of virtual time; rejects with the signal's reason if it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Moves time on by `ms`, firing every timer due by then, in order. */
  advance: (ms: number) => Promise<void>;
  /** Runs what is ready to run (promise callbacks, timers of the real event loop at 0). */
  settle: () => Promise<void>;
  /** How many sleeps are pending. */
  pending: () => number;
}

/** Creates a virtual clock, at 0. */
export function virtualTime(): VirtualTime {
  let time = 0;
  const timers: Timer[] = [];
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    now: () => time,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal?.reason);
        };
        const timer: Timer = {
          at: time + ms,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        timers.push(timer);
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
    async advance(ms) {
      const end = time + ms;
      for (;;) {
        await settle();
        let next: Timer | undefined;
        for (const timer of timers)
          if (timer.at <= end && (!next || timer.at < next.at)) next = timer;
        if (!next) break;
        timers.splice(timers.indexOf(next), 1);
        time = Math.max(time, next.at);
        next.resolve();
      }
      time = end;
      await settle();
    },
    settle,
    pending: () => timers.length,
  };
}
