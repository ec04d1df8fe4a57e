/**
 * The Media Intelligence client: resources per API generation (`sceneSummaries`,
 * asset-based; `indexSceneSummaries`, index-based and deprecated), every operation one call
 * of the request core over the signed openapi-fetch client. For spec-level calls, see
 * {@link createMediaIntelligenceApi}.
 */
import { createDriftReporter } from "./drift.js";
import type { IndexIds, SceneSummaryIds } from "./ids.js";
import { type RequestOptions, resolveOptions, type TransportOptions } from "./options.js";
import { createRateLimiter } from "./rate-limiter.js";
import { type CallOptions, createRequester } from "./requester.js";
import {
  type AssetSummarizeOptions,
  createSceneSummaries,
  type SceneSummariesResource,
} from "./resources/asset.js";
import {
  createIndexSceneSummaries,
  type IndexSceneSummariesResource,
} from "./resources/index-based.js";
import { createSignedClient } from "./signed-api.js";
import type { SceneSummaries, SceneSummaryStatus } from "./types.js";
import type { WaitOptions } from "./wait.js";

/** Options of {@link createMediaIntelligenceClient}. */
export interface MediaIntelligenceClientOptions extends TransportOptions, RequestOptions {}

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

export type { AssetSummarizeOptions };

/**
 * Creates a client. Credentials and options are checked here, so a missing key fails now
 * with a message naming the environment variables, not at the first call.
 *
 * @throws InvalidInputError for a missing credential or a bad option.
 */
export function createMediaIntelligenceClient(
  options: MediaIntelligenceClientOptions = {},
): MediaIntelligenceClient {
  const resolved = resolveOptions(options);
  const requester = createRequester({
    ...createSignedClient(resolved, "typed"),
    options: resolved,
    reportDrift: createDriftReporter(resolved.hooks.onDrift),
    rateLimiter: createRateLimiter({
      maxPerSecond: resolved.maxRequestsPerSecond,
      maxPauseMs: resolved.maxRetryDelayMs,
      now: resolved.monotonicClock,
      sleep: resolved.sleep,
      onThrottle: resolved.hooks.onThrottle,
    }),
  });
  const wait = {
    now: resolved.monotonicClock,
    sleep: resolved.sleep,
    random: resolved.random,
    onPoll: resolved.hooks.onPoll,
  };
  const sceneSummaries = createSceneSummaries(requester, { ...wait, clock: resolved.clock });
  const indexSceneSummaries = createIndexSceneSummaries(requester, wait);
  return {
    baseUrl: resolved.connection.baseUrl,
    sceneSummaries,
    indexSceneSummaries,
    getSceneSummaryStatus: indexSceneSummaries.status,
    getSceneSummaries: indexSceneSummaries.get,
    waitForSceneSummary: indexSceneSummaries.wait,
  };
}
