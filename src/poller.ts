/**
 * A poller in the manner of smithy's util-waiter: each poll's value is judged into an
 * explicit state (`success`, `failure` or `retry`); delays grow from `minDelayMs` by
 * `backoff` up to `maxDelayMs`, each spread by a jitter when one is given; `maxWaitMs` bounds the whole wait, the poll under way
 * included (its request is aborted when the time is up); and a signal aborts it all.
 */
import { follow } from "./abort.js";
import { AbortError } from "./errors.js";

/** What a poll's value means. */
export type PollState<R> =
  | { state: "success"; value: R }
  | { state: "failure"; error: unknown }
  | { state: "retry" };

/** What the judge and the observer are told about a poll. */
export interface PollContext {
  /** Polls made so far, this one included. */
  polls: number;
  /** Milliseconds since polling began. */
  elapsedMs: number;
}

/** Options of {@link pollUntil}. */
export interface PollerOptions<T> {
  /** First delay between polls, in ms. */
  minDelayMs: number;
  /** Longest delay between polls, in ms. */
  maxDelayMs: number;
  /** Factor by which the delay grows after each poll. */
  backoff: number;
  /** How long the whole wait may take, in ms. */
  maxWaitMs: number;
  /** Aborts the wait; it rejects with an `AbortError` whose `cause` is the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Makes the error for a wait past `maxWaitMs`, given the last value seen. */
  timeoutError: (last: T | undefined) => unknown;
  /** Called after every poll, with the delay before the next one (absent after the last). */
  onPoll?:
    | ((value: T, context: PollContext & { nextDelayMs?: number | undefined }) => void)
    | undefined;
  /** A monotonic clock, in ms: elapsed times are measured on it. */
  now: () => number;
  /** Waits `ms`, rejecting with the signal's reason if it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Turns each delay into the one slept (jitter), so that many waits begun together do not
   * poll together. Default: each delay as it is.
   */
  spread?: ((delayMs: number) => number) | undefined;
}

/** The abort reason of the poller's own controller when `maxWaitMs` passes. */
const TIMED_OUT = Symbol("timed out");

/**
 * Calls `poll` until `judge` says `success` (resolves with its value) or `failure` (rejects
 * with its error), or the time is up (rejects with `timeoutError(last)`), or the signal
 * aborts (rejects with an `AbortError`).
 */
export async function pollUntil<T, R>(
  poll: (signal: AbortSignal) => Promise<T>,
  judge: (value: T, context: PollContext) => PollState<R>,
  options: PollerOptions<T>,
): Promise<R> {
  const { now, sleep, signal, maxWaitMs } = options;
  if (signal?.aborted) throw AbortError.from(signal);
  // Our own signal, following the caller's (one listener however many waits share it) and
  // aborted when the time is up.
  const follower = follow(signal);
  const pollSignal = follower.signal;
  const timer = setTimeout(() => follower.abort(TIMED_OUT), maxWaitMs);
  const start = now();
  let delay = Math.min(options.minDelayMs, options.maxDelayMs);
  let last: T | undefined;
  try {
    for (let polls = 1; ; polls++) {
      last = await poll(pollSignal);
      const elapsedMs = now() - start;
      const verdict = judge(last, { polls, elapsedMs });
      const remaining = maxWaitMs - elapsedMs;
      const spread = options.spread ? options.spread(delay) : delay;
      const nextDelayMs =
        verdict.state === "retry" && remaining > 0 ? Math.min(spread, remaining) : undefined;
      options.onPoll?.(last, { polls, elapsedMs, nextDelayMs });
      if (verdict.state === "success") return verdict.value;
      if (verdict.state === "failure") throw verdict.error;
      if (nextDelayMs === undefined) throw options.timeoutError(last);
      // Never sleep past the deadline: the last poll happens at it.
      await sleep(nextDelayMs, pollSignal);
      delay = Math.min(delay * options.backoff, options.maxDelayMs);
    }
  } catch (error) {
    if (signal?.aborted) throw AbortError.from(signal);
    if (pollSignal.aborted && pollSignal.reason === TIMED_OUT) {
      throw options.timeoutError(last);
    }
    throw error;
  } finally {
    follower.release();
    clearTimeout(timer);
  }
}
