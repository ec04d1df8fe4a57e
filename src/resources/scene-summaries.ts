/**
 * `client.sceneSummaries`: the asset-based scene summary operations (the current API). The
 * service picks the asset's latest index, so no index or request id is ever needed.
 */
import { type AssetIds, assetPathParams } from "../ids.js";
import type { CallOptions } from "../requester.js";
import type {
  SceneSummaries,
  SceneSummaryRequest,
  SceneSummaryRequestResult,
  SceneSummaryStatus,
} from "../types.js";
import { checkWaitOptions, type WaitOptions, waitForSceneSummary } from "../wait.js";
import type { Body, Core } from "./operation.js";
import { runSummarize, type SummarizeOptions } from "./summarize.js";

const PREFIX = "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}";
const SUMMARY = `${PREFIX}/scene-summary` as const;
const STATUS = `${PREFIX}/scene-summary/status` as const;
const CANCEL = `${PREFIX}/scene-summary/cancel` as const;

/** How far before an attempt a `requestedTime` may be and still be that attempt's. */
const RECONCILE_MARGIN_MS = 5 * 60_000 + 1_000;

/** Options of {@link SceneSummariesResource.summarize}: a wait's, plus the request body. */
export interface AssetSummarizeOptions extends SummarizeOptions {
  /** Language of the summaries; only on a full analysis (see openapi.yaml: values not documented). */
  locale?: string | undefined;
}

/** The asset-based operations. Every method checks its ids before sending anything. */
export interface SceneSummariesResource {
  /**
   * *Request scene summary* of the asset's latest index. A POST: retried only when it
   * certainly did not take effect; after an ambiguous failure it reads the status back
   * (a summarisation pending or running, requested at or after the attempt, counts as done).
   *
   * @returns The response's `result`, `{}` when it has none (its fields are not documented).
   */
  request(
    ids: AssetIds,
    body?: SceneSummaryRequest,
    options?: CallOptions,
  ): Promise<SceneSummaryRequestResult>;
  /** *Get scene summary status* of the asset's latest summarisation. */
  status(ids: AssetIds, options?: CallOptions): Promise<SceneSummaryStatus>;
  /** *Get scene summary result*. Only answers once the status is `SUMMARIZE_COMPLETED`. */
  get(ids: AssetIds, options?: CallOptions): Promise<SceneSummaries>;
  /**
   * *Cancel scene summary*: only in `WAIT_SUMMARIZE` or `SUMMARIZING`. After an ambiguous
   * failure it reads the status back: `SUMMARIZE_CANCELED` counts as done.
   */
  cancel(ids: AssetIds, options?: CallOptions): Promise<void>;
  /** Polls the status until it is terminal; resolves with the `SUMMARIZE_COMPLETED` status. */
  wait(ids: AssetIds, options?: WaitOptions): Promise<SceneSummaryStatus>;
  /**
   * Requests a summarisation, waits for it and returns the result. If one is already in
   * progress it throws `SceneSummaryInProgressError`, or waits for it with `waitForExisting`.
   */
  summarize(ids: AssetIds, options?: AssetSummarizeOptions): Promise<SceneSummaries>;
}

/** Creates `client.sceneSummaries`. */
export function createSceneSummaries(core: Core): SceneSummariesResource {
  const accepted = { code: "0", message: "success" };

  const status = async (ids: AssetIds, options?: CallOptions) => {
    const params = assetPathParams(ids);
    const op = {
      operationId: "getAssetSceneSummaryStatus",
      method: "GET",
      path: STATUS,
      params,
    } as const;
    return (await core.send<Body<"getAssetSceneSummaryStatus">>(op, options)).result;
  };

  const request = async (ids: AssetIds, body: SceneSummaryRequest = {}, options?: CallOptions) => {
    const params = assetPathParams(ids);
    const reconcile = async (signal: AbortSignal, sentAt: number) => {
      const now = await status(ids, { signal });
      // Whatever its status now (a re-analysis may already have finished), a summarisation
      // requested at or after the attempt is ours. The margin covers requestedTime's whole
      // seconds and a local clock off by up to the gateway's own 5-minute window.
      return core.serverTime(now.requestedTime) >= sentAt - RECONCILE_MARGIN_MS
        ? accepted
        : undefined;
    };
    const op = {
      operationId: "requestAssetSceneSummary",
      method: "POST",
      path: SUMMARY,
      params,
      body,
      reconcile,
    } as const;
    return (await core.send<Body<"requestAssetSceneSummary">>(op, options)).result ?? {};
  };

  const get = async (ids: AssetIds, options?: CallOptions) => {
    const params = assetPathParams(ids);
    const op = {
      operationId: "getAssetSceneSummary",
      method: "GET",
      path: SUMMARY,
      params,
    } as const;
    return (await core.send<Body<"getAssetSceneSummary">>(op, options)).result;
  };

  const cancel = async (ids: AssetIds, options?: CallOptions) => {
    const params = assetPathParams(ids);
    const reconcile = async (signal: AbortSignal) =>
      (await status(ids, { signal })).status === "SUMMARIZE_CANCELED" ? accepted : undefined;
    const op = {
      operationId: "cancelAssetSceneSummary",
      method: "POST",
      path: CANCEL,
      params,
      reconcile,
    } as const;
    await core.send<Body<"cancelAssetSceneSummary">>(op, options);
  };

  const wait = (
    ids: AssetIds,
    options: WaitOptions & { isStale?: (s: SceneSummaryStatus) => boolean } = {},
  ) => {
    assetPathParams(ids); // Bad ids fail now, not at the first poll.
    return waitForSceneSummary((signal) => status(ids, { signal }), { ...core.wait, ...options });
  };

  return {
    request,
    status,
    get,
    cancel,
    wait: (ids, options) => wait(ids, options),
    async summarize(ids, options = {}) {
      assetPathParams(ids);
      checkWaitOptions(options);
      const { signal, sceneIds, locale } = options;
      const before = await status(ids, { signal });
      const body = { ...(sceneIds && { sceneIds }), ...(locale !== undefined && { locale }) };
      return runSummarize(
        {
          request: () => request(ids, body, { signal }),
          wait: (isStale) => wait(ids, { ...options, isStale }),
          get: () => get(ids, { signal }),
        },
        before,
        options,
      );
    },
  };
}
