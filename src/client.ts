/**
 * The Media Intelligence client: resources per API generation
 * (`sceneSummaries`, asset-based; `indexSceneSummaries`, index-based and deprecated), every
 * operation one call of the request core over the signed openapi-fetch client. For spec-level
 * calls, see {@link createMediaIntelligenceApi}.
 */
import { type ConnectionOptions, resolveConnection } from "./connection.js";
import type { ClientHooks } from "./hooks.js";
import type { IndexIds, SceneSummaryIds } from "./ids.js";
import { optionalCount, optionalDuration, optionalPositiveCount } from "./options.js";
import { type CallOptions, createRequester } from "./requester.js";
import {
  createIndexSceneSummaries,
  type IndexSceneSummariesResource,
} from "./resources/index-scene-summaries.js";
import { createCore } from "./resources/operation.js";
import { createSceneSummaries, type SceneSummariesResource } from "./resources/scene-summaries.js";
import { createSignedClient } from "./signed-api.js";
import { sleep as platformSleep } from "./sleep.js";
import type { FetchLike } from "./transport.js";
import type { SceneSummaries, SceneSummaryStatus } from "./types.js";
import type { WaitOptions } from "./wait.js";

/** Default of `maxResponseBytes`: a result of thousands of scenes fits many times over. */
const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Options of {@link createMediaIntelligenceClient}. */
export interface MediaIntelligenceClientOptions extends ConnectionOptions {
  /** The `fetch` to call, as `fetch(url, init)`. Defaults to `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /** Retries after a retryable failure (see retry.ts for which, by method). Default 2; 0 disables. */
  retries?: number | undefined;
  /** Delay before the first retry, doubling after each, in ms. Default 500. A floor under `Retry-After`. */
  retryDelayMs?: number | undefined;
  /**
   * Upper bound of a retry delay, in ms. Default 20,000. A `Retry-After` longer than this
   * ends the call with the error rather than retrying early.
   */
  maxRetryDelayMs?: number | undefined;
  /** Time limit of each attempt, response body included, in ms. Default 30,000. */
  requestTimeoutMs?: number | undefined;
  /** Time limit of each call as a whole, retries included, in ms. Default: none. */
  deadlineMs?: number | undefined;
  /** Largest response body accepted, decompressed, in bytes. Default 8 MiB. */
  maxResponseBytes?: number | undefined;
  /** Most requests in flight at once; the rest queue. Default 50. */
  maxConnections?: number | undefined;
  /** Rejects success bodies with fields openapi.yaml does not name. Default false (they are allowed). */
  strictResponses?: boolean | undefined;
  /**
   * UTC offset of the server's date-times, which carry none, in minutes. Default 540
   * (UTC+09:00, Korea: an assumption, the pages do not say). Used to read `requestedTime`.
   */
  serverUtcOffsetMinutes?: number | undefined;
  /** Observability callbacks: `onRequest`, `onRetry`, `onPoll`. */
  hooks?: ClientHooks | undefined;
  /** Clock, in ms since the Unix epoch. Defaults to `Date.now`; injectable for tests. */
  clock?: (() => number) | undefined;
  /** Waits between retries and polls. Defaults to a timer; injectable for tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Random number in [0, 1) for backoff jitter. Defaults to `Math.random`. */
  random?: (() => number) | undefined;
}

/** The client returned by {@link createMediaIntelligenceClient}. */
export interface MediaIntelligenceClient {
  /** The API host this client calls, normalised. */
  readonly baseUrl: string;
  /** The asset-based operations (the current API). */
  readonly sceneSummaries: SceneSummariesResource;
  /**
   * The index-based operations.
   * @deprecated NAVER Cloud removes them in January 2027: use {@link MediaIntelligenceClient.sceneSummaries}.
   */
  readonly indexSceneSummaries: IndexSceneSummariesResource;
  /**
   * *Get scene summary status* (index-based).
   * @deprecated Since 0.2.0: use `indexSceneSummaries.status`, or better `sceneSummaries.status`.
   */
  getSceneSummaryStatus(ids: SceneSummaryIds, options?: CallOptions): Promise<SceneSummaryStatus>;
  /**
   * *Get scene summary result* (index-based).
   * @deprecated Since 0.2.0: use `indexSceneSummaries.get`, or better `sceneSummaries.get`.
   */
  getSceneSummaries(ids: IndexIds, options?: CallOptions): Promise<SceneSummaries>;
  /**
   * Waits for an index-based summarisation.
   * @deprecated Since 0.2.0: use `indexSceneSummaries.wait`, or better `sceneSummaries.wait`.
   */
  waitForSceneSummary(ids: SceneSummaryIds, options?: WaitOptions): Promise<SceneSummaryStatus>;
}

/**
 * Creates a client. Credentials and options are checked here, so a missing key fails now
 * with a message naming the environment variables, not at the first call.
 *
 * @throws InvalidInputError for a missing credential or a bad option.
 */
export function createMediaIntelligenceClient(
  options: MediaIntelligenceClientOptions = {},
): MediaIntelligenceClient {
  const connection = resolveConnection(options);
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? platformSleep;
  const hooks = options.hooks ?? {};
  const { api, transport } = createSignedClient({
    connection,
    checkPathParameters: false,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock,
    maxResponseBytes: optionalPositiveCount(
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      "maxResponseBytes",
    ),
  });
  const requester = createRequester({
    api,
    baseUrl: connection.baseUrl,
    retries: optionalCount(options.retries, 2, "retries"),
    retryDelayMs: optionalDuration(options.retryDelayMs, 500, "retryDelayMs"),
    maxRetryDelayMs: optionalDuration(options.maxRetryDelayMs, 20_000, "maxRetryDelayMs"),
    requestTimeoutMs: optionalDuration(options.requestTimeoutMs, 30_000, "requestTimeoutMs"),
    deadlineMs:
      options.deadlineMs === undefined
        ? undefined
        : optionalDuration(options.deadlineMs, 0, "deadlineMs"),
    maxConnections: optionalPositiveCount(options.maxConnections, 50, "maxConnections"),
    strictResponses: options.strictResponses === true,
    clock,
    sleep,
    random: options.random ?? Math.random,
    hooks,
  });
  const core = createCore(
    api,
    transport,
    requester,
    { clock, sleep, onPoll: hooks.onPoll },
    options.serverUtcOffsetMinutes ?? 540,
  );
  const sceneSummaries = createSceneSummaries(core);
  const indexSceneSummaries = createIndexSceneSummaries(core);
  return {
    baseUrl: connection.baseUrl,
    sceneSummaries,
    indexSceneSummaries,
    getSceneSummaryStatus: indexSceneSummaries.status,
    getSceneSummaries: indexSceneSummaries.get,
    waitForSceneSummary: indexSceneSummaries.wait,
  };
}
