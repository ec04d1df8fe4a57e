/**
 * Retry policy: which failures are worth another attempt, given whether the method is
 * idempotent, how long to wait, and how to read `Retry-After`.
 *
 * - `GET` and `DELETE` are idempotent: retried after a network error, a timeout, or HTTP
 *   429, 500, 502, 503 or 504.
 * - `POST` (request, cancel) is retried only when the request certainly did not take effect:
 *   the connection was never made (refused, DNS failure, unreachable, connect timeout), or
 *   the server said so (HTTP 503; a 429 from API Gateway itself, which refuses a request over
 *   the quota before the service sees it; any other 429 with `Retry-After`). Never after an
 *   attempt timeout, a reset, or another 5xx, where the server may have acted: those are
 *   *ambiguous*, and a
 *   POST that can read its outcome back from the status endpoint (see `Reconcile` in
 *   requester.ts) checks it before sending again.
 */
import type { MediaIntelligenceError } from "./errors.js";
import { networkCode } from "./network-error.js";

/** HTTP statuses that a later idempotent attempt may get past. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Error codes of a connection that was never made: the request cannot have reached the
 * server. Node reports them in `cause.code` (DNS, connect) of fetch's `TypeError`.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export { networkCode } from "./network-error.js";

/** Whether the request certainly never reached the server. */
function certainlyNotSent(error: MediaIntelligenceError): boolean {
  if (error.kind !== "network") return false;
  const code = networkCode(error.cause);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/**
 * Whether a failed POST may or may not have taken effect: a timeout, a network error after
 * connecting, or a 5xx other than 503.
 */
export function isAmbiguous(error: MediaIntelligenceError): boolean {
  if (error.kind === "timeout") return true;
  if (error.kind === "network") return !certainlyNotSent(error);
  return error.status !== undefined && error.status >= 500 && error.status !== 503;
}

/** Whether another attempt of `method` may succeed where this one failed. */
export function isRetryable(error: MediaIntelligenceError, method: string): boolean {
  if (method !== "POST") {
    if (error.kind === "network" || error.kind === "timeout") return true;
    return error.status !== undefined && RETRYABLE_STATUSES.has(error.status);
  }
  if (certainlyNotSent(error)) return true;
  if (error.status === 429) return error.kind === "gateway" || error.retryAfterMs !== undefined;
  return error.status === 503;
}

/** Backoff settings. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  retryDelayMs: number;
  /** Upper bound of any delay, `Retry-After` included, in ms. */
  maxRetryDelayMs: number;
  /** Random number in [0, 1), for jitter. */
  random: () => number;
}

/**
 * Delay before retry number `retry` (0 for the first): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that many clients throttled at once do not come back
 * in step. https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxRetryDelayMs, options.retryDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}

/**
 * The delay before retry number `retry`: the backoff, or the server's `Retry-After` when it
 * asks for longer. The backoff is a floor: `Retry-After: 0` or a date in the past does not
 * make the client hammer the server.
 */
export function retryDelay(
  error: MediaIntelligenceError,
  retry: number,
  options: BackoffOptions,
): number {
  return Math.max(backoffDelay(retry, options), error.retryAfterMs ?? 0);
}

/**
 * Reads `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3), as milliseconds from
 * `now`. Returns `undefined` when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP date form starts with a day name; Date.parse alone would accept "-1".
  const date = /^[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
