/**
 * SubRip (SRT) export.
 *
 * @packageDocumentation
 */

import type { SceneSummaries } from "../types.js";
import { forEachTimedCue, STALE_CUE_SUFFIX } from "./shared.js";

/**
 * Exports a scene summary result as a SubRip (`.srt`) file, one cue per analysed scene.
 *
 * Each cue is its number (1, 2, 3 … consecutive over the exported cues, not the scene
 * number), the timing line `HH:MM:SS,mmm --> HH:MM:SS,mmm` and one line of text; cues are
 * separated by a blank line and the file ends with a newline (an empty string when no
 * scene is exported).
 *
 * Text is the scene's `description` with every run of line terminators (CR, LF, CRLF,
 * blank lines) replaced by one space: a blank line would end the cue. A stale scene
 * (`metadataChangedAfterSummary: true`) gets the suffix ` [stale]`; a blank description
 * becomes `Scene N`.
 *
 * No escaping: SRT has no escape mechanism. Players that interpret the informal tags
 * (`<b>`, `<i>`, `<font>`) have no way to show a literal `<b>` either, and the entity
 * `&lt;` would be displayed verbatim by most players, so `<`, `>` and `&` are left as they
 * are; summaries are natural-language text where tag-like sequences are unlikely.
 *
 * As in {@link toWebVtt}, scenes without `sceneSummary` and zero-length scenes are skipped
 * and cues are ordered by start time. Runs in O(n) for n scenes.
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
      `${String(blocks.length + 1)}\n${start} --> ${end}\n${text}${stale ? STALE_CUE_SUFFIX : ""}\n`,
    );
  });
  return blocks.join("\n");
}
