/**
 * The `fetch` that the SDK's openapi-fetch client calls: it sends one signed `Request` through
 * the user's `fetch` and hands back a response whose body is already read, so that every
 * byte is bounded before openapi-fetch sees it.
 *
 * - Signed headers go nowhere but the base URL's origin.
 * - Redirects are never followed (`redirect: "manual"`): a 3xx is an error that names its
 *   `Location`, because following it would hand the access key and a replayable signature
 *   to another host, perhaps over plain HTTP.
 * - At most `maxConnections` requests are in flight (the limiter); the rest wait for a slot.
 * - An attempt with a slot may wait once more before it is sent (`admit`: the typed client's
 *   rate limiter).
 * - Each attempt's time limit starts once it is sent, and bounds the response and its body.
 * - The body is read up to `maxResponseBytes` (decompressed), and both the response and its
 *   body are raced against the attempt's signal, so that no stalled or corrupt body keeps a
 *   call pending.
 */
import { raceAbort } from "./abort.js";
import { InvalidInputError, MediaIntelligenceError, quote, seconds } from "./errors.js";
import type { Limiter } from "./limiter.js";
import { describeRequest, type RequestLabel } from "./response.js";

/** The `fetch` this SDK calls: the platform's, or one injected for tests and proxies. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What {@link createTransport} works with. */
export interface TransportConfig {
  /** The user's `fetch`. */
  fetch: FetchLike;
  /** The base URL: requests to any other origin are refused. */
  baseUrl: string;
  /** The most bytes a response body may have, decompressed. */
  maxResponseBytes: number;
  /** Bounds concurrent requests: each holds a slot until its body has been read. */
  limiter: Limiter;
}

/** Statuses whose responses cannot carry a body (`new Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** How one attempt is bounded, besides the transport's own limits. */
export interface AttemptBounds {
  /** Aborts the attempt, whether it waits for a slot or is under way. Default: the request's. */
  signal?: AbortSignal | undefined;
  /** The attempt's time limit, in ms, from the moment it is sent. Default: none. */
  timeoutMs?: number | undefined;
  /**
   * What the attempt waits for once it has a connection slot, before it is sent: the typed
   * client's rate limiter, which holds an attempt whose turn was given before the rate was
   * cut (it may have waited for the slot meanwhile) until its turn at the new rate.
   */
  admit?: ((signal: AbortSignal) => Promise<void>) | undefined;
}

/** The transport: sends one signed request, bounded, and answers with its whole body read. */
export type Transport = (request: Request, bounds?: AttemptBounds) => Promise<Response>;

/** Creates the transport, as openapi-fetch's `fetch` option wants it (and with bounds). */
export function createTransport(options: TransportConfig): Transport {
  const { fetch, maxResponseBytes, limiter } = options;
  const origin = new URL(options.baseUrl).origin;
  return async (request, bounds = {}) => {
    const { signal: callSignal = request.signal, timeoutMs } = bounds;
    if (!request.url.startsWith(`${origin}/`)) {
      throw new InvalidInputError(
        "baseUrl",
        `is ${origin}: a signed request to ${quote(new URL(request.url).origin)} was refused, since only the base URL's origin gets credentials`,
      );
    }
    const body = request.body === null ? undefined : await request.text();
    await limiter.acquire(callSignal);
    let timeout: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await bounds.admit?.(callSignal);
      timeout = timeoutMs === undefined ? undefined : new AbortController();
      timer = timeout && setTimeout(() => timeout?.abort(), timeoutMs);
      const signal = timeout ? AbortSignal.any([callSignal, timeout.signal]) : callSignal;
      const response = await raceAbort(
        fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body,
          signal,
          redirect: "manual",
        }),
        signal,
      );
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
        response.body?.cancel().catch(() => {});
        throw redirectError(request, response);
      }
      const bytes = await readBounded(response, request, signal, maxResponseBytes);
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (timeout?.signal.aborted && !callSignal.aborted) {
        throw timeoutError(request, timeoutMs ?? 0);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      limiter.release();
    }
  };
}

/** Reads the whole body, failing with a `too-large` error past `maxBytes`. */
async function readBounded(
  response: Response,
  request: Request,
  signal: AbortSignal,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get("Content-Length") ?? Number.NaN);
  if (declared > maxBytes) {
    response.body?.cancel().catch(() => {});
    throw tooLargeError(request, response, maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await raceAbort(reader.read(), signal);
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) throw tooLargeError(request, response, maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    // Not awaited: a corrupt stream may never settle its cancel either.
    reader.cancel().catch(() => {});
    throw error;
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function labelOf(request: Request): RequestLabel {
  const url = new URL(request.url);
  return { method: request.method, path: url.pathname, host: url.host };
}

function redirectError(request: Request, response: Response): MediaIntelligenceError {
  const location = response.headers.get("Location") ?? undefined;
  const label = labelOf(request);
  const where = location === undefined ? "an unknown location" : quote(location);
  return new MediaIntelligenceError(
    `${describeRequest(label)} was answered with a redirect (HTTP ${response.status}) to ${where}; it was not followed, because that would send your credentials on: check the base URL.`,
    { kind: "redirect", ...label, status: response.status || undefined, location },
  );
}

function timeoutError(request: Request, timeoutMs: number): MediaIntelligenceError {
  const label = labelOf(request);
  return new MediaIntelligenceError(
    `${describeRequest(label)} on ${label.host} timed out after ${seconds(timeoutMs)} (the time limit of each attempt).`,
    { kind: "timeout", ...label, limit: timeoutMs },
  );
}

function tooLargeError(
  request: Request,
  response: Response,
  maxBytes: number,
): MediaIntelligenceError {
  const label = labelOf(request);
  return new MediaIntelligenceError(
    `${describeRequest(label)} answered HTTP ${response.status} with a body larger than ${maxBytes} bytes; it was not read. Raise the limit if the answer is genuine: the maxResponseBytes option (--max-response-bytes in ncp-mi).`,
    { kind: "too-large", ...label, status: response.status, limit: maxBytes },
  );
}
