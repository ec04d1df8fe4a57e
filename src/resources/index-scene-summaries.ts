/**
 * `client.indexSceneSummaries`: the index-based scene summary operations.
 *
 * @deprecated NAVER Cloud removes these endpoints in January 2027. Use
 * `client.sceneSummaries`, which works on the asset's latest index without index or request ids.
 */
import { InvalidInputError, MediaIntelligenceError } from "../errors.js";
import {
  type IndexIds,
  indexPathParams,
  type SceneSummaryIds,
  sceneSummaryPathParams,
} from "../ids.js";
import type { CallOptions } from "../requester.js";
import type {
  IndexSceneSummaryRequest,
  IndexSceneSummaryRequestResult,
  SceneSummaries,
  SceneSummaryStatus,
} from "../types.js";
import { checkWaitOptions, type WaitOptions, waitForSceneSummary } from "../wait.js";
import type { Body, Core } from "./operation.js";
import { runSummarize, type SummarizeOptions } from "./summarize.js";

const SUMMARIES =
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries" as const;
const SUMMARY = `${SUMMARIES}/{scene_summary_id}` as const;
const STATUS = `${SUMMARIES}/{scene_summary_id}/status` as const;

/**
 * The index-based operations. Every method checks its ids before sending anything.
 *
 * @deprecated Removed by NAVER Cloud in January 2027: use `client.sceneSummaries`.
 */
export interface IndexSceneSummariesResource {
  /**
   * *Request scene summary* of an index. A POST, retried only when it certainly did not take
   * effect: its outcome cannot be read back, since the status needs the request id it returns.
   *
   * @returns The response's `result`, with `sceneSummaryId` for `status`, `wait` and `cancel`.
   * @deprecated Removed in January 2027: use `client.sceneSummaries.request`.
   */
  request(
    ids: IndexIds,
    body?: IndexSceneSummaryRequest,
    options?: CallOptions,
  ): Promise<IndexSceneSummaryRequestResult>;
  /**
   * *Get scene summary status* of a request.
   * @deprecated Removed in January 2027: use `client.sceneSummaries.status`.
   */
  status(ids: SceneSummaryIds, options?: CallOptions): Promise<SceneSummaryStatus>;
  /**
   * *Get scene summary result*. Only answers once the status is `SUMMARIZE_COMPLETED`.
   * @deprecated Removed in January 2027: use `client.sceneSummaries.get`.
   */
  get(ids: IndexIds, options?: CallOptions): Promise<SceneSummaries>;
  /**
   * *Cancel scene summary* (DELETE): only in `WAIT_SUMMARIZE` or `SUMMARIZING`.
   * @deprecated Removed in January 2027: use `client.sceneSummaries.cancel`.
   */
  cancel(ids: SceneSummaryIds, options?: CallOptions): Promise<void>;
  /**
   * Polls the status until it is terminal; resolves with the `SUMMARIZE_COMPLETED` status.
   * @deprecated Removed in January 2027: use `client.sceneSummaries.wait`.
   */
  wait(ids: SceneSummaryIds, options?: WaitOptions): Promise<SceneSummaryStatus>;
  /**
   * Requests a summarisation, waits for it and returns the result. One already in progress
   * cannot be waited for here (its request id is unknown): `SceneSummaryInProgressError`.
   * @deprecated Removed in January 2027: use `client.sceneSummaries.summarize`.
   */
  summarize(ids: IndexIds, options?: SummarizeOptions): Promise<SceneSummaries>;
}

/** Creates `client.indexSceneSummaries`. */
export function createIndexSceneSummaries(core: Core): IndexSceneSummariesResource {
  const status = async (ids: SceneSummaryIds, options?: CallOptions) => {
    const params = sceneSummaryPathParams(ids);
    const op = {
      operationId: "getSceneSummaryStatus",
      method: "GET",
      path: STATUS,
      params,
    } as const;
    return (await core.send<Body<"getSceneSummaryStatus">>(op, options)).result;
  };

  const request = async (
    ids: IndexIds,
    body: IndexSceneSummaryRequest = {},
    options?: CallOptions,
  ) => {
    const params = indexPathParams(ids);
    const op = {
      operationId: "requestSceneSummaries",
      method: "POST",
      path: SUMMARIES,
      params,
      body,
    } as const;
    return (await core.send<Body<"requestSceneSummaries">>(op, options)).result ?? {};
  };

  const get = async (ids: IndexIds, options?: CallOptions) => {
    const params = indexPathParams(ids);
    const op = {
      operationId: "getSceneSummaries",
      method: "GET",
      path: SUMMARIES,
      params,
    } as const;
    return (await core.send<Body<"getSceneSummaries">>(op, options)).result;
  };

  const cancel = async (ids: SceneSummaryIds, options?: CallOptions) => {
    const params = sceneSummaryPathParams(ids);
    const op = {
      operationId: "cancelSceneSummary",
      method: "DELETE",
      path: SUMMARY,
      params,
    } as const;
    await core.send<Body<"cancelSceneSummary">>(op, options);
  };

  const wait = async (ids: SceneSummaryIds, options: WaitOptions = {}) => {
    sceneSummaryPathParams(ids); // Bad ids fail now, not at the first poll.
    return waitForSceneSummary((signal) => status(ids, { signal }), { ...core.wait, ...options });
  };

  return {
    request,
    status,
    get,
    cancel,
    wait,
    async summarize(ids, options = {}) {
      indexPathParams(ids);
      checkWaitOptions(options);
      const { signal, sceneIds } = options;
      if (options.waitForExisting) {
        throw new InvalidInputError(
          "waitForExisting",
          "waitForExisting needs the asset-based API: the index-based one cannot find a request in progress without its id.",
        );
      }
      let sceneSummaryId: number | undefined;
      return runSummarize(
        {
          async request() {
            const result = await request(ids, sceneIds ? { sceneIds } : {}, { signal });
            if (result.sceneSummaryId === undefined) throw missingId();
            sceneSummaryId = result.sceneSummaryId;
          },
          wait: () => wait({ ...ids, sceneSummaryId: sceneSummaryId as number }, options),
          get: () => get(ids, { signal }),
        },
        undefined,
        options,
      );
    },
  };
}

function missingId(): MediaIntelligenceError {
  return new MediaIntelligenceError(
    "The index-based request answered without result.sceneSummaryId, so its status cannot be followed; use client.sceneSummaries.summarize.",
    { kind: "invalid-response", method: "POST", path: SUMMARIES },
  );
}
