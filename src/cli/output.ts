/** What the commands print on stdout: a status for people or as JSON, and summaries in a format. */
import { toMarkdown, toSrt, toTable, toWebVtt } from "../export/index.js";
// Server text goes to a terminal, where control characters could move the cursor or recolour
// it: collapseLineBreaks leaves none.
import { collapseLineBreaks } from "../export/shared.js";
import type { SceneSummaries, SceneSummaryStatus } from "../types.js";
import type { SummaryFormat } from "./command-definitions.js";

const MEANINGS: Record<string, string> = {
  BEFORE_SUMMARIZE: "no scene summarisation has been performed yet",
  WAIT_SUMMARIZE: "the request is accepted and waits to be processed",
  SUMMARIZING: "summarisation is in progress",
  SUMMARIZE_COMPLETED: "all requested scenes are summarised",
  SUMMARIZE_FAIL: "summarisation failed",
  SUMMARIZE_CANCELED: "summarisation was cancelled",
};

/** A `result` object as the `--json` output: pretty-printed, two spaces, newline-terminated. */
export function toJson(result: unknown): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** A status for people: status and meaning, scenes, times, and the reason of a failure. */
export function formatStatus(result: SceneSummaryStatus): string {
  const meaning = MEANINGS[result.status] ?? "a status this version of ncp-mi does not know";
  const targets = result.targetSceneIds
    ? ` (scenes ${result.targetSceneIds.join(", ")})`
    : " (all scenes)";
  const lines = [
    `Status:     ${collapseLineBreaks(result.status)}: ${meaning}`,
    `Scenes:     ${result.analyzedSceneCount} of ${result.totalSceneCount} analysed${targets}`,
    `Requested:  ${collapseLineBreaks(result.requestedTime)}`,
    `Completed:  ${result.completedTime === null ? "-" : collapseLineBreaks(result.completedTime)}`,
  ];
  if (result.status === "SUMMARIZE_FAIL") {
    lines.push(`Reason:     ${collapseLineBreaks(result.statusMessage ?? "no details given")}`);
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
