/**
 * A lighter request for openapi-fetch.
 *
 * openapi-fetch builds a `Request` for every call and hands it to `fetch`, which builds
 * another. In Node (undici) constructing a `Request` costs more than everything else the
 * client does together, so this SDK gives openapi-fetch {@link PlainRequest}, which only holds
 * what the middleware and `fetch` need, and a `fetch` that unpacks it into `fetch(url, init)`.
 * Because of that, the URL must already be in its serialised form: the client normalises the
 * base URL once and openapi-fetch percent-encodes every path parameter.
 */

/** The `fetch` this SDK calls: the platform's, or one injected for tests and proxies. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** A minimal stand-in for `Request`: URL, method, headers, body and signal. */
export class PlainRequest {
  /** Absolute URL, already serialised. */
  readonly url: string;
  /** HTTP method. */
  readonly method: string;
  /** Headers; the signing middleware adds to them. */
  readonly headers: Headers;
  /** Body, for methods that have one. */
  readonly body: NonNullable<RequestInit["body"]> | null;
  /** Abort signal of the attempt. */
  readonly signal: AbortSignal | null;

  /**
   * @param url - Absolute, serialised URL.
   * @param init - The init openapi-fetch builds.
   */
  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}

/** Wraps a `fetch` so that it takes a {@link PlainRequest}, as openapi-fetch calls it. */
export function fetchPlainRequest(fetchImpl: FetchLike) {
  return (request: PlainRequest): Promise<Response> =>
    fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
}
