/**
 * Polling a scene summarisation to its end, in the manner of smithy's util-waiter: explicit
 * terminal states, a backoff from `intervalMs` up to `maxIntervalMs`, an overall `timeoutMs`
 * and an abort signal.
 */
import {
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryNotRequestedError,
  WaitTimeoutError,
} from "./errors.js";
import { optionalDuration } from "./options.js";
import type { SceneSummaryStatus, SceneSummaryStatusValue } from "./types.js";

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

/** Options of `waitForSceneSummary`. */
export interface WaitOptions {
  /** First delay between polls, in ms. Default 5,000. Grows by half after each poll. */
  intervalMs?: number | undefined;
  /** Longest delay between polls, in ms. Default 30,000. */
  maxIntervalMs?: number | undefined;
  /**
   * Gives up after this long, in ms, with a {@link WaitTimeoutError}. Default 30 minutes.
   * Checked between polls: a poll under way finishes first (each is bounded by the client's
   * `requestTimeoutMs`).
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

/** Clock and timer, injectable so that tests do not sleep. */
export interface WaitDependencies {
  /** Current time in ms. */
  clock: () => number;
  /** Waits `ms`, rejecting with the signal's reason if it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
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
  getStatus: (signal?: AbortSignal) => Promise<SceneSummaryStatus>,
  options: WaitOptions & WaitDependencies,
): Promise<SceneSummaryStatus> {
  const { clock, sleep, signal, onProgress } = options;
  const maxIntervalMs = optionalDuration(options.maxIntervalMs, 30_000, "maxIntervalMs");
  let delay = Math.min(optionalDuration(options.intervalMs, 5_000, "intervalMs"), maxIntervalMs);
  const timeoutMs = optionalDuration(options.timeoutMs, 30 * 60_000, "timeoutMs");
  const graceMs = optionalDuration(options.notRequestedGraceMs, 30_000, "notRequestedGraceMs");
  const start = clock();

  for (let polls = 1; ; polls++) {
    signal?.throwIfAborted();
    const status = await getStatus(signal);
    const elapsedMs = clock() - start;
    onProgress?.({
      status: status.status,
      analyzedSceneCount: status.analyzedSceneCount,
      totalSceneCount: status.totalSceneCount,
      elapsedMs,
      polls,
    });
    switch (status.status) {
      case "SUMMARIZE_COMPLETED":
        return status;
      case "SUMMARIZE_FAIL":
        throw new SceneSummaryFailedError(status);
      case "SUMMARIZE_CANCELED":
        throw new SceneSummaryCanceledError(status);
      case "BEFORE_SUMMARIZE":
        if (elapsedMs >= graceMs) throw new SceneSummaryNotRequestedError(status, graceMs);
        break;
      // WAIT_SUMMARIZE, SUMMARIZING, and any status newer than this SDK: keep polling.
    }
    const remaining = timeoutMs - elapsedMs;
    if (remaining <= 0) throw new WaitTimeoutError(timeoutMs, status);
    // Never sleep past the deadline: the last poll happens at it.
    await sleep(Math.min(delay, remaining), signal);
    delay = Math.min(delay * 1.5, maxIntervalMs);
  }
}
