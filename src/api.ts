/**
 * The spec-level client: openapi-fetch, typed from openapi.yaml, on the same signed core as
 * the typed client (path parameters checked, every request signed, clock skew corrected,
 * redirects refused, bodies bounded, connections limited). For calls the typed methods do
 * not cover, or to use openapi-fetch's own features (middleware, `parseAs`, per-call options).
 */
import type { Client } from "openapi-fetch";
import { type ConnectionOptions, resolveConnection } from "./connection.js";
import type { paths } from "./generated/openapi.js";
import { createLimiter } from "./limiter.js";
import { optionalPositiveCount } from "./options.js";
import { createSignedApi } from "./signed-api.js";
import type { FetchLike } from "./transport.js";

/** Options of {@link createMediaIntelligenceApi}. */
export interface MediaIntelligenceApiOptions extends ConnectionOptions {
  /** The `fetch` to call, as `fetch(url, init)`. Defaults to `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /** Clock for the signature's timestamp, in ms since the Unix epoch. Defaults to `Date.now`. */
  clock?: (() => number) | undefined;
  /** Largest response body accepted, decompressed, in bytes. Default 8 MiB. */
  maxResponseBytes?: number | undefined;
  /** Most requests in flight at once; the rest queue. Default 50. */
  maxConnections?: number | undefined;
}

/**
 * Creates a signed, typed openapi-fetch client. One attempt per call: retries, timeouts and
 * error classes for API errors are the typed client's work ({@link createMediaIntelligenceClient}).
 * A redirect, an oversized body or a bad path parameter rejects with the SDK's error.
 *
 * @example
 * ```ts
 * const api = createMediaIntelligenceApi();
 * const { data, error, response } = await api.GET(
 *   "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/scene-summary",
 *   { params: { path: { workspace_name: "my-workspace", project_id: "1234", asset_id: "5678" } } },
 * );
 * ```
 * @throws InvalidInputError for a missing credential or a bad host.
 */
export function createMediaIntelligenceApi(
  options: MediaIntelligenceApiOptions = {},
): Client<paths> {
  return createSignedApi({
    connection: resolveConnection(options),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: options.clock ?? Date.now,
    maxResponseBytes: optionalPositiveCount(
      options.maxResponseBytes,
      8 * 1024 * 1024,
      "maxResponseBytes",
    ),
    limiter: createLimiter(optionalPositiveCount(options.maxConnections, 50, "maxConnections")),
  });
}
