/**
 * `summarize`, the library's main job in one call, for both API generations: request a
 * summarisation, wait for it, fetch the result. A summarisation already in progress is not
 * requested again (the server would refuse): `summarize` fails with
 * {@link SceneSummaryInProgressError}, or waits for it with `waitForExisting: true`.
 */
import { MediaIntelligenceError, SceneSummaryInProgressError } from "../errors.js";
import type { SceneSummaries, SceneSummaryStatus } from "../types.js";
import type { WaitOptions } from "../wait.js";

/**
 * Options of `summarize`. `timeoutMs` bounds the wait; the status read before it, the
 * request and the result fetch are each bounded by the client's per-attempt timeout and
 * retries. To bound the whole job, pass `signal: AbortSignal.timeout(ms)`.
 */
export interface SummarizeOptions extends WaitOptions {
  /** Re-analyse only these scenes (allowed once a full analysis has completed). */
  sceneIds?: number[] | undefined;
  /**
   * If a summarisation is already in progress, wait for it instead of failing with
   * {@link SceneSummaryInProgressError}. Default false.
   */
  waitForExisting?: boolean | undefined;
  /** Called once the summarisation has been requested. */
  onRequested?: (() => void) | undefined;
  /** Called when a summarisation already in progress is waited for instead. */
  onExisting?: ((status: SceneSummaryStatus) => void) | undefined;
}

/** Whether an error is the server refusing a request because one is already in progress. */
export function isInProgressConflict(error: unknown): boolean {
  return error instanceof MediaIntelligenceError && error.status === 409;
}

/** The steps of a summarisation, bound to one asset or index by the resource. */
export interface SummarizeSteps {
  /** Requests the summarisation. */
  request(): Promise<unknown>;
  /** Waits for it to end; `isStale` marks a status from before the request. */
  wait(isStale: ((status: SceneSummaryStatus) => boolean) | undefined): Promise<unknown>;
  /** Fetches the result. */
  get(): Promise<SceneSummaries>;
}

/**
 * Runs the steps. `before` is the status read before requesting, when the API can read it
 * without a request id (the asset-based one can; the index-based one cannot).
 */
export async function runSummarize(
  steps: SummarizeSteps,
  before: SceneSummaryStatus | undefined,
  options: SummarizeOptions,
): Promise<SceneSummaries> {
  const running = before?.status === "WAIT_SUMMARIZE" || before?.status === "SUMMARIZING";
  if (running && before) {
    if (!options.waitForExisting) throw new SceneSummaryInProgressError(before);
    options.onExisting?.(before);
    await steps.wait(undefined);
    return steps.get();
  }
  try {
    await steps.request();
  } catch (error) {
    if (!isInProgressConflict(error) || !options.waitForExisting || !before) {
      throw isInProgressConflict(error) ? new SceneSummaryInProgressError(undefined) : error;
    }
    await steps.wait(undefined);
    return steps.get();
  }
  options.onRequested?.();
  // Until the request registers, the status may still be the previous summarisation's.
  const previous = before?.requestedTime;
  await steps.wait(
    previous === undefined
      ? undefined
      : (status) => status.requestedTime === previous && status.status === before?.status,
  );
  return steps.get();
}
