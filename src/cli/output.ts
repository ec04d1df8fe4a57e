/** What the commands print on stdout: a status for people or as JSON, and summaries in a format. */
import { toMarkdown, toSrt, toTable, toWebVtt } from "../export/index.js";
// Server text goes to a terminal, where control characters could move the cursor or recolour
// it: printableLine leaves none.
import { escapedJson, printableLine } from "../text.js";
import type { SceneSummaries, SceneSummaryStatus } from "../types.js";
import type { CommandContext } from "./context.js";
import type { CliIds } from "./invocation.js";
import { terminalWidth } from "./io.js";
import type { SummaryFormat } from "./options.js";
import { commandFor } from "./shell.js";

const MEANINGS: Record<string, string> = {
  BEFORE_SUMMARIZE: "no scene summarisation has been performed yet",
  WAIT_SUMMARIZE: "the request is accepted and waits to be processed",
  SUMMARIZING: "summarisation is in progress",
  SUMMARIZE_COMPLETED: "all requested scenes are summarised",
  SUMMARIZE_FAIL: "summarisation failed",
  SUMMARIZE_CANCELED: "summarisation was cancelled",
};

/**
 * A `result` object as the `--json` output: pretty-printed, two spaces, newline-terminated,
 * with no character a terminal would obey ({@link escapedJson}).
 */
export function toJson(result: unknown): string {
  return `${escapedJson(JSON.stringify(result, null, 2))}\n`;
}

/** A status for people: status and meaning, scenes, times, and the reason of a failure. */
export function formatStatus(result: SceneSummaryStatus): string {
  const meaning = MEANINGS[result.status] ?? "a status this version of ncp-mi does not know";
  const targets = Array.isArray(result.targetSceneIds)
    ? `(scenes ${result.targetSceneIds.map(String).join(", ")})`
    : "(all scenes)";
  const lines = [
    `Status:     ${printableLine(String(result.status))}: ${meaning}`,
    `Scenes:     ${shown(result.analyzedSceneCount)} of ${shown(result.totalSceneCount)} analysed ${printableLine(targets)}`,
    `Requested:  ${shown(result.requestedTime)}`,
    `Completed:  ${shown(result.completedTime)}`,
  ];
  if (result.status === "SUMMARIZE_FAIL") {
    const reason =
      typeof result.statusMessage === "string" ? result.statusMessage : "no details given";
    lines.push(`Reason:     ${printableLine(reason)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A field of a status for people: `-` when it has no value. */
function shown(value: unknown): string {
  return value === null || value === undefined ? "-" : printableLine(String(value));
}

/** Scene summaries in the format the command line chose. */
export function formatSummaries(result: SceneSummaries, context: CommandContext): string {
  const { ids } = context.invocation;
  switch (context.format as SummaryFormat) {
    case "table": {
      // The terminal's width; none (the table's own default) when stdout is not a terminal.
      const width = terminalWidth(context.io.columns, context.io.env);
      return toTable(result, width === undefined ? {} : { width });
    }
    case "json":
      return toJson(result);
    case "markdown":
      // The asset-based API names no index: the title names the asset.
      return toMarkdown(result, ids.indexId === undefined ? { title: `asset ${ids.assetId}` } : {});
    case "vtt":
      return toWebVtt(result);
    case "srt":
      return toSrt(result);
  }
}

/**
 * What `request` prints: that the summarisation was requested, its request ID when the
 * index-based API gives one, and the command that follows it.
 */
export function formatRequested(ids: CliIds, result: object): string {
  const summaryId = (result as { sceneSummaryId?: unknown }).sceneSummaryId;
  const lines = ["Requested a scene summarisation."];
  if (
    ids.indexId !== undefined &&
    (typeof summaryId === "number" || typeof summaryId === "string")
  ) {
    lines.push(`Scene summary request ID: ${printableLine(String(summaryId))}`);
    lines.push(
      `Follow it with: ${commandFor("wait", { ...ids, sceneSummaryId: String(summaryId) })}`,
    );
  } else if (ids.indexId !== undefined) {
    lines.push(
      "The API gave no scene summary request ID; status, wait and cancel need it (--summary).",
    );
  } else {
    lines.push(`Follow it with: ${commandFor("wait", ids)}`);
  }
  return `${lines.join("\n")}\n`;
}
