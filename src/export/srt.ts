/**
 * SubRip (SRT) export.
 *
 * @packageDocumentation
 */

import type { SceneSummaries } from "../types.js";
import { forEachTimedCue, STALE_CUE_SUFFIX } from "./shared.js";

/** The `>` of each `-->`: found by looking back, so that a long row of dashes costs linear time. */
const ARROW_HEAD = /(?<=--)>/g;

/**
 * Breaks every `-->` of a cue's text into `-- >`, so that no text line can be read as a
 * timing line (players find those by their `-->`), however the text was written.
 *
 * @param text - One line of cue text.
 * @returns The text without `-->`.
 */
function breakArrows(text: string): string {
  return text.replace(ARROW_HEAD, " >");
}

/**
 * Exports a scene summary result as a SubRip (`.srt`) file, one cue per analysed scene.
 *
 * Each cue is its number (1, 2, 3 … consecutive over the exported cues, not the scene
 * number), the timing line `HH:MM:SS,mmm --> HH:MM:SS,mmm` and one line of text; cues are
 * separated by a blank line and the file ends with a newline (an empty string when no
 * scene is exported).
 *
 * Text is the scene's `description` made one printable line: every run of line terminators
 * (CR, LF, CRLF, blank lines), other control characters and bidirectional controls, with
 * the spaces around it, becomes one space, since a blank line would end the cue. Every `-->`
 * in it becomes `-- >`, so that the text cannot hold a timing line (a complete one would
 * start a cue of its own in most players). A stale scene (`metadataChangedAfterSummary:
 * true`) gets the suffix ` [stale]`; a blank description becomes `Scene N`.
 *
 * No other escaping: SRT has no escape mechanism. Players that interpret the informal tags
 * (`<b>`, `<i>`, `<font>`) have no way to show a literal `<b>` either, and the entity
 * `&lt;` would be displayed verbatim by most players, so `<`, `>` and `&` are otherwise left
 * as they are; summaries are natural-language text where tag-like sequences are unlikely.
 *
 * As in {@link toWebVtt}, scenes without `sceneSummary` and zero-length scenes are skipped
 * and cues are ordered by start time. Runs in time linear in the length of the text, plus a
 * sort when the scenes are not ordered by start time.
 *
 * @param result - The `result` of *Get scene summary result*.
 * @returns The SRT document.
 * @throws RangeError when an analysed scene's `startMs` or `endMs` is not a non-negative
 *   integer (the message names the scene, the field and the value).
 */
export function toSrt(result: SceneSummaries): string {
  const blocks: string[] = [];
  forEachTimedCue(result, ",", (_scene, start, end, text, stale) => {
    blocks.push(
      `${String(blocks.length + 1)}\n${start} --> ${end}\n${breakArrows(text)}${stale ? STALE_CUE_SUFFIX : ""}\n`,
    );
  });
  return blocks.join("\n");
}
