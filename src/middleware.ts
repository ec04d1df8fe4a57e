/**
 * The openapi-fetch middleware that signs every request with NCP API Gateway signature v2.
 * It works on any openapi-fetch client, not only this SDK's.
 */
import type { Middleware } from "openapi-fetch";
import { createRequestSigner, type RequestSignerOptions } from "./request-signer.js";

/** Options of {@link createSigningMiddleware}: the keys, and optionally a clock. */
export type SigningMiddlewareOptions = RequestSignerOptions;

/**
 * Creates a middleware that adds `x-ncp-apigw-timestamp`, `x-ncp-iam-access-key`,
 * `x-ncp-apigw-signature-v2` and `Content-Type: application/json` to every request, with a
 * fresh timestamp each time (so a retried request is signed afresh).
 *
 * @example
 * ```ts
 * const api = createClient<paths>({ baseUrl: "https://mi.apigw.ntruss.com" });
 * api.use(createSigningMiddleware({ accessKey, secretKey }));
 * ```
 * @throws InvalidInputError when a key is empty or the access key cannot be a header value.
 */
export function createSigningMiddleware(options: SigningMiddlewareOptions): Middleware {
  const sign = createRequestSigner(options);
  return {
    async onRequest({ request }) {
      const headers = await sign(request.method, request.url);
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    },
  };
}
