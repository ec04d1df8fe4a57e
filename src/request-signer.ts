/**
 * Signature v2 for a whole request: from its method and URL to the headers that sign it,
 * with a fresh timestamp each time. Used by the typed client and by the openapi-fetch
 * middleware.
 */
import { InvalidInputError } from "./errors.js";
import { makeSignatureV2 } from "./signature.js";

/** Options of {@link createRequestSigner} and of `createSigningMiddleware`. */
export interface RequestSignerOptions {
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
 * Shared by the client's typed methods and `createSigningMiddleware`.
 *
 * @throws InvalidInputError when a key is empty or the access key cannot be a header value.
 */
export function createRequestSigner(
  options: RequestSignerOptions,
): (method: string, url: string) => Promise<SignedHeaders> {
  const { accessKey, secretKey, now = Date.now } = options;
  if (typeof accessKey !== "string" || !/^[\x21-\x7e]+$/.test(accessKey)) {
    throw new InvalidInputError(
      "accessKey",
      "must be a non-empty string of printable ASCII characters",
    );
  }
  if (typeof secretKey !== "string" || secretKey === "") {
    throw new InvalidInputError("secretKey", "must be a non-empty string");
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
 * The request target of an absolute URL as it goes on the wire: its path and query, without
 * the fragment, which is never sent. The URL must already be serialised as the WHATWG URL
 * parser would: `Request.url` is, and so is the typed client's (a normalised base URL plus a
 * path whose parameters are percent-encoded). Slicing it is then exact and avoids parsing the
 * URL a second time.
 */
export function requestTarget(url: string): string {
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  if (pathStart === -1) return "/";
  const hash = url.indexOf("#", pathStart);
  return hash === -1 ? url.slice(pathStart) : url.slice(pathStart, hash);
}
