/**
 * The sides the request benchmarks compare. Each is a function that makes one call of
 * *Get scene summary status* and resolves with its `result`:
 *
 * - `client`: `client.indexSceneSummaries.status(ids)` of the library measured (dist/).
 *   The asset-based `sceneSummaries.status` goes through the same request core; the
 *   index-based operation is the one the 0.1.0 core (the `--baseline`) also has.
 * - `peer`: what a user following openapi-fetch's documentation would write instead:
 *   `createClient<paths>()`, a minimal signing middleware (node:crypto `createHmac` on the
 *   request's path and query), and the same per-attempt timeout as the client (30 s, an
 *   AbortController aborted by a timer, its signal given to the call), `data.result` or throw.
 * - `raw`: a hand-written signed `fetch`: `createHmac`, `fetch` with the same URL and four
 *   headers, check the status, `response.json()`.
 * - `rawWithTimeout`: `raw` with the same per-attempt timeout, to show what the timeout alone
 *   costs.
 * - `baseline`: the same call through another build of the library (`--baseline DIR`), such
 *   as the core before a change.
 *
 * Against bench/server.mjs every side uses the platform's `fetch` as it would by default
 * (openapi-fetch calls `fetch(request)`, the others `fetch(url, init)`); bench/cpu.mjs gives
 * them all its in-process fake instead.
 */
import { createHmac } from "node:crypto";
import createClient from "openapi-fetch";

/** Credentials the bench server checks signatures with. */
export const ACCESS_KEY = "BENCH_ACCESS_KEY";
export const SECRET_KEY = "bench-secret-key";

/** The ids of the call, as the typed client takes them. */
const IDS = {
  workspaceName: "my-workspace",
  projectId: "1234",
  assetId: "5678",
  indexId: "1001",
  sceneSummaryId: "101",
};

/** The spec's path template of *Get scene summary status* (index-based). */
const STATUS_PATH =
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries/{scene_summary_id}/status";
/** The same, filled in with {@link IDS}: the request target every side sends. */
const STATUS_TARGET =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries/101/status";

/** The per-attempt time limit every side with a timeout has: the client's default. */
const TIMEOUT_MS = 30_000;

/**
 * @typedef {(input: string, init: RequestInit) => Promise<Response>} FetchLike
 * @typedef {() => Promise<unknown>} Side
 * @typedef {{ createMediaIntelligenceClient: Function }} Library
 */

/**
 * Builds the sides.
 *
 * @param {{ library: Library, baseline?: Library | undefined, baseUrl: string,
 *           fetch?: FetchLike | undefined }} options - Without `fetch`, the platform's.
 * @returns {Record<string, Side>} `client`, `peer`, `raw`, `rawWithTimeout`, and `baseline`
 *   when a baseline library is given.
 */
export function createSides({ library, baseline, baseUrl, fetch }) {
  /** @type {FetchLike} */
  const platformFetch = (input, init) => globalThis.fetch(input, init);
  /** @type {Record<string, Side>} */
  const sides = {
    client: clientSide(library, baseUrl, fetch ?? platformFetch),
    peer: peerSide(baseUrl, fetch),
    raw: rawSide(baseUrl, fetch ?? platformFetch, 0),
    rawWithTimeout: rawSide(baseUrl, fetch ?? platformFetch, TIMEOUT_MS),
  };
  if (baseline) sides.baseline = clientSide(baseline, baseUrl, fetch ?? platformFetch);
  return sides;
}

/**
 * @param {Library} library
 * @param {string} baseUrl
 * @param {FetchLike} fetch
 * @returns {Side}
 */
function clientSide(library, baseUrl, fetch) {
  const client = library.createMediaIntelligenceClient({
    accessKey: ACCESS_KEY,
    secretKey: SECRET_KEY,
    baseUrl,
    fetch,
  });
  // The 0.1.0 core has only the method the later one keeps as a deprecated alias.
  return client.indexSceneSummaries
    ? () => client.indexSceneSummaries.status(IDS)
    : () => client.getSceneSummaryStatus(IDS);
}

/**
 * openapi-fetch as its documentation shows it, plus a signing middleware and a timeout.
 *
 * @param {string} baseUrl
 * @param {FetchLike | undefined} fetch - Without it, openapi-fetch's default.
 * @returns {Side}
 */
function peerSide(baseUrl, fetch) {
  /** @type {import("openapi-fetch").Client<import("../src/generated/openapi.js").paths>} */
  const api = createClient({
    baseUrl,
    // openapi-fetch calls its `fetch` with a Request.
    fetch: fetch && ((/** @type {Request} */ request) => fetch(request.url, request)),
  });
  api.use({
    onRequest({ request }) {
      const url = new URL(request.url);
      const timestamp = String(Date.now());
      const signature = createHmac("sha256", SECRET_KEY)
        .update(`${request.method} ${url.pathname}${url.search}\n${timestamp}\n${ACCESS_KEY}`)
        .digest("base64");
      request.headers.set("x-ncp-apigw-timestamp", timestamp);
      request.headers.set("x-ncp-iam-access-key", ACCESS_KEY);
      request.headers.set("x-ncp-apigw-signature-v2", signature);
      request.headers.set("Content-Type", "application/json");
      return request;
    },
  });
  const params = {
    path: {
      workspace_name: IDS.workspaceName,
      project_id: IDS.projectId,
      asset_id: IDS.assetId,
      index_id: IDS.indexId,
      scene_summary_id: IDS.sceneSummaryId,
    },
  };
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const { data, error, response } = await api.GET(STATUS_PATH, {
        params,
        signal: controller.signal,
      });
      if (error !== undefined) throw new Error(`peer: HTTP ${response.status}`);
      return data.result;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * A careful hand-written call: sign with node:crypto, `fetch`, check the status, parse JSON.
 *
 * @param {string} baseUrl
 * @param {FetchLike} fetch
 * @param {number} timeoutMs - When not 0, the call is bounded the way the client bounds an
 *   attempt: an AbortController, aborted by a timer, whose signal goes to `fetch`.
 * @returns {Side}
 */
function rawSide(baseUrl, fetch, timeoutMs) {
  const url = baseUrl + STATUS_TARGET;
  /** @param {AbortSignal | undefined} signal */
  const get = async (signal) => {
    const timestamp = String(Date.now());
    const signature = createHmac("sha256", SECRET_KEY)
      .update(`GET ${STATUS_TARGET}\n${timestamp}\n${ACCESS_KEY}`)
      .digest("base64");
    const response = await fetch(url, {
      headers: {
        "x-ncp-apigw-timestamp": timestamp,
        "x-ncp-iam-access-key": ACCESS_KEY,
        "x-ncp-apigw-signature-v2": signature,
        "Content-Type": "application/json",
      },
      signal,
    });
    if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
    return (await response.json()).result;
  };
  if (timeoutMs === 0) return () => get(undefined);
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await get(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
}
