/**
 * Terminal display width of strings, without a dependency.
 *
 * @packageDocumentation
 */

/** Printable ASCII only: one column per character. */
const PRINTABLE_ASCII = /^[ -~]*$/;
/** Control characters, combining marks, format characters (ZWJ, …), conjoining jamo vowels and finals. */
const ZERO_WIDTH = /^[\p{Cc}\p{Mn}\p{Me}\p{Cf}\u1160-\u11FF\uD7B0-\uD7FF]$/u;
/**
 * East Asian Wide (W) and Fullwidth (F) characters, approximately per Unicode's
 * EastAsianWidth.txt (Hangul, CJK, kana, fullwidth forms …), and emoji that are shown as
 * emoji by default.
 */
const WIDE =
  /^[\u1100-\u115F\u2329\u232A\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{16FE0}-\u{16FE4}\u{17000}-\u{18CFF}\u{1B000}-\u{1B2FF}\u{1F200}-\u{1F2FF}\u{20000}-\u{3FFFD}\p{Emoji_Presentation}]$/u;
/**
 * Characters that combine with their neighbours into one grapheme cluster (marks, ZWJ,
 * variation selectors, regional indicators, emoji modifiers and tags, conjoining jamo):
 * only strings containing one need grapheme segmentation, which is much slower.
 */
const CLUSTERING =
  /\p{M}|\u200D|[\uFE00-\uFE0F]|\p{RI}|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}]|[\u1100-\u11FF\uD7B0-\uD7FF]/u;
/** VARIATION SELECTOR-16: requests emoji presentation, which terminals draw two columns wide. */
const EMOJI_PRESENTATION_SELECTOR = "\uFE0F";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/**
 * The code units given to the segmenter at a time. Each step of Node 20's segmenter costs
 * time in proportion to the length of the text it was given, so one long text segmented at
 * once takes quadratic time; windows of a bounded length keep the whole linear.
 */
const WINDOW = 256;

/** The width of one code point (given as a string): 0, 1 or 2. */
function codePointWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  // Fast paths: Latin-1 and the like (controls and the soft hyphen are 0), Hangul syllables.
  if (cp < 0x300) return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad ? 0 : 1;
  if (cp >= 0xac00 && cp <= 0xd7a3) return 2;
  if (ZERO_WIDTH.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/**
 * The number of terminal columns one grapheme cluster occupies: the widest of its code
 * points (so `e` + combining accent is 1, an emoji ZWJ sequence or a flag is 2), or 2 if
 * it asks for emoji presentation with U+FE0F.
 *
 * @param grapheme - One extended grapheme cluster.
 * @returns 0, 1 or 2.
 */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1) return codePointWidth(grapheme);
  if (grapheme.includes(EMOJI_PRESENTATION_SELECTOR)) return 2;
  let width = 0;
  for (const ch of grapheme) {
    const w = codePointWidth(ch);
    if (w > width) width = w;
  }
  return width;
}

/**
 * The extended grapheme clusters (user-perceived characters) of `text`, in order, in time
 * linear in its length.
 *
 * Text without a character that combines with its neighbours is split into code points.
 * Other text is segmented a window of {@link WINDOW} code units at a time. Every cluster of a
 * window but its last is final: a boundary depends only on the characters before it and the
 * one after it, and each window starts on a boundary. The last cluster may go on past the
 * window, so the next window starts where it starts; a window that is one cluster only is
 * made twice as long.
 *
 * @param text - Any string.
 * @returns The clusters, in order.
 */
export function* graphemes(text: string): Generator<string, void, undefined> {
  if (!CLUSTERING.test(text)) {
    yield* text;
    return;
  }
  let start = 0;
  let length = WINDOW;
  while (start < text.length) {
    let end = Math.min(start + length, text.length);
    // Not between the two halves of a surrogate pair.
    if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
    const window = text.slice(start, end);
    let last = "";
    let lastIndex = 0;
    for (const { segment, index } of segmenter.segment(window)) {
      if (last !== "") yield last;
      last = segment;
      lastIndex = index;
    }
    if (end === text.length) {
      yield last;
      return;
    }
    if (lastIndex === 0) {
      length *= 2;
      continue;
    }
    start += lastIndex;
    length = WINDOW;
  }
}

/** Whether a UTF-16 code unit is the second half of a surrogate pair. */
function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * The number of columns `text` occupies in a monospace terminal.
 *
 * Counted per grapheme cluster: East Asian Wide and Fullwidth characters (Hangul such as
 * `광화문`, CJK ideographs, kana, fullwidth forms) and emoji count 2; combining marks,
 * zero-width format characters and control characters count 0; everything else,
 * including East Asian Ambiguous characters such as curly quotes, counts 1 (as in
 * non-CJK locales). Tabs and other control characters are expected to have been
 * replaced before measuring.
 *
 * @param text - Any string.
 * @returns Its display width in columns.
 *
 * @example
 * ```ts
 * displayWidth("abc"); // 3
 * displayWidth("광화문"); // 6
 * displayWidth("👍"); // 2
 * ```
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  return width;
}
