/**
 * Waiting for a scene summarisation to end, on {@link pollUntil}: the statuses judged into
 * the poller's states, with the SDK's errors for each way a wait can end badly. Both API
 * generations' `wait` use it. A status the pages do not name is not terminal: the wait goes on
 * until a terminal one, or its limit.
 */
import {
  InvalidInputError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryNotRegisteredError,
  SceneSummaryNotRequestedError,
  WaitTimeoutError,
} from "./errors.js";
import type { WaitProgress } from "./hooks.js";
import { optionalDuration } from "./options.js";
import { type PollState, pollUntil } from "./poller.js";
import { type SceneSummaryStatus, sceneCount } from "./types.js";

export type { WaitProgress } from "./hooks.js";

/** Polling faster than this only spends the gateway's rate limit. */
const MIN_POLL_INTERVAL_MS = 1_000;

/**
 * How far a poll's delay is spread, as a share of it: within 10% either way, kept between
 * `intervalMs` and `maxIntervalMs`. Waits begun together drift apart, poll after poll, instead
 * of polling in step.
 */
const POLL_JITTER = 0.2;

/** Options of a wait. */
export interface WaitOptions {
  /**
   * First delay between polls, in ms: at least 1,000. Default 5,000. Grows by half after
   * each poll. Each delay is spread by up to 10% either way (never below this, nor above
   * `maxIntervalMs`), so that many waits do not poll in step.
   */
  intervalMs?: number | undefined;
  /** Longest delay between polls, in ms. Default 30,000. */
  maxIntervalMs?: number | undefined;
  /**
   * Gives up after this long, in ms, with a {@link WaitTimeoutError}. Default 30 minutes.
   * It bounds the whole wait: a poll under way when it passes is aborted.
   */
  maxWaitMs?: number | undefined;
  /**
   * The wait's overall limit, as {@link WaitOptions.maxWaitMs}.
   * @deprecated Since 0.2.0: use `maxWaitMs` (`timeoutMs` means one attempt on every call).
   */
  timeoutMs?: number | undefined;
  /**
   * How long `BEFORE_SUMMARIZE` is tolerated, in ms, in case a request has not registered yet.
   * Default 30,000. Past it the wait rejects with {@link SceneSummaryNotRequestedError}; or,
   * where a request is known to have been accepted (`summarize`, whose status still shows the
   * run from before its request; an index-based run, named by its request id), with
   * {@link SceneSummaryNotRegisteredError}.
   */
  notRequestedGraceMs?: number | undefined;
  /** Aborts the wait; it rejects with an `AbortError` whose `cause` is the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called after every poll. */
  onProgress?: ((progress: WaitProgress) => void) | undefined;
}

/** Clock, timer and hook, given by the client. */
export interface WaitDependencies {
  /** A monotonic clock, in ms. */
  now: () => number;
  /** Waits `ms`, rejecting with the signal's reason if it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random number in [0, 1), to spread each poll's delay; without it, delays are exact. */
  random?: (() => number) | undefined;
  /** The client's `onPoll` hook. */
  onPoll?: ((info: WaitProgress) => void) | undefined;
}

/** What `summarize` adds to a wait. */
export interface StaleCheck {
  /**
   * Whether a status is still the one from before our request (not registered yet): such a
   * status is waited past, within the grace period, and then is a
   * {@link SceneSummaryNotRegisteredError}.
   */
  isStale?: ((status: SceneSummaryStatus) => boolean) | undefined;
}

/** The checked settings of a wait. */
export interface WaitSettings {
  intervalMs: number;
  maxIntervalMs: number;
  maxWaitMs: number;
  graceMs: number;
}

