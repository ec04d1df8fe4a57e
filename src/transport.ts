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
 *   The typed client takes its slot before it signs (`holdsSlot`), so that no wait for one
 *   leaves a request with a stale timestamp.
 * - A status outside 200–599 (which a hand-made `fetch` can answer) is an invalid response.
 * - Each attempt's time limit starts once it is sent, and bounds the response and its body.
 * - The body is read up to `maxResponseBytes` (decompressed), and both the response and its
 *   body are raced against the attempt's signal, so that no stalled or corrupt body keeps a
 *   call pending.
 */
import { raceAbort } from "./abort.js";
import { seconds } from "./duration.js";
import { InvalidInputError, MediaIntelligenceError, quote } from "./errors.js";
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

/** Statuses, of those the transport answers with, whose responses cannot carry a body. */
const NULL_BODY_STATUSES = new Set([204, 205]);

/** How one attempt is bounded, besides the transport's own limits. */
export interface AttemptBounds {
  /** Aborts the attempt, whether it waits for a slot or is under way. Default: the request's. */
  signal?: AbortSignal | undefined;
  /** The attempt's time limit, in ms, from the moment it is sent. Default: none. */
  timeoutMs?: number | undefined;
  /**
   * Whether the caller already holds one of the limiter's slots for this request (the typed
   * client takes it before the request is signed); the transport then takes none.
   */
  holdsSlot?: boolean | undefined;
}

/** The statuses `Response` can carry: a hand-made `fetch` may answer with another. */
const MIN_STATUS = 200;
const MAX_STATUS = 599;

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
    const ownSlot = bounds.holdsSlot !== true;
    if (ownSlot) await limiter.acquire(callSignal);
    const timeout = timeoutMs === undefined ? undefined : new AbortController();
    const timer = timeout && setTimeout(() => timeout.abort(), timeoutMs);
    try {
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
      if (!(response.status >= MIN_STATUS && response.status <= MAX_STATUS)) {
        response.body?.cancel().catch(() => {});
        throw statusError(request, response);
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
      if (ownSlot) limiter.release();
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

function statusError(request: Request, response: Response): MediaIntelligenceError {
  const label = labelOf(request);
  return new MediaIntelligenceError(
    `${describeRequest(label)} on ${label.host} was answered with HTTP status ${quote(String(response.status))}, which HTTP does not have (a response's status is from ${MIN_STATUS} to ${MAX_STATUS}): check the fetch function given to the client.`,
    { kind: "invalid-response", ...label },
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
