/**
 * Turns a response into a checked body or a {@link MediaIntelligenceError}. Both error
 * shapes are recognised; a success body is validated against openapi.yaml (generated
 * validators); anything else (an HTML error page, a truncated body, a body of the wrong
 * shape) becomes an `invalid-response` error that says what was wrong, never a raw
 * `SyntaxError` or a wrongly typed result.
 */
import { MediaIntelligenceError, quote } from "./errors.js";
import { type ValidatedOperationId, validateResponse } from "./generated/validators.js";
import { parseRetryAfter } from "./retry.js";

/** Method, path and host of a request, for error messages. */
export interface RequestLabel {
  method: string;
  path: string;
  host: string;
}

const SNIPPET_LENGTH = 120;

/**
 * Reads a 2xx body (as text) of operation `operationId`.
 *
 * @param strict - Whether fields the spec does not name are an error too.
 * @returns The body, or an error when it is not JSON, is an error envelope (`code` other
 *   than `"0"`) or does not match the operation's response schema.
 */
export function readSuccess(
  text: string,
  response: Response,
  labelOf: () => RequestLabel,
  operationId: ValidatedOperationId,
  strict: boolean,
): { body: unknown } | { error: MediaIntelligenceError } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: unreadable(response, labelOf(), text, "is not valid JSON") };
  }
  if (isApiError(body) && String(body.code) !== "0") {
    return { error: apiError(response, labelOf(), body) };
  }
  const check = validateResponse(operationId, body, { allowUnknownFields: !strict });
  if (!check.ok) {
    const label = labelOf();
    return {
      error: new MediaIntelligenceError(
        `${label.method} ${label.path} answered HTTP ${response.status} with a body that openapi.yaml does not allow: at ${check.path}, ${check.expected}.`,
        { kind: "invalid-response", ...label, status: response.status },
      ),
    };
  }
  return { body };
}

/**
 * Builds the error for a non-2xx response.
 *
 * @param error - openapi-fetch's `error`: the body parsed as JSON, or its text when it is not JSON.
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
  if (isGatewayError(error)) {
    const code = String(error.error.errorCode);
    const serverMessage =
      error.error.message === undefined ? undefined : quote(String(error.error.message));
    const what =
      response.status === 401
        ? "Authentication failed: check the access key, the secret key and this machine's clock"
        : `${label.method} ${label.path} failed`;
    return new MediaIntelligenceError(
      `${what} (HTTP ${response.status}, API Gateway error ${quote(code)}: ${serverMessage ?? "no message"}).`,
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
    `${label.method} ${label.path} failed (HTTP ${response.status}, Media Intelligence error ${quote(code)}: ${serverMessage ?? "no message"}).`,
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
    `${label.method} ${label.path} answered HTTP ${response.status} with a body that ${problem} (${quote(type)})${body}.`,
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
