/**
 * The shape both API generations share: the four operations of a generation (request,
 * status, get, cancel), and `wait` and `summarize`, built once here over them. A generation
 * says only what differs: its operations, which ids follow a run after a request, and whether
 * the status can be read before requesting (asset-based: yes; index-based: no, the status
 * needs the request's id).
 */
import {
  InvalidInputError,
  MediaIntelligenceError,
  SceneSummaryInProgressError,
} from "../errors.js";
import type { CallOptions } from "../requester.js";
import { isRunningStatus, type SceneSummaries, type SceneSummaryStatus } from "../types.js";
import {
  checkWaitOptions,
  type StaleCheck,
  type WaitDependencies,
  type WaitOptions,
  waitForSceneSummary,
} from "../wait.js";

/**
 * Options of `summarize`. `maxWaitMs` bounds the wait; the status read before it, the request
 * and the result fetch are each bounded by the client's per-attempt timeout and retries. To
 * bound the whole job, pass `signal: AbortSignal.timeout(ms)`.
 */
export interface SummarizeOptions extends WaitOptions {
  /** Re-analyse only these scenes (allowed once a full analysis has completed). */
  sceneIds?: number[] | undefined;
  /**
   * If a summarisation is already in progress, wait for it instead of failing with
   * {@link SceneSummaryInProgressError}. Default false. Asset-based API only.
   */
  waitForExisting?: boolean | undefined;
  /**
   * Called once the summarisation has been requested, with the request's `result` (the
   * index-based one carries the run's `sceneSummaryId`, which its status and wait need).
   */
  onRequested?: ((result: object) => void) | undefined;
  /** Called when a summarisation already in progress is waited for instead. */
  onExisting?: ((status: SceneSummaryStatus) => void) | undefined;
}

/**
 * The operations of one API generation over a summarisation: `RequestIds` name what is
 * summarised (an asset, or an index), `RunIds` one summarisation of it.
 */
export interface SceneSummaryResource<RequestIds, RunIds, Body, RequestResult, Summarize> {
  /** *Request scene summary*. */
  request(ids: RequestIds, body?: Body, options?: CallOptions): Promise<RequestResult>;
  /** *Get scene summary status*. */
  status(ids: RunIds, options?: CallOptions): Promise<SceneSummaryStatus>;
  /** *Get scene summary result*. Only answers once the status is `SUMMARIZE_COMPLETED`. */
  get(ids: RequestIds, options?: CallOptions): Promise<SceneSummaries>;
  /** *Cancel scene summary*: only in `WAIT_SUMMARIZE` or `SUMMARIZING`. */
  cancel(ids: RunIds, options?: CallOptions): Promise<void>;
  /**
   * Polls the status until it is terminal; resolves with the `SUMMARIZE_COMPLETED` status.
   * A status the pages do not name is not terminal: the wait goes on.
   */
  wait(ids: RunIds, options?: WaitOptions): Promise<SceneSummaryStatus>;
  /**
   * Requests a summarisation, waits for it and returns the result. If one is already in
   * progress it throws `SceneSummaryInProgressError`, or, where the API can follow it, waits
   * for it with `waitForExisting`.
   */
  summarize(ids: RequestIds, options?: Summarize): Promise<SceneSummaries>;
}

/** What a generation gives {@link createResource}. */
export interface Generation<RequestIds, RunIds, Body, RequestResult> {
  /** The four operations, each one call of the request core. */
  request(
    ids: RequestIds,
    body: Body,
    options: CallOptions | undefined,
    before?: SceneSummaryStatus,
  ): Promise<RequestResult>;
  status(ids: RunIds, options?: CallOptions): Promise<SceneSummaryStatus>;
  get(ids: RequestIds, options?: CallOptions): Promise<SceneSummaries>;
  cancel(ids: RunIds, options?: CallOptions): Promise<void>;
  /** Checks the ids of a request (throws `InvalidInputError`). */
  checkRequestIds(ids: RequestIds): void;
  /** Checks the ids of a run. */
  checkRunIds(ids: RunIds): void;
  /** The ids that follow the run a request started. */
  runOf(ids: RequestIds, result: RequestResult): RunIds;
  /** The ids that read the current status before a request, where the API has them. */
  statusBeforeRequest?: ((ids: RequestIds) => RunIds) | undefined;
  /** The request body `summarize` sends, from its options; throws when the pages forbid it. */
  bodyOf(options: SummarizeOptions & { locale?: string | undefined }): Body;
}

