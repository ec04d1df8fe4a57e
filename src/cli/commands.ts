/**
 * The commands: each makes its calls through the client, on the asset-based API or, with
 * `--index`, the index-based one, and delivers the outcome (destination.ts).
 */
import type { MediaIntelligenceClient } from "../client.js";
import type { AssetIds, IndexIds, SceneSummaryIds } from "../ids.js";
import type { WaitProgress } from "../wait.js";
import type { CliIds, Invocation } from "./command-line.js";
import { deliver } from "./destination.js";
import type { CliEnvironment } from "./io.js";
import { formatRequested, formatStatus, formatSummaries, toJson } from "./output.js";
import { createProgressReporter, type ProgressReporter } from "./progress.js";

/** What a run has done on the server so far: what an interruption leaves behind. */
export interface RunState {
  /** A summarisation is running on the server that this run requested or followed. */
  summarisationRunning: boolean;
}

/**
 * Runs a checked command. Resolves when it succeeded; rejects with the error that ended it,
 * for run.ts to report and turn into an exit code.
 */
export async function runCommand(
  invocation: Invocation,
  client: MediaIntelligenceClient,
  io: CliEnvironment,
  state: RunState,
): Promise<void> {
  const { ids, output } = invocation;
  const call = { signal: io.signal };
  switch (invocation.command) {
    case "summarize":
      return summarize(invocation, client, io, state);
    case "request": {
      const body = requestBody(invocation);
      const result = ids.indexId
        ? await client.indexSceneSummaries.request(indexIds(ids), body, call)
        : await client.sceneSummaries.request(assetIds(ids), body, call);
      await deliver(invocation.json ? toJson(result) : formatRequested(ids, result), output, io);
      return;
    }
    case "cancel":
      if (ids.indexId) await client.indexSceneSummaries.cancel(summaryIds(ids), call);
      else await client.sceneSummaries.cancel(assetIds(ids), call);
      await deliver("Cancelled the scene summarisation.\n", output, io);
      return;
    case "status": {
      const result = ids.indexId
        ? await client.indexSceneSummaries.status(summaryIds(ids), call)
        : await client.sceneSummaries.status(assetIds(ids), call);
      await deliver(invocation.json ? toJson(result) : formatStatus(result), output, io);
      return;
    }
    case "summaries": {
      const result = ids.indexId
        ? await client.indexSceneSummaries.get(indexIds(ids), call)
        : await client.sceneSummaries.get(assetIds(ids), call);
      await deliver(formatSummaries(result, invocation.format, io.columns), output, io);
      return;
    }
    case "wait":
      return wait(invocation, client, io, state);
  }
}

/**
 * Makes the one request a command starts with, for `--dry-run`: for `summarize`, the
 * request of a summarisation (it reads the status first, and polls it after).
 */
export async function firstRequest(
  invocation: Invocation,
  client: MediaIntelligenceClient,
): Promise<unknown> {
  const { ids } = invocation;
  switch (invocation.command) {
    case "summarize":
    case "request":
      return ids.indexId
        ? client.indexSceneSummaries.request(indexIds(ids), requestBody(invocation))
        : client.sceneSummaries.request(assetIds(ids), requestBody(invocation));
    case "cancel":
      return ids.indexId
        ? client.indexSceneSummaries.cancel(summaryIds(ids))
        : client.sceneSummaries.cancel(assetIds(ids));
    case "status":
    case "wait":
      return ids.indexId
        ? client.indexSceneSummaries.status(summaryIds(ids))
        : client.sceneSummaries.status(assetIds(ids));
    case "summaries":
      return ids.indexId
        ? client.indexSceneSummaries.get(indexIds(ids))
        : client.sceneSummaries.get(assetIds(ids));
  }
}

function requestBody(invocation: Invocation): { sceneIds?: number[]; locale?: string } {
  return {
    ...(invocation.sceneIds ? { sceneIds: invocation.sceneIds } : {}),
    ...(invocation.locale ? { locale: invocation.locale } : {}),
  };
}

