/**
 * `client.sceneSummaries`: the asset-based scene summary operations (the current API). The
 * service picks the asset's latest index, so no index or request id is ever needed, and the
 * status can be read at any time: before a request (to tell whether one is running, and to
 * know the previous run), and after an ambiguous failure of a POST, to read back its outcome.
 */
import {
  type CatalogueDependencies,
  createSummarizeMany,
  type SummarizeMany,
} from "../batch/many.js";
import { InvalidInputError } from "../errors.js";
import { type AssetIds, assetPathParams } from "../ids.js";
import type { CallOptions, Requester } from "../requester.js";
import {
  isRunningStatus,
  type SceneSummaryRequest,
  type SceneSummaryRequestResult,
  type SceneSummaryStatus,
} from "../types.js";
import { checkRequestBody } from "../validate.js";
import {
  createResource,
  type Generation,
  isAnotherRun,
  type SceneSummaryResource,
  type SummarizeOptions,
} from "./resource.js";

/** Options of {@link SceneSummariesResource.summarize}: a wait's, plus the request body. */
export interface AssetSummarizeOptions extends SummarizeOptions {
  /** Language of the summaries; only on a full analysis (see openapi.yaml: values not documented). */
  locale?: string | undefined;
}

/**
 * The asset-based operations. Every method checks its ids before sending anything.
 *
 * `request` is a POST: retried only when it certainly did not take effect. It reads the
 * status first (`summarize` has read it already); after an ambiguous failure (a timeout, a
 * reset, a 502) it reads the status again, and a run other than the one it read before is the
 * one requested. If the status shows none, it sends again (within `retries`); if it cannot
 * tell, it fails with the error. `cancel` likewise reads the status first, and after an
 * ambiguous failure counts it done only if the run it saw running now shows
 * `SUMMARIZE_CANCELED`.
 */
export interface SceneSummariesResource
  extends SceneSummaryResource<
    AssetIds,
    AssetIds,
    SceneSummaryRequest,
    SceneSummaryRequestResult,
    AssetSummarizeOptions
  > {
  /**
   * Summarises a catalogue: every asset of `assets` (a repeated one once), `concurrency` at a
   * time, within the client's rate limit; yields each asset's outcome as it settles. Each
   * asset costs a status read, one request, its polls and one result read. With a `journal`,
   * a rerun resumes: nothing stored is read again, nothing requested is requested again.
   * Every id and option is checked before anything is sent.
   *
   * @example
   * ```ts
   * for await (const done of client.sceneSummaries.summarizeMany(assets, { journal })) {
   *   if (done.outcome === "completed") await save(done.ids, toWebVtt(done.summaries));
   *   else console.error(done.ids.assetId, done.outcome);
   * }
   * ```
   * @throws InvalidInputError for a bad id (naming its index) or option, before anything is sent.
   * @throws AbortError (from the iteration) when the signal aborts; what settled was yielded.
   */
  summarizeMany: SummarizeMany;
}

/** The envelope a reconciled POST answers with: the POST took effect. */
const ACCEPTED = { code: "0", message: "success" } as const;

/**
 * Refuses a body the pages forbid (`locale` is allowed only on a full analysis), or that
 * openapi.yaml does not allow otherwise. `request` reads the status before it sends the body:
 * the body is checked before that read, so that a bad one sends nothing at all.
 *
 * @throws InvalidInputError naming `locale` when `sceneIds` is given too, or the field at fault.
 */
function checkBody(body: SceneSummaryRequest | undefined): void {
  if (body?.sceneIds !== undefined && body.locale !== undefined) {
    throw new InvalidInputError(
      "locale",
      "is allowed only on a full analysis, not with sceneIds: a re-analysis of some scenes keeps the language of the full one",
    );
  }
  checkRequestBody("requestAssetSceneSummary", body);
}

/** Whether `after` shows a run other than `before`; throws when the two cannot tell. */
function anotherRun(before: SceneSummaryStatus, after: SceneSummaryStatus): boolean {
  const verdict = isAnotherRun(before, after);
  if (verdict === undefined) throw new Error("the status does not tell one run from another");
  return verdict;
}

/** Creates `client.sceneSummaries`. */
export function createSceneSummaries(
  requester: Requester,
  dependencies: CatalogueDependencies,
): SceneSummariesResource {
  const status = async (ids: AssetIds, options?: CallOptions) =>
    (
      await requester.call(
        { id: "getAssetSceneSummaryStatus", path: assetPathParams(ids) },
        options,
      )
    ).result;

  const generation: Generation<AssetIds, AssetIds, SceneSummaryRequest, SceneSummaryRequestResult> =
    {
      async request(ids, body, options, known) {
        checkBody(body);
        const before = known ?? (await status(ids, options));
        const reconcile = async (signal: AbortSignal | undefined) =>
          anotherRun(before, await status(ids, { signal })) ? ACCEPTED : undefined;
        const path = assetPathParams(ids);
        const answer = await requester.call(
          { id: "requestAssetSceneSummary", path, body, reconcile },
          options,
        );
        return answer.result ?? {};
      },
      status,
      get: async (ids, options) =>
        (await requester.call({ id: "getAssetSceneSummary", path: assetPathParams(ids) }, options))
          .result,
      async cancel(ids, options) {
        const path = assetPathParams(ids);
        const before = await status(ids, options);
        // Only the run seen running, now cancelled, is this cancel's doing: a cancellation of
        // an earlier run says nothing of it. Statuses without request times cannot tell one
        // run from another; the one seen running has ended cancelled all the same.
        const reconcile = async (signal: AbortSignal | undefined) => {
          const after = await status(ids, { signal });
          if (after.status !== "SUMMARIZE_CANCELED" || !isRunningStatus(before.status)) {
            return undefined;
          }
          return isAnotherRun(before, after) === true ? undefined : ACCEPTED;
        };
        await requester.call({ id: "cancelAssetSceneSummary", path, reconcile }, options);
      },
      checkRequestIds: assetPathParams,
      checkRunIds: assetPathParams,
      runOf: (ids) => ids,
      statusBeforeRequest: (ids) => ids,
      bodyOf({ sceneIds, locale }) {
        // Every option given goes into the body, to be checked there: a locale that is not a
        // string is refused, not left out.
        const body = {
          ...(sceneIds !== undefined && { sceneIds }),
          ...(locale !== undefined && { locale }),
        };
        checkBody(body);
        return body;
      },
    };
  return {
    ...createResource<
      AssetIds,
      AssetIds,
      SceneSummaryRequest,
      SceneSummaryRequestResult,
      AssetSummarizeOptions
    >(generation, dependencies),
    summarizeMany: createSummarizeMany(generation, dependencies),
  };
}
