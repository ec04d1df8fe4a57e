/**
 * The spec-level client: openapi-fetch, typed from openapi.yaml, on the same signed core as
 * the typed client (path parameters checked, every request signed, clock skew corrected,
 * redirects refused, bodies bounded, connections limited). For calls the typed methods do
 * not cover, or to use openapi-fetch's own features (middleware, `parseAs`, per-call options).
 */
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { resolveOptions, type TransportOptions } from "./options.js";
import { createSignedClient } from "./signed-api.js";

/** Options of {@link createMediaIntelligenceApi}. */
export interface MediaIntelligenceApiOptions extends TransportOptions {}

/**
 * Creates a signed, typed openapi-fetch client. One attempt per call: retries, timeouts,
 * response checks and error classes for API errors are the typed client's work
 * ({@link createMediaIntelligenceClient}). A redirect, an oversized body or a bad path
 * parameter rejects with the SDK's error.
 *
 * @example
 * ```ts
 * const api = createMediaIntelligenceApi();
 * const { data, error, response } = await api.GET(
 *   "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/scene-summary",
 *   { params: { path: { workspace_name: "my-workspace", project_id: "1234", asset_id: "5678" } } },
 * );
 * ```
 * @throws InvalidInputError for a missing credential, a bad host or a bad option.
 */
export function createMediaIntelligenceApi(
  options: MediaIntelligenceApiOptions = {},
): Client<paths> {
  return createSignedClient(resolveOptions(options), "spec-level").api;
}