/**
 * Whether `status` shows a summarisation other than the one `before` showed: `true` when it
 * does, `false` when it is the same, `undefined` when the two cannot tell (neither has a
 * request time). Runs are told apart by `requestedTime`: there is one latest summarisation per
 * asset, and `sceneSummaryId` does not name a run on every call (see openapi.yaml).
 */
export function isAnotherRun(
  before: SceneSummaryStatus,
  status: SceneSummaryStatus,
): boolean | undefined {
  const [then, now] = [before.requestedTime, status.requestedTime];
  if (typeof then === "string" && typeof now === "string") return now !== then;
  if (status.status === "BEFORE_SUMMARIZE") return false;
  if (before.status === "BEFORE_SUMMARIZE") return true;
  return undefined;
}

/** Whether a status shows no summarisation at all. */
function showsNoRun(status: SceneSummaryStatus): boolean {
  return status.status === "BEFORE_SUMMARIZE";
}

/** Whether an error is the server refusing a request because one is already in progress. */
function isInProgressConflict(error: unknown): boolean {
  return error instanceof MediaIntelligenceError && error.status === 409;
}

/** Builds a generation's resource: its four operations, and `wait` and `summarize` over them. */
export function createResource<
  RequestIds,
  RunIds,
  Body,
  RequestResult,
  Summarize extends SummarizeOptions,
>(
  generation: Generation<RequestIds, RunIds, Body, RequestResult>,
  dependencies: WaitDependencies,
): SceneSummaryResource<RequestIds, RunIds, Body, RequestResult, Summarize> {
  const { status, get, cancel } = generation;

  const wait = async (ids: RunIds, options: WaitOptions & StaleCheck = {}) => {
    generation.checkRunIds(ids); // Bad ids fail now, not at the first poll.
    return waitForSceneSummary((signal) => status(ids, { signal }), {
      ...dependencies,
      // Where a run has ids of its own (index-based), they name a request that was accepted:
      // BEFORE_SUMMARIZE there is that request, not registered yet, never "none requested".
      ...(generation.statusBeforeRequest ? {} : { isStale: showsNoRun }),
      ...options,
    });
  };

  async function summarize(ids: RequestIds, options: Summarize = {} as Summarize) {
    generation.checkRequestIds(ids);
    checkWaitOptions(options);
    const body = generation.bodyOf(options);
    const { signal } = options;
    const readBefore = generation.statusBeforeRequest;
    if (options.waitForExisting && !readBefore) {
      throw new InvalidInputError(
        "waitForExisting",
        "needs the asset-based API: the index-based one cannot find a request in progress without its id",
      );
    }
    const before = readBefore ? await status(readBefore(ids), { signal }) : undefined;
    const waitForExisting = async (existing: RunIds, current: SceneSummaryStatus | undefined) => {
      if (current) options.onExisting?.(current);
      await wait(existing, options);
      return get(ids, { signal });
    };
    if (readBefore && before && isRunningStatus(before.status)) {
      if (!options.waitForExisting) throw new SceneSummaryInProgressError(before);
      return waitForExisting(readBefore(ids), before);
    }
    let result: RequestResult;
    try {
      result = await generation.request(ids, body, { signal }, before);
    } catch (error) {
      if (!isInProgressConflict(error)) throw error;
      if (!options.waitForExisting || !readBefore) throw new SceneSummaryInProgressError(undefined);
      return waitForExisting(readBefore(ids), undefined);
    }
    options.onRequested?.(result as object);
    // Until the request registers, the status may still be the previous summarisation's (the
    // index-based run's own status, with nothing before it, is `wait`'s to judge).
    const isStale = before && ((s: SceneSummaryStatus) => isAnotherRun(before, s) === false);
    await wait(generation.runOf(ids, result), isStale ? { ...options, isStale } : options);
    return get(ids, { signal });
  }

  return {
    request: async (ids, body, options) => {
      generation.checkRequestIds(ids);
      return generation.request(ids, body ?? generation.bodyOf({}), options);
    },
    status,
    get,
    cancel,
    wait: (ids, options) => wait(ids, options),
    summarize,
  };
}