/** The progress reporter of `wait` and `summarize`: a bar on a terminal, else plain lines. */
function progressReporter(invocation: Invocation, io: CliEnvironment): ProgressReporter {
  const tty = io.isTTY === true;
  // https://no-color.org: set and not empty means no colour.
  const color = tty && !io.env.NO_COLOR;
  return createProgressReporter(io.stderr, { tty, color, label: invocation.command });
}

/** The options of a wait, from `--interval`, `--timeout` and `--grace`. */
function waitOptions(invocation: Invocation, io: CliEnvironment) {
  return {
    // A given --interval is kept as is, rather than growing like the default.
    intervalMs: invocation.intervalMs,
    maxIntervalMs: invocation.intervalMs,
    timeoutMs: invocation.timeoutMs,
    notRequestedGraceMs: invocation.graceMs,
    signal: io.signal,
  };
}

async function wait(
  invocation: Invocation,
  client: MediaIntelligenceClient,
  io: CliEnvironment,
  state: RunState,
): Promise<void> {
  const { ids } = invocation;
  const progress = progressReporter(invocation, io);
  const onProgress = (update: WaitProgress) => {
    state.summarisationRunning = !isFinal(update.status);
    progress.update(update);
  };
  const options = { ...waitOptions(invocation, io), onProgress };
  let result: Awaited<ReturnType<MediaIntelligenceClient["sceneSummaries"]["wait"]>>;
  try {
    result = ids.indexId
      ? await client.indexSceneSummaries.wait(summaryIds(ids), options)
      : await client.sceneSummaries.wait(assetIds(ids), options);
  } finally {
    progress.end();
  }
  await deliver(invocation.json ? toJson(result) : formatStatus(result), invocation.output, io);
}

async function summarize(
  invocation: Invocation,
  client: MediaIntelligenceClient,
  io: CliEnvironment,
  state: RunState,
): Promise<void> {
  const { ids } = invocation;
  const progress = progressReporter(invocation, io);
  const options = {
    ...waitOptions(invocation, io),
    ...requestBody(invocation),
    // The index-based API cannot follow a summarisation without its request ID: with --index,
    // one already in progress always ends the run (exit 6).
    waitForExisting: ids.indexId === undefined && invocation.waitForExisting,
    onRequested: () => {
      state.summarisationRunning = true;
      io.stderr.write("summarize: requested a scene summarisation.\n");
    },
    onExisting: () => {
      state.summarisationRunning = true;
      io.stderr.write(
        "summarize: a scene summarisation is already in progress: waiting for it instead " +
          "of requesting another (--no-wait-existing stops instead).\n",
      );
    },
    onProgress: (update: WaitProgress) => {
      state.summarisationRunning = !isFinal(update.status);
      progress.update(update);
    },
  };
  let result: Awaited<ReturnType<MediaIntelligenceClient["sceneSummaries"]["get"]>>;
  try {
    result = ids.indexId
      ? await client.indexSceneSummaries.summarize(indexIds(ids), options)
      : await client.sceneSummaries.summarize(assetIds(ids), options);
  } finally {
    progress.end();
  }
  await deliver(formatSummaries(result, invocation.format, io.columns), invocation.output, io);
}

/** Whether a status is an end: completed, failed or cancelled. */
function isFinal(status: string): boolean {
  return (
    status === "SUMMARIZE_COMPLETED" ||
    status === "SUMMARIZE_FAIL" ||
    status === "SUMMARIZE_CANCELED"
  );
}

function assetIds(ids: CliIds): AssetIds {
  return { workspaceName: ids.workspaceName, projectId: ids.projectId, assetId: ids.assetId };
}

function indexIds(ids: CliIds): IndexIds {
  // Called only with --index: parseCommandLine has checked it.
  return { ...assetIds(ids), indexId: ids.indexId ?? "" };
}

function summaryIds(ids: CliIds): SceneSummaryIds {
  // The index-based status, wait and cancel require --summary: parseCommandLine has checked it.
  return { ...indexIds(ids), sceneSummaryId: ids.sceneSummaryId ?? "" };
}
