/**
 * The Media Intelligence client: typed methods for the operations of openapi.yaml that check
 * their input, sign each request (signature v2), retry what is worth retrying, time out stalled
 * attempts and correct for a skewed local clock. For spec-level calls, see
 * {@link createMediaIntelligenceApi}.
 */
import { type ConnectionOptions, resolveConnection } from "./connection.js";
import { MediaIntelligenceError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import {
  type IndexIds,
  indexPathParams,
  type SceneSummaryIds,
  sceneSummaryPathParams,
} from "./ids.js";
import { optionalCount, optionalDuration } from "./options.js";
import { createRequestSigner } from "./request-signer.js";
import { errorFromResponse, type RequestLabel, readSuccess } from "./response.js";
import { backoffDelay, isRetryable } from "./retry.js";
import { sleep as platformSleep } from "./sleep.js";
import { type FetchLike, getText, type TextResponse } from "./transport.js";
import type { SceneSummaries, SceneSummaryStatus } from "./types.js";
import { type WaitOptions, waitForSceneSummary } from "./wait.js";

/** The gateway rejects timestamps further than this from its clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

// `satisfies`: a path the spec does not have fails to compile.
const statusPath = compilePath(
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries/{scene_summary_id}/status" satisfies keyof paths,
);
const resultPath = compilePath(
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries" satisfies keyof paths,
);

/** Options of {@link createMediaIntelligenceClient}. */
export interface MediaIntelligenceClientOptions extends ConnectionOptions {
  /** The `fetch` to call, as `fetch(url, init)`. Defaults to `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /** Retries after a network error, a timeout, or HTTP 429, 500, 502, 503 or 504. Default 2; 0 disables. */
  retries?: number | undefined;
  /** Delay before the first retry, doubling after each, in ms. Default 500. */
  retryDelayMs?: number | undefined;
  /**
   * Upper bound of a retry delay, in ms. Default 20,000. A `Retry-After` longer than this
   * ends the call with the error rather than retrying early.
   */
  maxRetryDelayMs?: number | undefined;
  /** Time limit of each attempt, response body included, in ms. Default 30,000. */
  requestTimeoutMs?: number | undefined;
  /** Clock, in ms since the Unix epoch. Defaults to `Date.now`; injectable for tests. */
  clock?: (() => number) | undefined;
  /** Waits between retries and polls. Defaults to a timer; injectable for tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Random number in [0, 1) for backoff jitter. Defaults to `Math.random`. */
  random?: (() => number) | undefined;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call, retries and waits included. The call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** The client returned by {@link createMediaIntelligenceClient}. */
export interface MediaIntelligenceClient {
  /** The API host this client calls, normalised. */
  readonly baseUrl: string;
  /**
   * *Get scene summary status*.
   *
   * @returns The `result` object of the response.
   * @throws InvalidInputError for a bad id, before anything is sent.
   * @throws MediaIntelligenceError when the request fails after its retries.
   */
  getSceneSummaryStatus(ids: SceneSummaryIds, options?: CallOptions): Promise<SceneSummaryStatus>;
  /**
   * *Get scene summary result*. Only answers once the status is `SUMMARIZE_COMPLETED`.
   *
   * @returns The `result` object of the response.
   * @throws InvalidInputError for a bad id, before anything is sent.
   * @throws MediaIntelligenceError when the request fails after its retries.
   */
  getSceneSummaries(ids: IndexIds, options?: CallOptions): Promise<SceneSummaries>;
  /**
   * Polls the status until it is terminal. Resolves with the `SUMMARIZE_COMPLETED` status.
   * See {@link WaitOptions} for intervals, limits and the errors it rejects with.
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
  const { accessKey, secretKey, baseUrl } = resolveConnection(options);
  const retries = optionalCount(options.retries, 2, "retries");
  const retryDelayMs = optionalDuration(options.retryDelayMs, 500, "retryDelayMs");
  const maxRetryDelayMs = optionalDuration(options.maxRetryDelayMs, 20_000, "maxRetryDelayMs");
  const requestTimeoutMs = optionalDuration(options.requestTimeoutMs, 30_000, "requestTimeoutMs");
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? platformSleep;
  const random = options.random ?? Math.random;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  // Learnt from a 401 whose Date header shows this machine's clock is off; kept for later calls.
  let clockOffsetMs = 0;

  const sign = createRequestSigner({ accessKey, secretKey, now: () => clock() + clockOffsetMs });

  type Outcome = { result: unknown } | { error: MediaIntelligenceError; response?: Response };

  /** One attempt, bounded by `requestTimeoutMs`. Throws only when the caller aborts. */
  async function attempt(
    label: RequestLabel,
    callerSignal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const url = baseUrl + label.path;
    // Signed outside the try below: a signing failure (no WebCrypto on an insecure page, say)
    // is not a network error and not worth retrying, so it rejects the call as it is.
    const headers = await sign(label.method, url);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), requestTimeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    let sent: TextResponse;
    try {
      sent = await getText(fetchImpl, url, headers, signal);
    } catch (cause) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (timeout.signal.aborted) {
        return {
          error: new MediaIntelligenceError(
            `${label.method} ${label.path} timed out after ${requestTimeoutMs} ms.`,
            { kind: "timeout", ...label },
          ),
        };
      }
      return { error: networkError(label, cause) };
    } finally {
      clearTimeout(timer);
    }
    const { text, response } = sent;
    if (response.ok) return readSuccess(text, response, label);
    return { error: errorFromResponse(text, response, label, clock()), response };
  }

  /** Attempts a request until it succeeds, fails for good or runs out of retries. */
  async function call<T>(label: RequestLabel, signal: AbortSignal | undefined): Promise<T> {
    let retriesDone = 0;
    let clockCorrected = false;
    for (let attempts = 1; ; attempts++) {
      signal?.throwIfAborted();
      const outcome = await attempt(label, signal);
      if ("result" in outcome) return outcome.result as T;
      const { error } = outcome;
      error.attempts = attempts;
      if (!clockCorrected && error.status === 401) {
        const offset = skewOf(outcome.response);
        if (offset !== undefined) {
          // Re-sign with the gateway's time and try once more; later calls keep the offset.
          clockOffsetMs = offset;
          clockCorrected = true;
          continue;
        }
      }
      if (retriesDone >= retries || !isRetryable(error)) throw error;
      const delay =
        error.retryAfterMs ?? backoffDelay(retriesDone, { retryDelayMs, maxRetryDelayMs, random });
      if (delay > maxRetryDelayMs) throw error;
      retriesDone++;
      await sleep(delay, signal);
    }
  }

  /** Offset to the gateway's clock when ours is more than five minutes off, else undefined. */
  function skewOf(response: Response | undefined): number | undefined {
    const serverTime = Date.parse(response?.headers.get("Date") ?? "");
    if (Number.isNaN(serverTime)) return undefined;
    const offset = serverTime - clock();
    return Math.abs(offset - clockOffsetMs) > MAX_CLOCK_SKEW_MS ? offset : undefined;
  }

  async function getSceneSummaryStatus(ids: SceneSummaryIds, options?: CallOptions) {
    const path = statusPath(sceneSummaryPathParams(ids));
    return call<SceneSummaryStatus>({ method: "GET", path }, options?.signal);
  }

  async function getSceneSummaries(ids: IndexIds, options?: CallOptions) {
    const path = resultPath(indexPathParams(ids));
    return call<SceneSummaries>({ method: "GET", path }, options?.signal);
  }

  return {
    baseUrl,
    getSceneSummaryStatus,
    getSceneSummaries,
    waitForSceneSummary: async (ids, waitOptions) => {
      sceneSummaryPathParams(ids); // Bad ids fail now, not at the first poll.
      return waitForSceneSummary((signal) => getSceneSummaryStatus(ids, { signal }), {
        clock,
        sleep,
        ...waitOptions,
      });
    },
  };
}

/**
 * Turns a path template of the spec into a function that fills it in, each parameter
 * percent-encoded (`encodeURIComponent`): the path as sent, signed and quoted in errors. The
 * template is split once, here, so that a call runs no regular expression.
 */
function compilePath(template: string): (params: Record<string, string>) => string {
  // "/a/{x}/b/{y}" splits into ["/a/", "x", "/b/", "y", ""]: parameter names at odd indexes.
  const pieces = template.split(/\{(\w+)\}/);
  return (params) => {
    let path = pieces[0] as string;
    for (let i = 1; i < pieces.length; i += 2) {
      path += encodeURIComponent(params[pieces[i] as string] ?? "") + pieces[i + 1];
    }
    return path;
  };
}

function networkError(label: RequestLabel, cause: unknown): MediaIntelligenceError {
  // undici reports "fetch failed" and puts the reason (ECONNRESET, ECONNREFUSED…) in `cause`.
  const reason = (cause as { cause?: { code?: string; message?: string } })?.cause;
  const detail =
    reason?.code ?? reason?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return new MediaIntelligenceError(
    `${label.method} ${label.path} failed: network error (${detail}).`,
    {
      kind: "network",
      ...label,
      cause,
    },
  );
}
