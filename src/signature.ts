/**
 * NCP API Gateway signature v2.
 *
 * ```text
 * message   = METHOD + " " + URL + "\n" + TIMESTAMP + "\n" + ACCESS_KEY
 * signature = base64(HMAC-SHA256(key = SECRET_KEY, data = message))
 * ```
 *
 * `URL` is the request target as it goes on the wire: the raw, percent-encoded path, plus `?`
 * and the raw query when there is one; no scheme, no host. The official Java SDK signs
 * `uri.getRawPath() + "?" + uri.getRawQuery()`. NAVER Cloud's API Gateway notes publish test
 * vectors (kept in test/unit/signature.test.ts); openapi.yaml's Authentication section has a
 * worked example.
 */
import { type HmacSha256Base64, hmacSha256Base64 } from "./hmac.js";

/** What is signed. */
export interface SignatureV2Input {
  /** HTTP method in capitals, such as `GET`. */
  method: string;
  /** Request target as sent: raw path, plus `?` and the raw query when there is one. */
  url: string;
  /** Milliseconds since the Unix epoch: exactly the value sent in `x-ncp-apigw-timestamp`. */
  timestamp: string | number;
  /** Access key ID, sent in `x-ncp-iam-access-key`. */
  accessKey: string;
  /** Secret key. Used as the HMAC key and never sent. */
  secretKey: string;
}

/**
 * Computes the `x-ncp-apigw-signature-v2` header value.
 *
 * @param input - What to sign.
 * @param hmac - HMAC backend; defaults to `node:crypto` where it exists, else WebCrypto.
 * @returns The base64 signature.
 * @throws TypeError when `url` is not a request target (it must start with `/`).
 */
export async function makeSignatureV2(
  input: SignatureV2Input,
  hmac: HmacSha256Base64 = hmacSha256Base64,
): Promise<string> {
  const { method, url, timestamp, accessKey, secretKey } = input;
  if (url[0] !== "/") {
    // Signing "https://host/path" is the most common mistake, and the gateway would only say
    // "Authentication Failed".
    throw new TypeError(`url must be the request target (path and query), not "${url}"`);
  }
  return hmac(secretKey, `${method} ${url}\n${timestamp}\n${accessKey}`);
}
