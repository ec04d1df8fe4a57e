/**
 * Turns a response into a checked body or a {@link MediaIntelligenceError}. Both error
 * shapes are recognised; a success body is checked against openapi.yaml (validate.ts, lax or
 * strict); anything else (an HTML error page, a truncated body, a body nested absurdly deep,
 * a body without what the SDK acts on) becomes an `invalid-response` error that says what was
 * wrong, never a raw `SyntaxError` or `RangeError`, or a wrongly typed result.
 */
import { MediaIntelligenceError, quote } from "./errors.js";
import type { OperationId, SuccessBody } from "./operation.js";
import { parseRetryAfter } from "./retry.js";
import { escapedJson, printableLine } from "./text.js";
import { checkBody, type Departure, kindOf } from "./validate.js";

/** Method, path and host of a request, for error messages. */
export interface RequestLabel {
  method: string;
  path: string;
  host: string;
}

/** `GET /api/…` for a message, the path cut to a length a line can carry. */
export function describeRequest(label: RequestLabel): string {
  return `${label.method} ${quote(label.path)}`;
}

const SNIPPET_LENGTH = 120;

/**
 * How deeply a body may nest. The API's bodies nest five levels; a body nested thousands of
 * levels deep could only exhaust the stack of whatever walks it.
 */
const MAX_NESTING = 64;

/** What reading a 2xx body gives. */
export type SuccessReading<Id extends OperationId> =
  | { body: SuccessBody<Id>; departures: Departure[] }
  | { error: MediaIntelligenceError };

/**
 * Reads a 2xx body (as text) of operation `id`.
 *
 * @param strict - Whether any departure from openapi.yaml is an error (else only a missing or
 *   mistyped field the SDK acts on is, and the others are returned as `departures`).
 * @returns The body as received with its departures, or an error when it is not JSON, nests
 *   too deeply, is an error envelope (`code` other than `"0"`) or cannot be used.
 */
export function readSuccess<Id extends OperationId>(
  id: Id,
  text: string,
  response: Response,
  label: RequestLabel,
  strict: boolean,
): SuccessReading<Id> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: unreadable(response, label, text, "is not valid JSON") };
  }
  if (nestsDeeperThan(body, MAX_NESTING)) {
    return {
      error: unreadable(response, label, text, `nests deeper than ${MAX_NESTING} levels`),
    };
  }
  if (isApiError(body) && String(body.code) !== "0") {
    return { error: apiError(response, label, body) };
  }
  const check = checkBody(id, body, strict);
  if (check.ok) return { body: check.body, departures: check.departures };
  const { path, expected, received } = check.departure;
  return {
    error: new MediaIntelligenceError(
      `${describeRequest(label)} answered HTTP ${response.status} with a body that openapi.yaml does not allow${strict ? "" : " and the SDK cannot use"}: at ${path}, ${expected}, got ${received}.`,
      { kind: "invalid-response", ...label, status: response.status, departure: check.departure },
    ),
  };
}

/**
 * Whether `value` nests arrays and objects more than `max` levels deep. Iterative, linear in
 * the value's size, and it stops at the first place that is too deep.
 */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Builds the error for a non-2xx response.
 *
 * @param error - openapi-fetch's `error`: the body parsed as JSON, or its text when it is not JSON.
 * @param now - The local clock, for a `Retry-After` date when the response has no `Date`.
 */
export function errorFromResponse(
  error: unknown,
  response: Response,
  label: RequestLabel,
  now: number,
): MediaIntelligenceError {
  // A Retry-After date is on the server's clock: measured from its own Date header if any.
  const serverNow = Date.parse(response.headers.get("Date") ?? "");
  const retryAfterMs = parseRetryAfter(
    response.headers.get("Retry-After"),
    Number.isNaN(serverNow) ? now : serverNow,
  );
  // Before anything walks it: converting a body nested thousands deep would exhaust the stack.
  if (nestsDeeperThan(error, MAX_NESTING)) {
    return unreadable(response, label, "", `nests deeper than ${MAX_NESTING} levels`, retryAfterMs);
  }
  if (isGatewayError(error)) {
    const code = String(error.error.errorCode);
    const serverMessage =
      error.error.message === undefined ? undefined : quote(String(error.error.message));
    const what =
      response.status === 401
        ? "Authentication failed: check the access key, the secret key and this machine's clock"
        : `${describeRequest(label)} failed`;
    return new MediaIntelligenceError(
      `${what} (HTTP ${response.status}, API Gateway error ${shown(code)}: ${shown(serverMessage ?? "no message")}).`,
      { kind: "gateway", ...label, status: response.status, code, serverMessage, retryAfterMs },
    );
  }
  if (isApiError(error)) return apiError(response, label, error, retryAfterMs);
  const text = typeof error === "string" ? error : (JSON.stringify(error) ?? "");
  return unreadable(response, label, text, "is in neither error shape", retryAfterMs);
}

function apiError(
  response: Response,
  label: RequestLabel,
  body: { code: unknown; message?: unknown },
  retryAfterMs?: number,
): MediaIntelligenceError {
  const code = String(body.code);
  const serverMessage = body.message === undefined ? undefined : quote(String(body.message));
  return new MediaIntelligenceError(
    `${describeRequest(label)} failed (HTTP ${response.status}, Media Intelligence error ${shown(code)}: ${shown(serverMessage ?? "no message")}).`,
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
  const snippet = text
    .slice(0, SNIPPET_LENGTH * 4)
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SNIPPET_LENGTH);
  const body = snippet
    ? `: ${escapedJson(JSON.stringify(snippet))}${text.length > SNIPPET_LENGTH ? "…" : ""}`
    : " (empty)";
  return new MediaIntelligenceError(
    `${describeRequest(label)} answered HTTP ${response.status} with a body that ${problem} (${quote(type)})${body}.`,
    { kind: "invalid-response", ...label, status: response.status, retryAfterMs },
  );
}

/**
 * Server text as a message shows it: at most a couple of hundred characters, on one line,
 * with no control or bidirectional character (the error's fields keep it as sent).
 */
function shown(text: string): string {
  return printableLine(quote(text));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === "object";
}

function isGatewayError(
  body: unknown,
): body is { error: { errorCode: unknown; message: unknown } } {
  return isObject(body) && isObject(body.error) && body.error.errorCode !== undefined;
}

function isApiError(body: unknown): body is { code: unknown; message?: unknown } {
  return isObject(body) && (typeof body.code === "string" || typeof body.code === "number");
}
