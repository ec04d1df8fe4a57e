// @ts-check
/**
 * Date-times as the Media Intelligence API writes them: ISO 8601 local date-times of the
 * service's zone (+09:00, Korea), without an offset. The SDK compares them only with each other
 * (to tell one run from another), never with its own clock.
 */

/** The service's UTC offset, in minutes: +09:00, Korea. */
const SERVICE_UTC_OFFSET_MINUTES = 540;

/**
 * A moment as the API writes it: the service's wall time, to the second, without an offset,
 * such as `2026-04-17T19:30:00` for 10:30:00 UTC.
 *
 * @param {number} ms since the epoch
 * @returns {string}
 */
export function serviceTime(ms) {
  return new Date(ms + SERVICE_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
}
