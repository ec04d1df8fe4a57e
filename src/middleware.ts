/**
 * The openapi-fetch middleware that signs every request with NCP API Gateway signature v2.
 * It works on any openapi-fetch client, not only this SDK's.
 */
import type { Middleware } from "openapi-fetch";
import { InvalidInputError } from "./errors.js";
import { makeSignatureV2 } from "./signature.js";

/** Options of {@link createSigningMiddleware}. */
export interface SigningMiddlewareOptions {
  /** Access key ID. */
  accessKey: string;
  /** Secret key. Kept in a closure: it is never sent, logged or exposed as a property. */
  secretKey: string;
  /** Clock for the timestamp, in milliseconds since the Unix epoch. Defaults to `Date.now`. */
  now?: () => number;
}

/** The headers that sign one request. */
export type SignedHeaders = {
  "x-ncp-apigw-timestamp": string;
  "x-ncp-iam-access-key": string;
  "x-ncp-apigw-signature-v2": string;
  "Content-Type": "application/json";
};

/**
 * Creates the function that signs a request: given its method and absolute URL, it returns the
 * headers to send, with a fresh timestamp each time (so a retried request is signed afresh).
 * Shared by {@link createSigningMiddleware} and the client's typed methods.
 *
 * @throws InvalidInputError when a key is empty or the access key cannot be a header value.
 */
export function createRequestSigner(
  options: SigningMiddlewareOptions,
): (method: string, url: string) => Promise<SignedHeaders> {
  const { accessKey, secretKey, now = Date.now } = options;
  if (typeof accessKey !== "string" || !/^[\x21-\x7e]+$/.test(accessKey)) {
    throw new InvalidInputError(
      "accessKey",
      "accessKey must be a non-empty string of printable ASCII characters.",
    );
  }
  if (typeof secretKey !== "string" || secretKey === "") {
    throw new InvalidInputError("secretKey", "secretKey must be a non-empty string.");
  }
  return async (method, url) => {
    const timestamp = String(now());
    const signature = await makeSignatureV2({
      method,
      url: requestTarget(url),
      timestamp,
      accessKey,
      secretKey,
    });
    return {
      "x-ncp-apigw-timestamp": timestamp,
      "x-ncp-iam-access-key": accessKey,
      "x-ncp-apigw-signature-v2": signature,
      // The API reference lists Content-Type as required on every request, GET included.
      "Content-Type": "application/json",
    };
  };
}

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

/**
 * The request target of an absolute URL as it goes on the wire: its path and query, without
 * the fragment, which is never sent. `Request.url` is already serialised by the WHATWG URL
 * parser (percent-encoded, dot segments resolved), so slicing it is exact and avoids parsing
 * the URL a second time.
 */
export function requestTarget(url: string): string {
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  if (pathStart === -1) return "/";
  const hash = url.indexOf("#", pathStart);
  return hash === -1 ? url.slice(pathStart) : url.slice(pathStart, hash);
}
