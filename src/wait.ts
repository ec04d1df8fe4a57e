/**
 * Waiting for a scene summarisation to end, on {@link pollUntil}: the six statuses judged into
 * the poller's states, with the SDK's errors for each way a wait can end badly. Both API
 * generations' `wait` use it.
 */
import {
  InvalidInputError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryNotRequestedError,
  WaitTimeoutError,
} from "./errors.js";
import type { PollInfo } from "./hooks.js";
import { optionalDuration } from "./options.js";
import { type PollState, pollUntil } from "./poller.js";
import type { SceneSummaryStatus, SceneSummaryStatusValue } from "./types.js";

/** Polling faster than this only spends the gateway's rate limit. */
export const MIN_POLL_INTERVAL_MS = 1_000;

/** What `onProgress` receives after every poll. */
export interface WaitProgress {
  /** The status just read. */
  status: SceneSummaryStatusValue;
  /** Scenes analysed so far for the current request. */
  analyzedSceneCount: number;
  /** Scenes to analyse for the current request. */
  totalSceneCount: number;
  /** Milliseconds since waiting began. */
  elapsedMs: number;
  /** Polls made so far, this one included. */
  polls: number;
}

/** Options of a wait. */
export interface WaitOptions {
  /**
   * First delay between polls, in ms: at least 1,000. Default 5,000. Grows by half after
   * each poll.
   */
  intervalMs?: number | undefined;
  /** Longest delay between polls, in ms. Default 30,000. */
  maxIntervalMs?: number | undefined;
  /**
   * Gives up after this long, in ms, with a {@link WaitTimeoutError}. Default 30 minutes.
   * It bounds the whole wait: a poll under way when it passes is aborted.
   */
  timeoutMs?: number | undefined;
  /**
   * How long `BEFORE_SUMMARIZE` is tolerated, in ms, in case a request has not registered yet.
   * Default 30,000. Past it the wait rejects with {@link SceneSummaryNotRequestedError}.
   */
  notRequestedGraceMs?: number | undefined;
  /** Aborts the wait; it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called after every poll. */
  onProgress?: ((progress: WaitProgress) => void) | undefined;
}

/** Clock, timer and hook, given by the client. */
export interface WaitDependencies {
  /** Current time in ms. */
  clock: () => number;
  /** Waits `ms`, rejecting with the signal's reason if it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The client's `onPoll` hook. */
  onPoll?: ((info: PollInfo) => void) | undefined;
}

/** What `summarize` adds to a wait. */
export interface StaleCheck {
  /**
   * Whether a status is still the one from before our request (not registered yet): such a
   * status is treated like `BEFORE_SUMMARIZE`, within the grace period.
   */
  isStale?: ((status: SceneSummaryStatus) => boolean) | undefined;
}

/** Checks wait options before anything is sent, so that a bad one fails at once. */
export function checkWaitOptions(options: WaitOptions = {}) {
  const intervalMs = optionalDuration(options.intervalMs, 5_000, "intervalMs");
  if (intervalMs < MIN_POLL_INTERVAL_MS) {
    throw new InvalidInputError(
      "intervalMs",
      `intervalMs must be at least ${MIN_POLL_INTERVAL_MS} ms, got ${intervalMs}: polling faster only spends the rate limit.`,
    );
  }
  const maxIntervalMs = optionalDuration(options.maxIntervalMs, 30_000, "maxIntervalMs");
  if (maxIntervalMs < MIN_POLL_INTERVAL_MS) {
    throw new InvalidInputError(
      "maxIntervalMs",
      `maxIntervalMs must be at least ${MIN_POLL_INTERVAL_MS} ms, got ${maxIntervalMs}: polling faster only spends the rate limit.`,
    );
  }
  return {
    intervalMs,
    maxIntervalMs,
    timeoutMs: optionalDuration(options.timeoutMs, 30 * 60_000, "timeoutMs"),
    graceMs: optionalDuration(options.notRequestedGraceMs, 30_000, "notRequestedGraceMs"),
  };
}

/**
 * Polls `getStatus` until the summarisation reaches a terminal status.
 *
 * @returns The `SUMMARIZE_COMPLETED` status.
 * @throws SceneSummaryFailedError on `SUMMARIZE_FAIL`, with its `statusMessage`.
 * @throws SceneSummaryCanceledError on `SUMMARIZE_CANCELED`.
 * @throws SceneSummaryNotRequestedError when `BEFORE_SUMMARIZE` outlasts the grace period.
 * @throws WaitTimeoutError past `timeoutMs`.
 * @throws MediaIntelligenceError when a poll fails after the client's retries.
 */
export async function waitForSceneSummary(
  getStatus: (signal: AbortSignal) => Promise<SceneSummaryStatus>,
  options: WaitOptions & WaitDependencies & StaleCheck,
): Promise<SceneSummaryStatus> {
  const { intervalMs, maxIntervalMs, timeoutMs, graceMs } = checkWaitOptions(options);
  const { onProgress, onPoll, isStale } = options;

  function judge(
    status: SceneSummaryStatus,
    context: { polls: number; elapsedMs: number },
  ): PollState<SceneSummaryStatus> {
    const { analyzedSceneCount, totalSceneCount } = status;
    const stale = isStale?.(status) === true;
    // A status from before our request is not progress of ours: not reported.
    if (!stale) {
      onProgress?.({ status: status.status, analyzedSceneCount, totalSceneCount, ...context });
    }
    const value = stale ? "BEFORE_SUMMARIZE" : status.status;
    switch (value) {
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
        // WAIT_SUMMARIZE, SUMMARIZING: keep polling.
        return { state: "retry" };
    }
  }

  return pollUntil(getStatus, judge, {
    minDelayMs: intervalMs,
    maxDelayMs: maxIntervalMs,
    backoff: 1.5,
    maxWaitMs: timeoutMs,
    signal: options.signal,
    timeoutError: (last) => new WaitTimeoutError(timeoutMs, last),
    onPoll: onPoll
      ? (status, context) =>
          onPoll({
            status: status.status,
            analyzedSceneCount: status.analyzedSceneCount,
            totalSceneCount: status.totalSceneCount,
            ...context,
          })
      : undefined,
    clock: options.clock,
    sleep: options.sleep,
  });
}