/** Checks wait options before anything is sent, so that a bad one fails at once. */
export function checkWaitOptions(options: WaitOptions = {}): WaitSettings {
  const intervalMs = optionalDuration(options.intervalMs, 5_000, "intervalMs");
  const maxIntervalMs = optionalDuration(options.maxIntervalMs, 30_000, "maxIntervalMs");
  for (const [name, value] of [
    ["intervalMs", intervalMs],
    ["maxIntervalMs", maxIntervalMs],
  ] as const) {
    if (value < MIN_POLL_INTERVAL_MS) {
      throw new InvalidInputError(
        name,
        `must be at least ${MIN_POLL_INTERVAL_MS} ms, got ${value}: polling faster only spends the rate limit`,
      );
    }
  }
  if (options.maxWaitMs !== undefined && options.timeoutMs !== undefined) {
    throw new InvalidInputError(
      "timeoutMs",
      "is the deprecated name of maxWaitMs: give one of them",
    );
  }
  return {
    intervalMs,
    maxIntervalMs,
    maxWaitMs: optionalDuration(
      options.maxWaitMs ?? options.timeoutMs,
      30 * 60_000,
      options.maxWaitMs === undefined && options.timeoutMs !== undefined
        ? "timeoutMs"
        : "maxWaitMs",
    ),
    graceMs: optionalDuration(options.notRequestedGraceMs, 30_000, "notRequestedGraceMs"),
  };
}

/** What a status says of progress, as the hooks receive it. */
function progressOf(status: SceneSummaryStatus, context: { polls: number; elapsedMs: number }) {
  return {
    status: status.status,
    analyzedSceneCount: sceneCount(status.analyzedSceneCount),
    totalSceneCount: sceneCount(status.totalSceneCount),
    ...context,
  };
}

/**
 * Polls `getStatus` until the summarisation reaches a terminal status.
 *
 * @returns The `SUMMARIZE_COMPLETED` status.
 * @throws SceneSummaryFailedError on `SUMMARIZE_FAIL`, with its `statusMessage`.
 * @throws SceneSummaryCanceledError on `SUMMARIZE_CANCELED`.
 * @throws SceneSummaryNotRequestedError when `BEFORE_SUMMARIZE` outlasts the grace period.
 * @throws SceneSummaryNotRegisteredError when the status from before a request (`isStale`)
 *   outlasts it.
 * @throws WaitTimeoutError past `maxWaitMs`.
 * @throws AbortError when the signal aborts.
 * @throws MediaIntelligenceError when a poll fails after the client's retries.
 */
export async function waitForSceneSummary(
  getStatus: (signal: AbortSignal) => Promise<SceneSummaryStatus>,
  options: WaitOptions & WaitDependencies & StaleCheck,
): Promise<SceneSummaryStatus> {
  const { intervalMs, maxIntervalMs, maxWaitMs, graceMs } = checkWaitOptions(options);
  const { onProgress, onPoll, isStale } = options;

  function judge(
    status: SceneSummaryStatus,
    context: { polls: number; elapsedMs: number },
  ): PollState<SceneSummaryStatus> {
    if (isStale?.(status) === true) {
      // A status from before our request is not progress of ours: not reported. Past the
      // grace period the request has still not registered; it was made all the same.
      return context.elapsedMs >= graceMs
        ? { state: "failure", error: new SceneSummaryNotRegisteredError(status, graceMs) }
        : { state: "retry" };
    }
    onProgress?.(progressOf(status, context));
    switch (status.status) {
      case "SUMMARIZE_COMPLETED":
        return { state: "success", value: status };
      case "SUMMARIZE_FAIL":
        return { state: "failure", error: new SceneSummaryFailedError(status) };
      case "SUMMARIZE_CANCELED":
        return { state: "failure", error: new SceneSummaryCanceledError(status) };
      case "BEFORE_SUMMARIZE":
        return context.elapsedMs >= graceMs
          ? { state: "failure", error: new SceneSummaryNotRequestedError(status, graceMs) }
          : { state: "retry" };
      default:
        // WAIT_SUMMARIZE, SUMMARIZING, and a status the pages do not name: keep polling.
        return { state: "retry" };
    }
  }

  const { random } = options;
  return pollUntil(getStatus, judge, {
    minDelayMs: intervalMs,
    maxDelayMs: maxIntervalMs,
    spread: random
      ? (delay) =>
          Math.min(
            maxIntervalMs,
            Math.max(intervalMs, Math.round(delay * (1 + POLL_JITTER * (random() - 0.5)))),
          )
      : undefined,
    backoff: 1.5,
    maxWaitMs,
    signal: options.signal,
    timeoutError: (last) => new WaitTimeoutError(maxWaitMs, last),
    onPoll: onPoll
      ? (status, context) => onPoll({ ...progressOf(status, context), ...context })
      : undefined,
    now: options.now,
    sleep: options.sleep,
  });
}
