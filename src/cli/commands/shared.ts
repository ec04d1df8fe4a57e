/**
 * What the commands share: the operations of the API generation the command line names, on
 * its ids; the ids as each generation takes them; and a wait's options from `--interval`,
 * `--timeout` and `--grace`.
 */
import type { AssetIds, IndexIds, SceneSummaryIds } from "../../ids.js";
import type { CallOptions } from "../../requester.js";
import type { AssetSummarizeOptions } from "../../resources/asset.js";
import {
  isTerminalStatus,
  type SceneSummaries,
  type SceneSummaryRequest,
  type SceneSummaryStatus,
} from "../../types.js";
import type { WaitOptions } from "../../wait.js";
import type { CommandContext } from "../context.js";
import type { CliIds } from "../invocation.js";

/** The scene-summary operations of one API generation, bound to the command line's ids. */
export interface Generation {
  request(body: SceneSummaryRequest, options: CallOptions): Promise<object>;
  status(options: CallOptions): Promise<SceneSummaryStatus>;
  get(options: CallOptions): Promise<SceneSummaries>;
  cancel(options: CallOptions): Promise<void>;
  wait(options: WaitOptions): Promise<SceneSummaryStatus>;
  /** Requests (or follows the one running), waits, and reads the summaries. */
  summarize(options: AssetSummarizeOptions): Promise<SceneSummaries>;
}

/**
 * The operations of the generation the command line names: the index-based one with
 * `--index` (a run by `--summary`), else the asset-based one. The ids are taken as each
 * operation needs them, so an operation that needs `--summary` is only called with it.
 */
export function generationOf(context: CommandContext): Generation {
  const { client, invocation } = context;
  const { ids } = invocation;
  if (ids.indexId === undefined) {
    const resource = client.sceneSummaries;
    const asset = assetIds(ids);
    return {
      request: (body, options) => resource.request(asset, body, options),
      status: (options) => resource.status(asset, options),
      get: (options) => resource.get(asset, options),
      cancel: (options) => resource.cancel(asset, options),
      wait: (options) => resource.wait(asset, options),
      summarize: (options) => resource.summarize(asset, options),
    };
  }
  const resource = client.indexSceneSummaries;
  return {
    request: (body, options) => resource.request(indexIds(ids), body, options),
    status: (options) => resource.status(summaryIds(ids), options),
    get: (options) => resource.get(indexIds(ids), options),
    cancel: (options) => resource.cancel(summaryIds(ids), options),
    wait: (options) => resource.wait(summaryIds(ids), options),
    summarize: (options) => resource.summarize(indexIds(ids), options),
  };
}

/** The asset-based ids. */
export function assetIds(ids: CliIds): AssetIds {
  return { workspaceName: ids.workspaceName, projectId: ids.projectId, assetId: ids.assetId };
}

/** The index-based ids of a request or a result (called only with `--index`). */
function indexIds(ids: CliIds): IndexIds {
  return { ...assetIds(ids), indexId: ids.indexId ?? "" };
}

/** The index-based ids of a run (called only with `--index` and `--summary`). */
function summaryIds(ids: CliIds): SceneSummaryIds {
  return { ...indexIds(ids), sceneSummaryId: ids.sceneSummaryId ?? "" };
}

/** The options of a wait: `--interval` (kept as given, rather than growing), `--timeout`, `--grace`. */
export function waitOptions(context: CommandContext): WaitOptions {
  const { invocation, io } = context;
  return {
    intervalMs: invocation.intervalMs,
    maxIntervalMs: invocation.intervalMs,
    maxWaitMs: invocation.timeoutMs,
    notRequestedGraceMs: invocation.graceMs,
    signal: io.signal,
    onProgress: (update) => {
      // Something runs unless it has ended or never began (a status the pages do not name
      // is taken to run, as the wait takes it).
      context.state.summarisationRunning =
        !isTerminalStatus(update.status) && update.status !== "BEFORE_SUMMARIZE";
      context.progress.update(update);
    },
  };
}
