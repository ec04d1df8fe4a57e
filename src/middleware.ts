/**
 * openapi-fetch middleware: the signing middleware, which works on any openapi-fetch client,
 * not only this SDK's, and the path parameter check the SDK's own clients add before it.
 */
import type { Middleware } from "openapi-fetch";
import { checkId } from "./ids.js";
import { createRequestSigner, type RequestSignerOptions } from "./request-signer.js";

/** The gateway rejects timestamps further than this from its clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Options of {@link createSigningMiddleware}: the keys, and optionally a clock. */
export type SigningMiddlewareOptions = RequestSignerOptions;

/**
 * Creates a middleware that adds `x-ncp-apigw-timestamp`, `x-ncp-iam-access-key`,
 * `x-ncp-apigw-signature-v2` and `Content-Type: application/json` to every request, with a
 * fresh timestamp each time (so a retried request is signed afresh).
 *
 * It also corrects for a skewed local clock: when the gateway answers 401 and its `Date`
 * header is more than five minutes from the timestamp that request was signed with, the
 * middleware learns the offset, signs the request again with it and sends it once more.
 * Later requests are signed with the learnt offset. Each request compares its own
 * timestamp, so concurrent first calls are all corrected, whatever their order.
 *
 * A request that would follow redirects is made not to (`redirect: "error"`): signed headers
 * must not travel to wherever a redirect points.
 *
 * @example
 * ```ts
 * const api = createClient<paths>({ baseUrl: "https://mi.apigw.ntruss.com" });
 * api.use(createSigningMiddleware({ accessKey, secretKey }));
 * ```
 * @throws InvalidInputError when a key is empty or the access key cannot be a header value.
 */
export function createSigningMiddleware(options: SigningMiddlewareOptions): Middleware {
  const now = options.now ?? Date.now;
  let offsetMs = 0;
  const sign = createRequestSigner({ ...options, now: () => now() + offsetMs });
  // Requests with a body, copied before sending so that they can be sent again after a skew.
  const unsent = new WeakMap<Request, Request>();

  async function signRequest(request: Request): Promise<void> {
    const headers = await sign(request.method, request.url);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  }

  return {
    async onRequest({ request: given }) {
      // A signed request never follows a redirect: that would carry the access key and a
      // replayable signature to wherever the redirect points.
      const request =
        given.redirect === "follow" ? new Request(given, { redirect: "error" }) : given;
      await signRequest(request);
      if (request.body !== null) unsent.set(request, request.clone());
      return request === given ? undefined : request;
    },
    async onResponse({ request, response, options: clientOptions }) {
      if (response.status !== 401) return undefined;
      const serverTime = Date.parse(response.headers.get("Date") ?? "");
      const signedAt = Number(request.headers.get("x-ncp-apigw-timestamp") ?? Number.NaN);
      const skewed = Math.abs(serverTime - signedAt) > MAX_CLOCK_SKEW_MS;
      if (Number.isNaN(serverTime) || Number.isNaN(signedAt) || !skewed) {
        return undefined;
      }
      offsetMs = serverTime - now();
      const again = unsent.get(request) ?? (request.bodyUsed ? undefined : request);
      if (!again) return undefined;
      await response.body?.cancel();
      await signRequest(again);
      return clientOptions.fetch(again);
    },
  };
}

/**
 * A middleware that checks every path parameter with the typed client's rules (not empty or
 * blank, not `.` or `..`, no control characters), so that a spec-level call cannot reach
 * another endpoint either. It throws `InvalidInputError` before anything is signed or sent.
 */
export const pathParameterCheck: Middleware = {
  onRequest({ schemaPath, params }) {
    const path = (params as { path?: Record<string, unknown> }).path;
    for (const [, name] of schemaPath.matchAll(/\{(\w+)\}/g)) {
      checkId(path?.[name as string], name as string);
    }
    return undefined;
  },
};
