/** What the commands print on stdout: a status for people or as JSON, and summaries in a format. */
import { toMarkdown, toSrt, toTable, toWebVtt } from "../export/index.js";
// Server text goes to a terminal, where control characters could move the cursor or recolour
// it: printableLine leaves none.
import { printableLine } from "../text.js";
import type { SceneSummaries, SceneSummaryStatus } from "../types.js";
import type { SummaryFormat } from "./command-definitions.js";
import type { CliIds } from "./command-line.js";
import { commandFor } from "./shell.js";

const MEANINGS: Record<string, string> = {
  BEFORE_SUMMARIZE: "no scene summarisation has been performed yet",
  WAIT_SUMMARIZE: "the request is accepted and waits to be processed",
  SUMMARIZING: "summarisation is in progress",
  SUMMARIZE_COMPLETED: "all requested scenes are summarised",
  SUMMARIZE_FAIL: "summarisation failed",
  SUMMARIZE_CANCELED: "summarisation was cancelled",
};

/** What JSON.stringify leaves unescaped of the control characters: DEL and C1. */
const UNESCAPED_CONTROL = /[\u007f-\u009f]/g;

/**
 * A `result` object as the `--json` output: pretty-printed, two spaces, newline-terminated.
 * JSON.stringify escapes C0 controls but leaves DEL and the C1 controls (U+0080–U+009F), which
 * some terminals obey (U+009B starts an escape sequence): they are escaped too, as `\u009b`.
 */
export function toJson(result: unknown): string {
  const json = JSON.stringify(result, null, 2).replace(
    UNESCAPED_CONTROL,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `${json}\n`;
}

/** A status for people: status and meaning, scenes, times, and the reason of a failure. */
export function formatStatus(result: SceneSummaryStatus): string {
  const meaning = MEANINGS[result.status] ?? "a status this version of ncp-mi does not know";
  const targets = result.targetSceneIds
    ? ` (scenes ${result.targetSceneIds.join(", ")})`
    : " (all scenes)";
  const lines = [
    `Status:     ${printableLine(result.status)}: ${meaning}`,
    `Scenes:     ${result.analyzedSceneCount} of ${result.totalSceneCount} analysed${targets}`,
    `Requested:  ${printableLine(result.requestedTime)}`,
    `Completed:  ${result.completedTime === null ? "-" : printableLine(result.completedTime)}`,
  ];
  if (result.status === "SUMMARIZE_FAIL") {
    lines.push(`Reason:     ${printableLine(result.statusMessage ?? "no details given")}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Scene summaries in the chosen format.
 *
 * @param width - Terminal columns for the table, when stdout is a terminal.
 */
export function formatSummaries(
  result: SceneSummaries,
  format: SummaryFormat,
  width: number | undefined,
): string {
  switch (format) {
    case "table":
      return toTable(result, width === undefined ? {} : { width });
    case "json":
      return toJson(result);
    case "markdown":
      return toMarkdown(result);
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
