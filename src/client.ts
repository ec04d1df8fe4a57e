/**
 * The Media Intelligence client: an openapi-fetch client typed from openapi.yaml, signed by
 * {@link createSigningMiddleware}, with typed methods that check their input, retry what is
 * worth retrying, time out stalled attempts and correct for a skewed local clock.
 */
import createClient, { type Client } from "openapi-fetch";
import { InvalidInputError, MediaIntelligenceError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import {
  type IndexIds,
  indexPathParams,
  type SceneSummaryIds,
  sceneSummaryPathParams,
} from "./ids.js";
import { createSigningMiddleware } from "./middleware.js";
import { optionalCount, optionalDuration } from "./options.js";
import { errorFromResponse, type RequestLabel, readSuccess } from "./response.js";
import { backoffDelay, isRetryable } from "./retry.js";
import { sleep as platformSleep } from "./sleep.js";
import { type FetchLike, fetchPlainRequest, PlainRequest } from "./transport.js";
import type { SceneSummaries, SceneSummaryStatus } from "./types.js";
import { type WaitOptions, waitForSceneSummary } from "./wait.js";

/** The real API host. */
export const DEFAULT_BASE_URL = "https://mi.apigw.ntruss.com";

/** The gateway rejects timestamps further than this from its clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const STATUS_PATH =
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries/{scene_summary_id}/status";
const RESULT_PATH =
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries";

/** Options of {@link createMediaIntelligenceClient}. */
export interface MediaIntelligenceClientOptions {
  /** Access key ID. Defaults to the `NCLOUD_ACCESS_KEY` environment variable. */
  accessKey?: string | undefined;
  /** Secret key. Defaults to the `NCLOUD_SECRET_KEY` environment variable. Never exposed. */
  secretKey?: string | undefined;
  /** API host. Defaults to `NCLOUD_MI_BASE_URL`, else `https://mi.apigw.ntruss.com`. */
  baseUrl?: string | undefined;
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
  /**
   * The signed, typed openapi-fetch client, for spec-level calls. One attempt per call:
   * retries, timeouts and error mapping are the typed methods' work.
   */
  readonly api: Client<paths>;
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
  const env = readEnvironment();
  const accessKey = credential(
    options.accessKey,
    env.NCLOUD_ACCESS_KEY,
    "accessKey",
    "NCLOUD_ACCESS_KEY",
  );
  const secretKey = credential(
    options.secretKey,
    env.NCLOUD_SECRET_KEY,
    "secretKey",
    "NCLOUD_SECRET_KEY",
  );
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? (env.NCLOUD_MI_BASE_URL || DEFAULT_BASE_URL));
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

  const api = createClient<paths>({
    baseUrl,
    // See transport.ts: a plain request object instead of an undici Request, for speed.
    Request: PlainRequest as unknown as typeof Request,
    fetch: fetchPlainRequest(fetchImpl) as unknown as (input: Request) => Promise<Response>,
  });
  api.use(createSigningMiddleware({ accessKey, secretKey, now: () => clock() + clockOffsetMs }));

  type Sent = { data?: string; error?: unknown; response: Response };
  type Outcome = { result: unknown } | { error: MediaIntelligenceError; response?: Response };

  /** One attempt, bounded by `requestTimeoutMs`. Throws only when the caller aborts. */
  async function attempt(
    label: RequestLabel,
    send: (signal: AbortSignal) => Promise<Sent>,
    callerSignal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), requestTimeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    let sent: Sent;
    try {
      sent = await send(signal);
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
    const { data, error, response } = sent;
    if (response.ok) return { ...readSuccess(data, response, label), response };
    return { error: errorFromResponse(error, response, label, clock()), response };
  }

  /** Attempts a request until it succeeds, fails for good or runs out of retries. */
  async function call<T>(
    label: RequestLabel,
    send: (signal: AbortSignal) => Promise<Sent>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    let retriesDone = 0;
    let clockCorrected = false;
    for (let attempts = 1; ; attempts++) {
      signal?.throwIfAborted();
      const outcome = await attempt(label, send, signal);
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
    const path = sceneSummaryPathParams(ids);
    return call<SceneSummaryStatus>(
      { method: "GET", path: fillPath(STATUS_PATH, path) },
      (signal) => api.GET(STATUS_PATH, { params: { path }, parseAs: "text", signal }),
      options?.signal,
    );
  }

  async function getSceneSummaries(ids: IndexIds, options?: CallOptions) {
    const path = indexPathParams(ids);
    return call<SceneSummaries>(
      { method: "GET", path: fillPath(RESULT_PATH, path) },
      (signal) => api.GET(RESULT_PATH, { params: { path }, parseAs: "text", signal }),
      options?.signal,
    );
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
    api,
  };
}

/** The path as sent, for error messages: each parameter percent-encoded, as openapi-fetch does. */
function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ""),
  );
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

function readEnvironment(): Record<string, string | undefined> {
  return (
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {}
  );
}

function credential(
  given: string | undefined,
  fromEnv: string | undefined,
  option: string,
  variable: string,
): string {
  const value = given ?? fromEnv;
  if (typeof value !== "string" || value === "") {
    throw new InvalidInputError(
      option,
      `No ${option === "accessKey" ? "access key" : "secret key"}: pass \`${option}\` or set the ${variable} environment variable.`,
    );
  }
  return value;
}

function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(
      "baseUrl",
      `baseUrl must be an absolute http(s) URL, got "${value}".`,
    );
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash) {
    throw new InvalidInputError(
      "baseUrl",
      `baseUrl must be an http(s) URL without query or fragment, got "${value}".`,
    );
  }
  return url.href.replace(/\/$/, "");
}
