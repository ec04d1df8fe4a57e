/**
 * How the typed methods send a request: straight through `fetch(url, init)`, not through
 * openapi-fetch. openapi-fetch's per-call work (merging headers into a `Headers`, filling in the
 * URL template, building a request object, running middleware) cost about as much as the rest
 * of the client together and kept it over its budget of 10% above a hand-written signed `fetch`
 * (see bench/). Leaving openapi-fetch out of the client also keeps it out of browser bundles.
 */

/** The `fetch` this SDK calls: the platform's, or one injected for tests and proxies. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** A response, with its body read as text. */
export interface TextResponse {
  response: Response;
  text: string;
}

/**
 * Sends a GET and reads the whole body as text. `signal` covers the body too, so a body that
 * stalls is aborted like a response that never comes.
 *
 * @param url - Absolute URL, already serialised: it is sent exactly as it was signed.
 */
export async function getText(
  fetchImpl: FetchLike,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<TextResponse> {
  const response = await fetchImpl(url, { method: "GET", headers, signal });
  return { response, text: await response.text() };
}
