/**
 * The one openapi-fetch client both public factories build on: typed from openapi.yaml,
 * every request signed, sent through the bounded transport (one connection limiter, bodies
 * bounded, redirects refused, credentials kept to the base URL's origin).
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { createLimiter, type Limiter } from "./limiter.js";
import { createSigningMiddleware, createSigningStep, pathParameterCheck } from "./middleware.js";
import type { ResolvedOptions } from "./options.js";
import { createSkewedClock, type SkewedClock } from "./skew.js";
import { createTransport, type Transport } from "./transport.js";

/** The signed openapi-fetch client and what the typed client's request loop needs of it. */
export interface SignedClient {
  /** The openapi-fetch client. */
  api: Client<paths>;
  /**
   * The transport, which the typed client gives each attempt's signal and time limit directly
   * (openapi-fetch's per-request `fetch`), not through a `Request`.
   */
  transport: Transport;
  /** The clock signatures are made with, which learns the gateway's offset after a skew. */
  clock: SkewedClock;
  /**
   * The transport's connection limiter, which the typed client's attempts take a slot of
   * before they are signed, so that no wait for a connection makes a timestamp stale.
   */
  connections: Limiter;
}

/**
 * Creates the signed openapi-fetch client.
 *
 * @param mode - `spec-level`: `createMediaIntelligenceApi`'s client, which checks path
 *   parameters and corrects a clock skew in its middleware (one attempt per call).
 *   `typed`: the typed client's, whose resources check their ids and whose request loop
 *   corrects a skew as an attempt of its own.
 */
export function createSignedClient(
  options: ResolvedOptions,
  mode: "spec-level" | "typed",
): SignedClient {
  const { accessKey, secretKey, baseUrl } = options.connection;
  const connections = createLimiter(options.maxConnections);
  const transport = createTransport({
    fetch: options.fetch,
    baseUrl,
    maxResponseBytes: options.maxResponseBytes,
    limiter: connections,
  });
  const api = createClient<paths>({
    baseUrl,
    fetch: (request: Request) => transport(request),
    // The transport never follows redirects either way; saying so spares a copy of each request.
    redirect: "manual",
  });
  const clock = createSkewedClock(options.clock);
  const keys = { accessKey, secretKey, now: options.clock };
  if (mode === "spec-level") {
    api.use(
      pathParameterCheck,
      createSigningMiddleware({ ...keys, dangerouslyAllowBrowser: true }),
    );
  } else {
    api.use(createSigningStep(keys, clock));
  }
  return { api, transport, clock, connections };
}
