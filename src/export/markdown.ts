/**
 * Markdown export.
 *
 * @packageDocumentation
 */

import { printableLine } from "../text.js";
import type { SceneSummaries, SceneSummaryItem } from "../types.js";
import { NOT_ANALYSED, STALE_LONG, sceneTimestamp } from "./shared.js";

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
  const info = result.sceneSummaryInfo;
  if (!info) return "Last analysed: unknown (no summary information).";
  const ids = info.analyzedSceneIds;
  const scope =
    ids === null || ids === undefined
      ? "full analysis"
      : ids.length === 0
        ? "no scenes"
        : `${ids.length === 1 ? "scene" : "scenes"} ${ids.map(escapeMarkdownInline).join(", ")}`;
  return `Last analysed: ${escapeMarkdownInline(info.lastAnalyzedAt)} (${scope}).`;
}

function summaryCell(item: SceneSummaryItem): string {
  const summary = item.sceneSummary;
  if (!summary) return `_${NOT_ANALYSED}_`;
  const description = escapeMarkdownInline(summary.description);
  if (summary.metadataChangedAfterSummary !== true) return description;
  return description === "" ? `**${STALE_LONG}**` : `**${STALE_LONG}** — ${description}`;
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
 * @returns The Markdown document.
 * @throws RangeError when a scene's `startMs` or `endMs` is not a non-negative integer (the
 *   message names the scene, the field and the value).
 */
export function toMarkdown(result: SceneSummaries): string {
  const lines: string[] = [
    `# Scene summaries: index ${String(result.indexId)}`,
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
