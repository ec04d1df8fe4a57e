/**
 * The spec-level client: openapi-fetch, typed from openapi.yaml, signed by
 * {@link createSigningMiddleware}. For calls the typed methods do not cover, or to use
 * openapi-fetch's own features (middleware, `parseAs`, per-call options).
 *
 * It is a separate factory, not a property of the typed client, so that openapi-fetch
 * (6.5 kB minified) is only in a browser bundle that uses it.
 */
import createClient, { type Client } from "openapi-fetch";
import { type ConnectionOptions, resolveConnection } from "./connection.js";
import type { paths } from "./generated/openapi.js";
import { createSigningMiddleware } from "./middleware.js";

/** Options of {@link createMediaIntelligenceApi}. */
export interface MediaIntelligenceApiOptions extends ConnectionOptions {
  /** openapi-fetch's `fetch`: called with a `Request`. Defaults to `globalThis.fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Clock for the signature's timestamp, in ms since the Unix epoch. Defaults to `Date.now`. */
  clock?: (() => number) | undefined;
}

/**
 * Creates a signed, typed openapi-fetch client. One attempt per call: retries, timeouts and
 * error classes are the typed client's work ({@link createMediaIntelligenceClient}).
 *
 * @example
 * ```ts
 * const api = createMediaIntelligenceApi();
 * const { data, error, response } = await api.GET(
 *   "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries",
 *   { params: { path: { workspace_name: "my-workspace", project_id: "1234", asset_id: "5678", index_id: "1001" } } },
 * );
 * ```
 * @throws InvalidInputError for a missing credential or a bad host.
 */
export function createMediaIntelligenceApi(
  options: MediaIntelligenceApiOptions = {},
): Client<paths> {
  const { accessKey, secretKey, baseUrl } = resolveConnection(options);
  const api = createClient<paths>({ baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  api.use(createSigningMiddleware({ accessKey, secretKey, now: options.clock ?? Date.now }));
  return api;
}
