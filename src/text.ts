/**
 * Text from the server or the caller made safe to show on one line of a terminal or a
 * one-line field of an export.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * Characters that must not reach a terminal or a one-line field: control characters (C0,
 * DEL and C1: line feeds, carriage returns, tabs, escape codes), the line and paragraph
 * separators, and the bidirectional embeddings, overrides and isolates, which reorder the
 * text after them (`invoice_\u202Efdp.exe` reads as `invoice_exe.pdf`).
 */
const UNPRINTABLE = "\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069";
/** One run of unprintable characters and the spaces after it; the spaces before are trimmed apart. */
const UNPRINTABLE_RUN = new RegExp(`[${UNPRINTABLE}][${UNPRINTABLE} ]*`, "u");
const HAS_UNPRINTABLE = new RegExp(`[${UNPRINTABLE}]`, "u");

/** `text` without the spaces (U+0020) at its end, in time linear in their number. */
function withoutTrailingSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end -= 1;
  return text.slice(0, end);
}

/**
 * Makes `text` one printable line: every run of control characters, line or paragraph
 * separators and bidirectional embeddings, overrides and isolates (see below), together with the spaces around it, is
 * replaced by one space, and the result is trimmed. So the result holds no line terminator,
 * no escape sequence a terminal would obey, and nothing that reorders what is shown; other
 * characters (letters of any script, emoji and their joiners) are kept as they are.
 *
 * The characters replaced are the control characters (`\p{Cc}`: C0, DEL and C1, including
 * CR, LF and tab), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR, and the bidirectional
 * embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). The bidirectional
 * marks (U+200E, U+200F, U+061C) are kept: they only place neutral characters in
 * right-to-left text, and such text needs them.
 *
 * Runs in time linear in the length of `text`, whatever it holds.
 *
 * @param text - Any text, such as a description or a status message from the server.
 * @returns The text on one printable line.
 *
 * @example
 * ```ts
 * printableLine(" GPU quota \r\n\r\n exhausted\t\n"); // "GPU quota exhausted"
 * printableLine("invoice_\u202Efdp.exe"); // "invoice_ fdp.exe"
 * ```
 */
export function printableLine(text: string): string {
  if (!HAS_UNPRINTABLE.test(text)) return text.trim();
  // split, not replace with a pattern that also takes the spaces before a run: that pattern
  // would be tried again from each of a long row of spaces, in quadratic time.
  return text.split(UNPRINTABLE_RUN).map(withoutTrailingSpaces).join(" ").trim();
}

/**
 * The unprintable characters (see {@link printableLine}) that JSON.stringify leaves as they
 * are: DEL and the C1 controls, the line and paragraph separators, the bidirectional controls.
 */
const LEFT_BY_STRINGIFY = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with no character a terminal would obey or that would reorder what is shown:
 * JSON.stringify escapes the C0 controls, and this escapes the rest (U+009B starts an escape
 * sequence on some terminals; U+202E shows `invoice_\u202efdp.exe` as `invoice_exe.pdf`) the
 * same way, as `\u009b` and `\u202e`, so the JSON still parses to the same value.
 *
 * @param json - Output of JSON.stringify.
 * @returns The same JSON, those characters escaped.
 */
export function escapedJson(json: string): string {
  return json.replace(
    LEFT_BY_STRINGIFY,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
