/**
 * Markdown export.
 *
 * @packageDocumentation
 */

import { printableLine } from "../text.js";
import type { SceneSummaries, SceneSummaryInfo, SceneSummaryItem } from "../types.js";
import { descriptionOf, NOT_ANALYSED, STALE_LONG, sceneTimestamp, summaryOf } from "./shared.js";

/**
 * Characters escaped by {@link escapeMarkdownInline}: `&`, `<`, `>` become entities; the
 * others get a backslash.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]~|$&<>]/g;
const MARKDOWN_ENTITY: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

/**
 * Escapes plain text for use inline in Markdown, including inside a GFM table cell, so
 * that it renders literally in CommonMark / GitHub Flavored Markdown renderers:
 *
 * - every run of line terminators (CR, LF, CRLF, blank lines), other control characters and
 *   bidirectional controls, with the spaces around it, becomes one space, so a cell stays on
 *   its row and reads in the order written;
 * - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`: no raw HTML, autolink or entity
 *   reference can be formed;
 * - `\` `` ` `` `*` `_` `[` `]` `~` `|` `$` get a backslash: no emphasis, code span, link,
 *   strikethrough, math or cell break. The backslash itself is escaped first, so a `\|`
 *   in the text becomes `\\\|` and still renders as `\|`.
 *
 * @param text - Plain text.
 * @returns Markdown source that renders as `text` (on a single line).
 */
export function escapeMarkdownInline(text: string): string {
  return printableLine(text).replace(MARKDOWN_SPECIAL, (ch) => MARKDOWN_ENTITY[ch] ?? `\\${ch}`);
}

function summaryInfoLine(result: SceneSummaries): string {
  const info: unknown = result.sceneSummaryInfo;
  if (info === null || typeof info !== "object") {
    return "Last analysed: unknown (no summary information).";
  }
  const { analyzedSceneIds: ids, lastAnalyzedAt } = info as SceneSummaryInfo;
  const scope = !Array.isArray(ids)
    ? "full analysis"
    : ids.length === 0
      ? "no scenes"
      : `${ids.length === 1 ? "scene" : "scenes"} ${ids.map((id) => escapeMarkdownInline(String(id))).join(", ")}`;
  const when =
    typeof lastAnalyzedAt === "string" ? escapeMarkdownInline(lastAnalyzedAt) : "unknown";
  return `Last analysed: ${when} (${scope}).`;
}

function summaryCell(item: SceneSummaryItem): string {
  const summary = summaryOf(item);
  if (!summary) return `_${NOT_ANALYSED}_`;
  const description = escapeMarkdownInline(descriptionOf(summary));
  if (summary.metadataChangedAfterSummary !== true) return description;
  return description === "" ? `**${STALE_LONG}**` : `**${STALE_LONG}** — ${description}`;
}

/** Options of {@link toMarkdown}. */
export interface MarkdownOptions {
  /**
   * What the title names after "Scene summaries: ", such as `asset 5678`. Default: the
   * result's index (`index 1001`), or nothing when it has none.
   */
  title?: string;
}

/**
 * Exports a scene summary result as a Markdown (GFM) document:
 *
 * ```markdown
 * # Scene summaries: index 1001
 *
 * Last analysed: 2026-04-17T11:05:12 (scenes 1, 3).
 *
 * | Scene | Start – End | Summary |
 * | ---: | --- | --- |
 * | 1 | 00:00:00.000 – 00:00:42.500 | The host opens … |
 * | 2 | 00:00:42.500 – 01:00:05.000 | _not analysed_ |
 * | 3 | 01:00:05.000 – 01:02:05.250 | **⚠ stale: metadata changed after summary** — The guest … |
 * ```
 *
 * The info line says `(full analysis)` when `analyzedSceneIds` is `null`, and
 * `unknown (no summary information)` when `sceneSummaryInfo` is absent. Every scene is
 * listed, in the order given, including zero-length ones; times are `HH:MM:SS.mmm` as
 * from `formatTimestamp`. A scene without `sceneSummary` shows `_not analysed_`; a
 * stale one (`metadataChangedAfterSummary: true`) is prefixed with
 * `**⚠ stale: metadata changed after summary** — `. All text from the API is escaped
 * with {@link escapeMarkdownInline}. With no scene, the table has only its header. The
 * document ends with a newline. Runs in O(n) for n scenes.
 *
 * @param result - The `result` of *Get scene summary result*.
 * @param options - See {@link MarkdownOptions}.
 * @returns The Markdown document.
 * @throws RangeError when a scene's `startMs` or `endMs` is not a non-negative integer (the
 *   message names the scene, the field and the value).
 */
export function toMarkdown(result: SceneSummaries, options: MarkdownOptions = {}): string {
  const index = result.indexId;
  const subject =
    options.title ??
    (typeof index === "number" || typeof index === "string" ? `index ${String(index)}` : undefined);
  const lines: string[] = [
    `# Scene summaries${subject === undefined ? "" : `: ${escapeMarkdownInline(subject)}`}`,
    "",
    summaryInfoLine(result),
    "",
    "| Scene | Start – End | Summary |",
    "| ---: | --- | --- |",
  ];
  for (const item of result.sceneSummaries) {
    lines.push(
      `| ${escapeMarkdownInline(String(item.scene))} | ${sceneTimestamp(item, "startMs")} – ${sceneTimestamp(item, "endMs")} | ${summaryCell(item)} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
