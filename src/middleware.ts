/**
 * openapi-fetch middleware: the signing middleware, which works on any openapi-fetch client,
 * not only this SDK's, and the path parameter check the SDK's spec-level client adds before it.
 */
import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { refuseBrowser } from "./browser.js";
import { checkId } from "./ids.js";
import { createRequestSigner, type RequestSignerOptions } from "./request-signer.js";
import { createSkewedClock, type SkewedClock, signedAt } from "./skew.js";

/** Options of {@link createSigningMiddleware}: the keys, and optionally a clock. */
export interface SigningMiddlewareOptions extends RequestSignerOptions {
  /**
   * Allows signing in a web page, where the secret key would be handed to every visitor.
   * Off by default; see README, "Signing in a browser".
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

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
 * @throws InvalidInputError when a key is empty or the access key cannot be a header value,
 *   or in a web page without `dangerouslyAllowBrowser`.
 */
export function createSigningMiddleware(options: SigningMiddlewareOptions): Middleware {
  refuseBrowser(options.dangerouslyAllowBrowser);
  const clock = createSkewedClock(options.now ?? Date.now);
  const signing = createSigningStep(options, clock);
  // Requests with a body, copied before sending so that they can be sent again after a skew.
  const unsent = new WeakMap<Request, Request>();
  return {
    async onRequest(params) {
      const signed = (await signing.onRequest(params)) ?? params.request;
      if (signed.body !== null) unsent.set(signed, signed.clone());
      return signed === params.request ? undefined : signed;
    },
    async onResponse({ request, response, options: clientOptions }) {
      if (!clock.learn(response, signedAt(request))) return undefined;
      const again = unsent.get(request) ?? (request.bodyUsed ? undefined : request);
      if (!again) return undefined;
      await response.body?.cancel();
      await signing.sign(again);
      return clientOptions.fetch(again);
    },
  };
}

/** The signing half of the middleware: a middleware of its own, and its signer. */
export interface SigningStep {
  /** Signs the request (a copy that follows no redirect, when it would have). */
  onRequest(params: MiddlewareCallbackParams): Promise<Request | undefined>;
  /** Sets a request's signed headers, with a fresh timestamp. */
  sign(request: Request): Promise<void>;
}

/**
 * The signing half of {@link createSigningMiddleware}, with a clock the caller corrects: the
 * SDK's own client re-signs after a skew in its request loop, where the attempt is counted.
 */
export function createSigningStep(options: RequestSignerOptions, clock: SkewedClock): SigningStep {
  const signer = createRequestSigner({ ...options, now: clock.now });
  async function sign(request: Request): Promise<void> {
    const headers = await signer(request.method, request.url);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  }
  return {
    sign,
    async onRequest({ request: given }) {
      // A signed request never follows a redirect: that would carry the access key and a
      // replayable signature to wherever the redirect points.
      const request =
        given.redirect === "follow" ? new Request(given, { redirect: "error" }) : given;
      await sign(request);
      return request === given ? undefined : request;
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
