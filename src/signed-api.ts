/**
 * The one openapi-fetch client both public factories build on: typed from openapi.yaml,
 * path parameters checked, every request signed (and re-signed after a clock skew), sent
 * through the bounded transport.
 */
import createClient, { type Client } from "openapi-fetch";
import type { Connection } from "./connection.js";
import type { paths } from "./generated/openapi.js";
import type { Limiter } from "./limiter.js";
import { createSigningMiddleware, pathParameterCheck } from "./middleware.js";
import { createTransport, type FetchLike } from "./transport.js";

/** Options of {@link createSignedApi}. */
export interface SignedApiOptions {
  /** Credentials and host, resolved. */
  connection: Connection;
  /** The user's `fetch`. */
  fetch: FetchLike;
  /** Clock for signatures, in ms since the Unix epoch. */
  clock: () => number;
  /** The most bytes a response body may have, decompressed. */
  maxResponseBytes: number;
  /** Whether a middleware checks path parameters (default true). */
  checkPathParameters?: boolean | undefined;
  /** Bounds concurrent requests inside the transport, when given. */
  limiter?: Limiter | undefined;
}

/** Creates the signed openapi-fetch client. */
export function createSignedApi(options: SignedApiOptions): Client<paths> {
  return createSignedClient(options).api;
}

/**
 * The signed openapi-fetch client and its transport, which the typed client gives each
 * attempt's signal directly (openapi-fetch's per-request `fetch`), not through a `Request`.
 */
export function createSignedClient(options: SignedApiOptions): {
  api: Client<paths>;
  transport: (request: Request, signal?: AbortSignal) => Promise<Response>;
} {
  const { accessKey, secretKey, baseUrl } = options.connection;
  const transport = createTransport({
    fetch: options.fetch,
    baseUrl,
    maxResponseBytes: options.maxResponseBytes,
    limiter: options.limiter,
  });
  const api = createClient<paths>({
    baseUrl,
    fetch: (request: Request) => transport(request),
    // The transport never follows redirects either way; saying so spares a copy of each request.
    redirect: "manual",
  });
  // The typed client's resources check their ids before building an operation.
  if (options.checkPathParameters !== false) api.use(pathParameterCheck);
  api.use(createSigningMiddleware({ accessKey, secretKey, now: options.clock }));
  return { api, transport };
}
