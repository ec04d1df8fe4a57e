/**
 * What the commands share: the ids as each API generation takes them, and a wait's options
 * from `--interval`, `--timeout` and `--grace`.
 */
import type { AssetIds, IndexIds, SceneSummaryIds } from "../../ids.js";
import { isTerminalStatus } from "../../types.js";
import type { WaitOptions } from "../../wait.js";
import type { CommandContext } from "../context.js";
import type { CliIds } from "../invocation.js";

/** The asset-based ids. */
export function assetIds(ids: CliIds): AssetIds {
  return { workspaceName: ids.workspaceName, projectId: ids.projectId, assetId: ids.assetId };
}

/** The index-based ids of a request or a result (called only with `--index`). */
export function indexIds(ids: CliIds): IndexIds {
  return { ...assetIds(ids), indexId: ids.indexId ?? "" };
}

/** The index-based ids of a run (called only with `--index` and `--summary`). */
export function summaryIds(ids: CliIds): SceneSummaryIds {
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
