/**
 * Internal helpers shared by the export formats; not re-exported from the package.
 *
 * @internal
 * @packageDocumentation
 */

import { printableLine } from "../text.js";
import type { SceneSummaries, SceneSummary, SceneSummaryItem } from "../types.js";
import { formatTimestamp, type TimestampSeparator } from "./timestamp.js";

/** Appended to the cue text of a stale scene in WebVTT and SRT. @internal */
export const STALE_CUE_SUFFIX = " [stale]";
/** Marks a scene without `sceneSummary` (Markdown and the terminal table). @internal */
export const NOT_ANALYSED = "not analysed";
/** Marks a scene whose `metadataChangedAfterSummary` is `true`. @internal */
export const STALE = "stale";
/** The longer form of {@link STALE}, used in Markdown. @internal */
export const STALE_LONG = "⚠ stale: metadata changed after summary";

/**
 * Receives one cue of a timed-text format.
 *
 * @param scene - The scene number.
 * @param start - The formatted start timestamp.
 * @param end - The formatted end timestamp.
 * @param text - The description made one printable line (never empty: `Scene N` when
 *   the description is blank), not escaped.
 * @param stale - `metadataChangedAfterSummary`.
 * @internal
 */
export type CueVisitor = (
  scene: number,
  start: string,
  end: string,
  text: string,
  stale: boolean,
) => void;

/**
 * `item[field]` formatted by {@link formatTimestamp}, so that every export reports a bad
 * time the same way.
 *
 * @throws RangeError when the value is not a non-negative integer; the message names the
 *   scene, the field and the value.
 * @internal
 */
export function sceneTimestamp(
  item: SceneSummaryItem,
  field: "startMs" | "endMs",
  separator: TimestampSeparator = ".",
): string {
  try {
    return formatTimestamp(item[field], separator);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new RangeError(`Scene ${String(item.scene)}: ${field}: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * The summary of a scene, when it has one: the pages leave it out for a scene not analysed,
 * and a service may send `null` (or, departing from the spec, something else) instead.
 *
 * @internal
 */
export function summaryOf(item: SceneSummaryItem): SceneSummary | undefined {
  const summary: unknown = item.sceneSummary;
  return summary !== null && typeof summary === "object" && !Array.isArray(summary)
    ? (summary as SceneSummary)
    : undefined;
}

/** A summary's description; empty when it has none as text. @internal */
export function descriptionOf(summary: SceneSummary): string {
  return typeof summary.description === "string" ? summary.description : "";
}

/** Whether a scene becomes a timed cue: analysed, with a positive duration. */
function isCue(item: SceneSummaryItem): boolean {
  return summaryOf(item) !== undefined && item.endMs > item.startMs;
}

/**
 * Whether the cues among `items` are already in the order of the sort in
 * {@link forEachTimedCue}: by start time, and by end time descending among equal starts
 * (a parent chapter before the ones it contains), so sorted and unsorted input agree.
 */
function cuesOrdered(items: readonly SceneSummaryItem[]): boolean {
  let previous: SceneSummaryItem | undefined;
  for (const item of items) {
    if (!isCue(item)) continue;
    if (
      previous &&
      (item.startMs < previous.startMs ||
        (item.startMs === previous.startMs && item.endMs > previous.endMs))
    ) {
      return false;
    }
    previous = item;
  }
  return true;
}

/**
 * Walks the scenes of a result that become cues of a timed-text format, in O(n) (plus a
 * sort only when the input is not already ordered by start time), without building
 * intermediate objects:
 *
 * - scenes without `sceneSummary` are skipped (nothing to show);
 * - scenes whose `endMs` is not greater than `startMs` (zero-length) are skipped, since a
 *   WebVTT cue's end time must be greater than its start time and players never show them;
 * - cues are visited by start time (then longest first), as WebVTT requires each cue to
 *   start no earlier than the previous one; already ordered input (the API's) is walked
 *   as is.
 *
 * @throws RangeError when an analysed scene's `startMs` or `endMs` is not a non-negative
 *   integer (the message names the scene, the field and the value).
 * @internal
 */
export function forEachTimedCue(
  result: SceneSummaries,
  separator: TimestampSeparator,
  visit: CueVisitor,
): void {
  let items = result.sceneSummaries;
  if (!cuesOrdered(items)) {
    items = items
      .filter((item) => summaryOf(item) !== undefined)
      .sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
  }
  for (const item of items) {
    const summary = summaryOf(item);
    if (!summary) continue;
    const start = sceneTimestamp(item, "startMs", separator);
    const end = sceneTimestamp(item, "endMs", separator);
    if (item.endMs <= item.startMs) continue;
    const text = printableLine(descriptionOf(summary));
    visit(
      item.scene,
      start,
      end,
      text === "" ? `Scene ${String(item.scene)}` : text,
      summary.metadataChangedAfterSummary === true,
    );
  }
}
