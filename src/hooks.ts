/**
 * Observability callbacks of the client, for logs, metrics and the CLI's `--debug`. They are
 * given what a request is and how it went, never a header, the signature, a key or a body's
 * values. They run inside the call: keep them quick; an exception they throw ends the call
 * with it.
 */
import type { AnySceneSummaryStatusValue } from "./types.js";

/** What every request callback is told. */
export interface RequestInfo {
  /** The operationId in openapi.yaml of the operation sent. */
  operationId: string;
  /** HTTP method. */
  method: string;
  /** Request path as sent (percent-encoded), without host or query. */
  path: string;
  /** Host (and port) of the base URL. */
  host: string;
  /** Attempt number, from 1. */
  attempt: number;
  /** Milliseconds since the call began (on the monotonic clock). */
  elapsedMs: number;
}

/** What `onResponse` is told: an attempt that got an answer. */
export interface ResponseInfo extends RequestInfo {
  /** The answer's HTTP status. */
  status: number;
  /** Milliseconds from sending the attempt to having read its whole answer. */
  durationMs: number;
}

/** What `onRetry` is told: the attempt that failed, and what happens next. */
export interface RetryInfo extends RequestInfo {
  /** How long the client waits before the next attempt, in ms. */
  delayMs: number;
  /**
   * Why: the error kind (`timeout`, `gateway`…), the network error code (`ECONNRESET`), or
   * `clock-skew` when the gateway refused the timestamp and the attempt is signed again.
   */
  reason: string;
  /** HTTP status of the failed attempt, when a response arrived. */
  status: number | undefined;
}

/**
 * What `onThrottle` is told: the gateway answered HTTP 429 and every call of the client now
 * waits for a slower rate, or a `Retry-After` paused them all.
 */
export interface ThrottleInfo {
  /** The rate every request of the client is now held to, in requests a second. */
  ratePerSecond: number;
  /** How long every request is paused for a `Retry-After`, in ms; 0 for none. */
  pauseMs: number;
}

/** How a wait stands after a poll: what `onProgress` and `onPoll` receive. */
export interface WaitProgress {
  /** The status just read: one the pages name, or one they do not. */
  status: AnySceneSummaryStatusValue;
  /** Scenes analysed so far for the current request, when the status gives a number. */
  analyzedSceneCount: number | undefined;
  /** Scenes to analyse for the current request, when the status gives a number. */
  totalSceneCount: number | undefined;
  /** Polls made so far, this one included. */
  polls: number;
  /** Milliseconds since waiting began (on the monotonic clock). */
  elapsedMs: number;
  /** How long until the next poll, in ms; absent when the wait ends with this one. */
  nextDelayMs?: number | undefined;
}

/**
 * What `onPoll` is told after every status read of a wait.
 * @deprecated Since 0.2.0: the same as {@link WaitProgress}.
 */
export type PollInfo = WaitProgress;

/**
 * What `onDrift` is told: a success body that departs from openapi.yaml, at one place. Each
 * place is reported once per client (array indexes are `[*]`, so a departure of every scene
 * is one report).
 */
export interface DriftInfo {
  /** The operation whose response departs. */
  operationId: string;
  /** Where, as a JSON path with `[*]` for array indexes: `$.result.sceneSummaries[*].startMs`. */
  path: string;
  /** What openapi.yaml expects there, in words. */
  expected: string;
  /** What came instead, as a kind (`missing`, `null`, `string`, …): never the value. */
  received: string;
}

/** The client's callbacks. Each is optional. */
export interface ClientHooks {
  /** Before each attempt of a request. */
  onRequest?: ((info: RequestInfo) => void) | undefined;
  /** After each attempt that got an answer, once its body has been read. */
  onResponse?: ((info: ResponseInfo) => void) | undefined;
  /** After a failed attempt that will be retried, before the wait. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** After each status read of a wait. */
  onPoll?: ((info: WaitProgress) => void) | undefined;
  /**
   * When a 429 slows down every call of the client (their shared rate is cut), or a
   * `Retry-After` pauses them all.
   */
  onThrottle?: ((info: ThrottleInfo) => void) | undefined;
  /**
   * When a success body departs from openapi.yaml and is used all the same (lax responses):
   * once per operation and place. Please report what it tells you (README, "When the service
   * and openapi.yaml disagree").
   */
  onDrift?: ((info: DriftInfo) => void) | undefined;
}
