/**
 * Observability callbacks of the client, for logs, metrics and the CLI's `--debug`. They are
 * given what a request is and how it went, never a header, the signature or a key. They run
 * inside the call: keep them quick, and an exception they throw ends the call with it.
 */
import type { SceneSummaryStatusValue } from "./types.js";

/** What every request callback is told. */
export interface RequestInfo {
  /** HTTP method. */
  method: string;
  /** Request path as sent (percent-encoded), without host or query. */
  path: string;
  /** Host (and port) of the base URL. */
  host: string;
  /** Attempt number, from 1. */
  attempt: number;
  /** Milliseconds since the call began. */
  elapsedMs: number;
}

/** What `onRetry` is told: the attempt that failed, and what happens next. */
export interface RetryInfo extends RequestInfo {
  /** How long the client waits before the next attempt, in ms. */
  delayMs: number;
  /** Why: the error kind (`timeout`, `gateway`…) or the network error code (`ECONNRESET`). */
  reason: string;
  /** HTTP status of the failed attempt, when a response arrived. */
  status: number | undefined;
}

/** What `onPoll` is told after every status read of a wait. */
export interface PollInfo {
  /** The status just read. */
  status: SceneSummaryStatusValue;
  /** Scenes analysed so far for the current request. */
  analyzedSceneCount: number;
  /** Scenes to analyse for the current request. */
  totalSceneCount: number;
  /** Polls made so far, this one included. */
  polls: number;
  /** Milliseconds since waiting began. */
  elapsedMs: number;
  /** How long until the next poll, in ms; absent when the wait ends with this one. */
  nextDelayMs?: number | undefined;
}

/** The client's callbacks. Each is optional. */
export interface ClientHooks {
  /** Before each attempt of a request. */
  onRequest?: ((info: RequestInfo) => void) | undefined;
  /** After a failed attempt that will be retried, before the wait. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** After each status read of a wait. */
  onPoll?: ((info: PollInfo) => void) | undefined;
}
