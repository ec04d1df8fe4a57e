/**
 * Plain-text table export for terminals.
 *
 * @packageDocumentation
 */

import { printableLine } from "../text.js";
import type { SceneSummaries } from "../types.js";
import { displayWidth, graphemes, graphemeWidth } from "./display-width.js";
import { descriptionOf, NOT_ANALYSED, STALE, sceneTimestamp, summaryOf } from "./shared.js";

/** Options of {@link toTable}. */
export interface TableOptions {
  /**
   * The width to fit the table in, in terminal columns (default 100). Summaries are
   * word-wrapped to the room left by the other columns, but to no fewer than 20 columns,
   * so a very narrow width yields wider lines.
   */
  width?: number;
}

/** The default {@link TableOptions.width}. */
export const DEFAULT_TABLE_WIDTH = 100;
/** The summary column is never narrower than this, whatever {@link TableOptions.width}. */
const MIN_SUMMARY_WIDTH = 20;

const GAP = "  ";

/**
 * Word-wraps `text` to lines of at most `width` display columns; a word wider than
 * `width` is broken between grapheme clusters.
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(" ")) {
    if (word === "") continue;
    const wordWidth = displayWidth(word);
    if (lineWidth > 0 && lineWidth + 1 + wordWidth <= width) {
      line += ` ${word}`;
      lineWidth += 1 + wordWidth;
      continue;
    }
    if (lineWidth > 0) lines.push(line);
    if (wordWidth <= width) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    line = "";
    lineWidth = 0;
    for (const grapheme of graphemes(word)) {
      const w = graphemeWidth(grapheme);
      if (lineWidth > 0 && lineWidth + w > width) {
        lines.push(line);
        line = "";
        lineWidth = 0;
      }
      line += grapheme;
      lineWidth += w;
    }
  }
  if (lineWidth > 0) lines.push(line);
  return lines;
}

interface Row {
  readonly scene: string;
  readonly time: string;
  readonly status: string;
  readonly summary: string;
}

/**
 * Exports a scene summary result as a plain-text table for a terminal (the CLI's default
 * `--format table`), without colour codes:
 *
 * ```text
 * Scene  Start - End                  Status        Summary
 * -----  ---------------------------  ------------  ------------------------------------…
 *     1  00:00:00.000 - 00:00:42.500                The host opens the programme in the
 *                                                   studio and introduces the guest. …
 *     2  00:00:42.500 - 01:00:05.000  not analysed
 *     3  01:00:05.000 - 01:02:05.250  stale         The guest walks along the Han River …
 * ```
 *
 * Every scene is listed in the order given. The status column says `not analysed` for a
 * scene without `sceneSummary` (its summary is empty) and `stale` when
 * `metadataChangedAfterSummary` is `true` (the same markers as the Markdown export,
 * without the ⚠ sign, whose width varies between terminals); it is empty otherwise.
 * The fixed columns use ASCII only. Summaries are word-wrapped, not truncated, to the
 * columns left of `width`, measured with {@link displayWidth} (Korean and other wide
 * characters count 2); continuation lines are indented under the summary column.
 * Every run of line terminators, tabs, other control characters and bidirectional
 * controls in a description becomes one space, so it cannot break the layout, send escape
 * sequences to the terminal or reorder what is shown. Lines carry
 * no trailing spaces; the output ends with a newline. With no scene, the header is
 * followed by `(no scenes)`. Runs in O(total text length).
 *
 * @param result - The `result` of *Get scene summary result*.
 * @param options - See {@link TableOptions}.
 * @returns The table.
 * @throws RangeError when `options.width` is not a positive integer, or when a scene's
 *   `startMs` or `endMs` is not a non-negative integer (the message names the scene, the
 *   field and the value).
 */
export function toTable(result: SceneSummaries, options: TableOptions = {}): string {
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  if (!Number.isSafeInteger(width) || width < 1) {
    throw new RangeError(`Invalid table width ${String(width)}: expected a positive integer`);
  }

  const header: Row = { scene: "Scene", time: "Start - End", status: "Status", summary: "Summary" };
  let sceneWidth = header.scene.length;
  let timeWidth = header.time.length;
  let statusWidth = header.status.length;
  const rows: Row[] = [];
  for (const item of result.sceneSummaries) {
    const summary = summaryOf(item);
    const row: Row = {
      scene: String(item.scene),
      time: `${sceneTimestamp(item, "startMs")} - ${sceneTimestamp(item, "endMs")}`,
      status: !summary ? NOT_ANALYSED : summary.metadataChangedAfterSummary === true ? STALE : "",
      summary: summary ? printableLine(descriptionOf(summary)) : "",
    };
    // scene and time are ASCII (String of a number, formatted timestamps): length = width.
    if (row.scene.length > sceneWidth) sceneWidth = row.scene.length;
    if (row.time.length > timeWidth) timeWidth = row.time.length;
    if (row.status.length > statusWidth) statusWidth = row.status.length;
    rows.push(row);
  }

  const fixedWidth = sceneWidth + timeWidth + statusWidth + 3 * GAP.length;
  const summaryWidth = Math.max(MIN_SUMMARY_WIDTH, width - fixedWidth);
  const indent = " ".repeat(fixedWidth);
  const prefix = (row: Row): string =>
    `${row.scene.padStart(sceneWidth)}${GAP}${row.time.padEnd(timeWidth)}${GAP}${row.status.padEnd(statusWidth)}${GAP}`;

  const lines: string[] = [
    `${prefix(header)}${header.summary}`,
    `${"-".repeat(sceneWidth)}${GAP}${"-".repeat(timeWidth)}${GAP}${"-".repeat(statusWidth)}${GAP}${"-".repeat(summaryWidth)}`,
  ];
  if (rows.length === 0) lines.push("(no scenes)");
  for (const row of rows) {
    const wrapped = wrap(row.summary, summaryWidth);
    lines.push(`${prefix(row)}${wrapped[0] ?? ""}`.trimEnd());
    for (let i = 1; i < wrapped.length; i++) lines.push(`${indent}${wrapped[i] ?? ""}`);
  }
  lines.push("");
  return lines.join("\n");
}
