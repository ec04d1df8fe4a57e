/**
 * WebVTT chapters export.
 *
 * @packageDocumentation
 */

import type { SceneSummaries } from "../types.js";
import { forEachTimedCue, STALE_CUE_SUFFIX } from "./shared.js";

const CUE_TEXT_SPECIAL = /[&<>]/g;
const CUE_TEXT_ENTITY: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

/**
 * Escapes text for a WebVTT cue payload as the WebVTT spec's cue text syntax requires:
 * `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`. Escaping `>` also means the result never
 * contains `-->`. Line terminators are not touched here.
 *
 * @param text - Plain text.
 * @returns The escaped text.
 */
export function escapeWebVttText(text: string): string {
  return text.replace(CUE_TEXT_SPECIAL, (ch) => CUE_TEXT_ENTITY[ch] ?? ch);
}

/**
 * Exports a scene summary result as a WebVTT file of chapters (for
 * `<track kind="chapters">`), one cue per analysed scene.
 *
 * Layout: the `WEBVTT` line, then for each cue a blank line, the cue identifier
 * `scene-N` (N = scene number; it can contain neither `-->` nor a line terminator),
 * the timing line `HH:MM:SS.mmm --> HH:MM:SS.mmm` and one line of cue text. The file
 * ends with a newline; with no cue it is just `WEBVTT\n`.
 *
 * Cue text is the scene's `description`:
 * - escaped as the spec requires (`&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`), so it holds
 *   no tags and no `-->`; other characters (Korean, emoji, curly quotes) are kept as is;
 * - every run of line terminators (CR, LF, CRLF, blank lines), other control characters and
 *   bidirectional controls, with the spaces around it, is replaced by one space, so the text
 *   is a single printable line that can neither end the cue early nor start a new one;
 * - a stale scene (`metadataChangedAfterSummary: true`) gets the suffix ` [stale]`;
 * - a blank description becomes `Scene N`, since a chapter needs a title.
 *
 * Skipped: scenes without `sceneSummary` (not analysed) and zero-length scenes
 * (`endMs <= startMs`; the spec requires a cue's end to be after its start). Cues are
 * ordered by start time; a repeated scene number gets no identifier the second time,
 * as identifiers must be unique. Chapters should not overlap partially; scenes from the
 * API do not, and this function does not check it.
 *
 * Runs in O(n) for n scenes (the parts are joined once).
 *
 * @param result - The `result` of *Get scene summary result*.
 * @returns The WebVTT document.
 * @throws RangeError when an analysed scene's `startMs` or `endMs` is not a non-negative
 *   integer (the message names the scene, the field and the value).
 *
 * @example
 * ```text
 * WEBVTT
 *
 * scene-1
 * 00:00:01.000 --> 00:00:03.000
 * The host greets the camera from Gwanghwamun Square …
 * ```
 */
export function toWebVtt(result: SceneSummaries): string {
  const parts: string[] = ["WEBVTT\n"];
  const seen = new Set<number>();
  forEachTimedCue(result, ".", (scene, start, end, text, stale) => {
    // A repeated scene number gets no identifier: identifiers must be unique.
    let id = "";
    if (!seen.has(scene)) {
      seen.add(scene);
      id = `scene-${String(scene)}\n`;
    }
    parts.push(
      `\n${id}${start} --> ${end}\n${escapeWebVttText(text)}${stale ? STALE_CUE_SUFFIX : ""}\n`,
    );
  });
  return parts.join("");
}
