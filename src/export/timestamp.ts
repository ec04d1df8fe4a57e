/**
 * Timestamp formatting for the export formats.
 *
 * @packageDocumentation
 */

/**
 * The character between seconds and milliseconds: `.` for WebVTT (and Markdown / the
 * terminal table), `,` for SubRip (SRT).
 */
export type TimestampSeparator = "." | ",";

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/** Renders a value for an error message: numbers as JavaScript prints them, anything else as JSON. */
function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  try {
    return `${JSON.stringify(value)} (${typeof value})`;
  } catch {
    return `a value of type ${typeof value}`;
  }
}

/**
 * Formats a duration or offset in milliseconds as `HH:MM:SS.mmm` (or `HH:MM:SS,mmm`).
 *
 * Hours are always present and have at least two digits; they are not wrapped at 24 or
 * 100, so 360,000,000 ms is `100:00:00.000`. Minutes and seconds always have two digits
 * and milliseconds three. This is the form both WebVTT (hours of two or more digits) and
 * SRT accept.
 *
 * @param ms - A non-negative safe integer number of milliseconds.
 * @param separator - The seconds/milliseconds separator, `.` (default) or `,`.
 * @returns The formatted timestamp, e.g. `01:00:05.000` for 3,605,000.
 * @throws RangeError when `ms` is negative, not an integer, not finite, above
 *   `Number.MAX_SAFE_INTEGER` or not a number at all; the message names the value.
 *
 * @example
 * ```ts
 * formatTimestamp(3_605_000); // "01:00:05.000"
 * formatTimestamp(1_000, ","); // "00:00:01,000"
 * ```
 */
export function formatTimestamp(ms: number, separator: TimestampSeparator = "."): string {
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(
      `Invalid timestamp ${describe(ms)}: expected a non-negative integer number of milliseconds`,
    );
  }
  const hours = Math.floor(ms / MS_PER_HOUR);
  const minutes = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  const seconds = Math.floor((ms % MS_PER_MINUTE) / MS_PER_SECOND);
  const millis = ms % MS_PER_SECOND;
  return `${hours < 10 ? "0" : ""}${hours}:${minutes < 10 ? "0" : ""}${minutes}:${
    seconds < 10 ? "0" : ""
  }${seconds}${separator}${String(millis).padStart(3, "0")}`;
}

/**
 * Formats milliseconds as a WebVTT timestamp, `HH:MM:SS.mmm`.
 *
 * @param ms - A non-negative safe integer number of milliseconds.
 * @returns The timestamp, e.g. `00:00:01.000`.
 * @throws RangeError for invalid input, see {@link formatTimestamp}.
 */
export function formatVttTimestamp(ms: number): string {
  return formatTimestamp(ms, ".");
}

/**
 * Formats milliseconds as a SubRip (SRT) timestamp, `HH:MM:SS,mmm`.
 *
 * @param ms - A non-negative safe integer number of milliseconds.
 * @returns The timestamp, e.g. `00:00:01,000`.
 * @throws RangeError for invalid input, see {@link formatTimestamp}.
 */
export function formatSrtTimestamp(ms: number): string {
  return formatTimestamp(ms, ",");
}
