/**
 * Retry policy for the two idempotent GETs: which failures are worth another attempt, how
 * long to wait, and how to read `Retry-After`.
 */
import type { MediaIntelligenceError } from "./errors.js";

/** HTTP statuses that a later attempt may get past: throttling and server-side failures. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Whether another attempt may succeed where this one failed. Other 4xx never will. */
export function isRetryable(error: MediaIntelligenceError): boolean {
  if (error.kind === "network" || error.kind === "timeout") return true;
  return error.status !== undefined && RETRYABLE_STATUSES.has(error.status);
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
