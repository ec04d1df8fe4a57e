/**
 * `client.indexSceneSummaries`: the index-based scene summary operations.
 *
 * @deprecated NAVER Cloud removes these endpoints in January 2027. Use
 * `client.sceneSummaries`, which works on the asset's latest index without index or request ids.
 */
import { MediaIntelligenceError } from "../errors.js";
import {
  checkId,
  type IndexIds,
  indexPathParams,
  type SceneSummaryIds,
  sceneSummaryPathParams,
} from "../ids.js";
import { describeOperation } from "../operation.js";
import type { Requester } from "../requester.js";
import type { IndexSceneSummaryRequest, IndexSceneSummaryRequestResult } from "../types.js";
import { kindOf } from "../validate.js";
import type { WaitDependencies } from "../wait.js";
import { createResource, type SceneSummaryResource, type SummarizeOptions } from "./resource.js";

/**
 * The index-based operations. Every method checks its ids before sending anything. `request`
 * is a POST, retried only when it certainly did not take effect: its outcome cannot be read
 * back, since the status needs the request id it returns. `summarize` cannot wait for a
 * summarisation already in progress (its request id is unknown).
 *
 * @deprecated Removed by NAVER Cloud in January 2027: use `client.sceneSummaries`.
 */
export type IndexSceneSummariesResource = SceneSummaryResource<
  IndexIds,
  SceneSummaryIds,
  IndexSceneSummaryRequest,
  IndexSceneSummaryRequestResult,
  SummarizeOptions
>;

/** Creates `client.indexSceneSummaries`. */
export function createIndexSceneSummaries(
  requester: Requester,
  dependencies: WaitDependencies,
): IndexSceneSummariesResource {
  return createResource<
    IndexIds,
    SceneSummaryIds,
    IndexSceneSummaryRequest,
    IndexSceneSummaryRequestResult,
    SummarizeOptions
  >(
    {
      request: async (ids, body, options) =>
        (
          await requester.call(
            { id: "requestSceneSummaries", path: indexPathParams(ids), body },
            options,
          )
        ).result ?? {},
      status: async (ids, options) =>
        (
          await requester.call(
            { id: "getSceneSummaryStatus", path: sceneSummaryPathParams(ids) },
            options,
          )
        ).result,
      get: async (ids, options) =>
        (await requester.call({ id: "getSceneSummaries", path: indexPathParams(ids) }, options))
          .result,
      async cancel(ids, options) {
        await requester.call(
          { id: "cancelSceneSummary", path: sceneSummaryPathParams(ids) },
          options,
        );
      },
      checkRequestIds: indexPathParams,
      checkRunIds: sceneSummaryPathParams,
      runOf: (ids, result) => ({ ...ids, sceneSummaryId: followedId(result) }),
      bodyOf: ({ sceneIds }) => (sceneIds === undefined ? {} : { sceneIds }),
    },
    dependencies,
  );
}

/** The request id the status and cancel calls need, from the request's `result`. */
function followedId(result: IndexSceneSummaryRequestResult): string {
  const id: unknown = result.sceneSummaryId;
  try {
    if (typeof id === "number" || typeof id === "string") return checkId(id, "sceneSummaryId");
  } catch {
    // An id that cannot go in a path is as useless as none.
  }
  const { method, path } = describeOperation("requestSceneSummaries");
  throw new MediaIntelligenceError(
    "The index-based request answered without result.sceneSummaryId, so its status cannot be followed; use client.sceneSummaries.summarize.",
    {
      kind: "invalid-response",
      method,
      path,
      departure: {
        path: "$.result.sceneSummaryId",
        expected: "a scene summary request ID",
        received: kindOf(id),
      },
    },
  );
}
