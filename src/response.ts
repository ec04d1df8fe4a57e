/**
 * Turns a response and its body (read as text) into a result or a {@link MediaIntelligenceError}. Both
 * error shapes are recognised; anything else (an HTML error page, a truncated body, an empty
 * one) becomes an `invalid-response` error that quotes the start of the body, never a raw
 * `SyntaxError`.
 */
import { MediaIntelligenceError } from "./errors.js";
import { parseRetryAfter } from "./retry.js";

/** Method and path of a request, for error messages. */
export interface RequestLabel {
  method: string;
  path: string;
}

const SNIPPET_LENGTH = 120;

/**
 * Reads a 2xx body (read as text) and returns its `result`.
 *
 * @returns The `result`, or an error when the body is not JSON, is an error envelope
 *   (`code` other than `"0"`) or has no `result` object.
 */
export function readSuccess(
  text: string,
  response: Response,
  label: RequestLabel,
): { result: unknown } | { error: MediaIntelligenceError } {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    return { error: unreadable(response, label, text, "is not valid JSON") };
  }
  if (isApiError(body) && String(body.code) !== "0") {
    return { error: apiError(response, label, body) };
  }
  if (!isObject(body) || !isObject(body.result)) {
    return { error: unreadable(response, label, text, "has no `result` object") };
  }
  return { result: body.result };
}

/** Builds the error for a non-2xx response from its body, read as text. */
export function errorFromResponse(
  text: string,
  response: Response,
  label: RequestLabel,
  now: number,
): MediaIntelligenceError {
  const retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"), now);
  const body = parseJson(text);
  if (isGatewayError(body)) {
    const code = String(body.error.errorCode);
    const serverMessage = body.error.message === undefined ? undefined : String(body.error.message);
    const what =
      response.status === 401
        ? "Authentication failed: check the access key, the secret key and this machine's clock"
        : `${label.method} ${label.path} failed`;
    return new MediaIntelligenceError(
      `${what} (HTTP ${response.status}, API Gateway error ${code}: ${serverMessage ?? "no message"}).`,
      { kind: "gateway", ...label, status: response.status, code, serverMessage, retryAfterMs },
    );
  }
  if (isApiError(body)) return apiError(response, label, body, retryAfterMs);
  return unreadable(response, label, text, "is in neither error shape", retryAfterMs);
}

/** The JSON value of `text`, or `undefined` when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function apiError(
  response: Response,
  label: RequestLabel,
  body: { code: unknown; message?: unknown },
  retryAfterMs?: number,
): MediaIntelligenceError {
  const code = String(body.code);
  const serverMessage = body.message === undefined ? undefined : String(body.message);
  return new MediaIntelligenceError(
    `${label.method} ${label.path} failed (HTTP ${response.status}, Media Intelligence error ${code}: ${serverMessage ?? "no message"}).`,
    { kind: "api", ...label, status: response.status, code, serverMessage, retryAfterMs },
  );
}

function unreadable(
  response: Response,
  label: RequestLabel,
  text: string,
  problem: string,
  retryAfterMs?: number,
): MediaIntelligenceError {
  const type = response.headers.get("Content-Type") ?? "no content type";
  const snippet = text.replace(/\s+/g, " ").trim().slice(0, SNIPPET_LENGTH);
  const body = snippet
    ? `: ${JSON.stringify(snippet)}${text.length > SNIPPET_LENGTH ? "…" : ""}`
    : " (empty)";
  return new MediaIntelligenceError(
    `${label.method} ${label.path} answered HTTP ${response.status} with a body that ${problem} (${type})${body}.`,
    { kind: "invalid-response", ...label, status: response.status, retryAfterMs },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isGatewayError(
  body: unknown,
): body is { error: { errorCode: unknown; message: unknown } } {
  return isObject(body) && isObject(body.error) && body.error.errorCode !== undefined;
}

function isApiError(body: unknown): body is { code: unknown; message?: unknown } {
  return isObject(body) && (typeof body.code === "string" || typeof body.code === "number");
}
