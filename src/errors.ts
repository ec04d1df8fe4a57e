/**
 * Everything the SDK throws is a {@link MediaIntelligenceSdkError}, one class per concern:
 * - {@link InvalidInputError}: bad ids, options or credentials. Nothing was sent.
 * - {@link MediaIntelligenceError}: a request failed; `kind` says how.
 * - {@link SceneSummaryWaitError} and its subclasses: a wait or `summarize` ended without a
 *   completed summary.
 * - {@link AbortError}: the caller's signal aborted the call or the wait.
 *
 * None of them carries request headers, the signature or the secret key, and each is frozen
 * once made: what a caller catches is what happened.
 */
import { seconds } from "./duration.js";
import { type SceneSummaryStatus, sceneCount } from "./types.js";
import type { Departure } from "./validate.js";

/** The longest piece of input or server text an error message quotes. */
const MAX_QUOTE_LENGTH = 200;

/**
 * `text` cut to a length an error line can carry, with `…` where it was cut: a 100 KB id
 * must not make a 100 KB message.
 */
export function quote(text: string): string {
  return text.length > MAX_QUOTE_LENGTH ? `${text.slice(0, MAX_QUOTE_LENGTH)}…` : text;
}

/** `analysed/total scenes` of a status, or nothing when it does not give both counts. */
export function sceneCounts(
  status: Pick<SceneSummaryStatus, "analyzedSceneCount" | "totalSceneCount"> | undefined,
): string {
  const done = sceneCount(status?.analyzedSceneCount);
  const total = sceneCount(status?.totalSceneCount);
  return done !== undefined && total !== undefined ? `, ${done}/${total} scenes` : "";
}

/** The base class of every error this SDK throws: `catch (e) { if (e instanceof MediaIntelligenceSdkError) … }`. */
export class MediaIntelligenceSdkError extends Error {
  override readonly name: string = "MediaIntelligenceSdkError";

  /** A plain object for logs and JSON: the name, the message and the error's own fields. */
  toJSON(): Record<string, unknown> {
    return { ...Object.fromEntries(Object.entries(this)), name: this.name, message: this.message };
  }
}

/** Bad input to the SDK: an id, an option or a missing credential. Thrown before anything is sent. */
export class InvalidInputError extends MediaIntelligenceSdkError {
  override readonly name = "InvalidInputError";
  /** What is wrong with it, without its name: `must not be empty`. */
  readonly reason: string;
  /** The option that would allow it, when one would (`allowInsecureHttp` for plain HTTP). */
  readonly allowedBy: string | undefined;

  /**
   * @param field - The id or option at fault, such as `projectId` or `secretKey`.
   * @param reason - What is wrong with it, without its name, such as `must not be empty`.
   * @param allowedBy - The option that would allow it, if one would.
   */
  constructor(
    readonly field: string,
    reason: string,
    allowedBy?: string,
  ) {
    super(
      `${field} ${reason}.${allowedBy === undefined ? "" : ` Pass ${allowedBy}: true if you mean it.`}`,
    );
    this.reason = reason;
    this.allowedBy = allowedBy;
    Object.freeze(this);
  }
}

/**
 * The caller's signal aborted the call or the wait. Its `cause` is the signal's reason (for
 * `AbortSignal.timeout`, a `TimeoutError` DOMException). Its name is `AbortError`, as the
 * platform's is, so that code checking `error.name === "AbortError"` keeps working.
 */
export class AbortError extends MediaIntelligenceSdkError {
  override readonly name = "AbortError";

  /** @param reason - The signal's reason. */
  constructor(reason: unknown) {
    super(
      reason instanceof Error && reason.name === "TimeoutError"
        ? "The operation was aborted: its signal timed out."
        : "The operation was aborted.",
      { cause: reason },
    );
    Object.freeze(this);
  }

  /** The error to reject with once `signal` has aborted: `error` itself when it is one already. */
  static from(signal: AbortSignal): AbortError {
    return signal.reason instanceof AbortError ? signal.reason : new AbortError(signal.reason);
  }

  override toJSON() {
    return { name: this.name, message: this.message };
  }
}

/**
 * How a request failed:
 * - `gateway`: API Gateway answered with an error (`{ error: { errorCode, message } }`),
 *   for example a rejected signature or a rate limit.
 * - `api`: Media Intelligence answered with an error (`{ code, message }`).
 * - `network`: no response: the connection failed or was reset.
 * - `timeout`: an attempt got no whole response within its time limit (`requestTimeoutMs`).
 * - `deadline`: the call as a whole, retries included, ran past `deadlineMs`.
 * - `redirect`: the server answered with a redirect (3xx), which is never followed: it would
 *   carry the signed headers elsewhere. `location` names where it pointed.
 * - `too-large`: the response body, decompressed, was larger than `maxResponseBytes`.
 * - `invalid-response`: a response the client cannot read: not JSON (an HTML error page, a
 *   truncated body), in neither error shape, or a success body that openapi.yaml does not
 *   allow (the message names the JSON path and what was expected).
 */
export type ErrorKind =
  | "gateway"
  | "api"
  | "network"
  | "timeout"
  | "deadline"
  | "redirect"
  | "too-large"
  | "invalid-response";

/** What a {@link MediaIntelligenceError} is made from. */
export interface MediaIntelligenceErrorInit {
  /** How the request failed. */
  kind: ErrorKind;
  /** HTTP method. */
  method: string;
  /** Request path as sent (percent-encoded), without host or query. */
  path: string;
  /** Host (and port) the request went to, such as `mi.apigw.ntruss.com`. */
  host?: string | undefined;
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** Gateway `errorCode` or Media Intelligence `code`, as a string. */
  code?: string | undefined;
  /** The server's own message. */
  serverMessage?: string | undefined;
  /** Milliseconds the server asked to wait (`Retry-After`), when it said. */
  retryAfterMs?: number | undefined;
  /** Where a redirect pointed (`Location`), for `redirect` errors. */
  location?: string | undefined;
  /**
   * The limit that was reached, for `timeout` and `deadline` (ms) and `too-large` (bytes).
   */
  limit?: number | undefined;
  /** The departure from openapi.yaml, for `invalid-response` errors about a body's shape. */
  departure?: Departure | undefined;
  /** How many attempts were made, retries included. Default 1. */
  attempts?: number | undefined;
  /** The underlying error, for `network` failures. */
  cause?: unknown;
}

/** A request to Media Intelligence failed. */
export class MediaIntelligenceError extends MediaIntelligenceSdkError {
  override readonly name = "MediaIntelligenceError";
  /** How the request failed. */
  readonly kind: ErrorKind;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** Gateway `errorCode` or Media Intelligence `code`, as a string. */
  readonly code: string | undefined;
  /** The server's own message. */
  readonly serverMessage: string | undefined;
  /** HTTP method. */
  readonly method: string;
  /** Request path as sent, without host or query. */
  readonly path: string;
  /** Host (and port) the request went to. */
  readonly host: string | undefined;
  /** Milliseconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;
  /** Where a redirect pointed, for `redirect` errors. */
  readonly location: string | undefined;
  /** The limit that was reached: ms for `timeout` and `deadline`, bytes for `too-large`. */
  readonly limit: number | undefined;
  /** The departure from openapi.yaml, for `invalid-response` errors about a body's shape. */
  readonly departure: Departure | undefined;
  /** How many attempts were made, retries included. */
  readonly attempts: number;

  /**
   * @param message - A sentence that says what failed and what to do about it.
   * @param init - The failure's details.
   */
  constructor(message: string, init: MediaIntelligenceErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.method = init.method;
    this.path = init.path;
    this.host = init.host;
    this.retryAfterMs = init.retryAfterMs;
    this.location = init.location;
    this.limit = init.limit;
    this.departure = init.departure && Object.freeze({ ...init.departure });
    this.attempts = init.attempts ?? 1;
    Object.freeze(this);
  }

  /** The same error with `attempts` set: errors are frozen, so the retry loop makes a copy. */
  withAttempts(attempts: number): MediaIntelligenceError {
    return new MediaIntelligenceError(this.message, { ...this, attempts, cause: this.cause });
  }

  /** A plain object for logs and JSON: every documented field, never a header or key. */
  override toJSON() {
    const { name, message, kind, status, code, serverMessage, method, path, host } = this;
    const { retryAfterMs, location, limit, departure, attempts } = this;
    return {
      name,
      message,
      kind,
      status,
      code,
      serverMessage,
      method,
      path,
      host,
      retryAfterMs,
      location,
      limit,
      departure,
      attempts,
    };
  }
}

/** A deep copy of a status that nobody can change, so that the error keeps what was seen. */
function frozenCopy(status: SceneSummaryStatus): SceneSummaryStatus {
  const copy = structuredClone(status);
  if (Array.isArray(copy.targetSceneIds)) Object.freeze(copy.targetSceneIds);
  return Object.freeze(copy);
}

/** A wait or `summarize` ended without a completed summary. */
export class SceneSummaryWaitError extends MediaIntelligenceSdkError {
  override readonly name: string = "SceneSummaryWaitError";

  /** The last status seen, if any: a frozen copy. */
  readonly lastStatus: SceneSummaryStatus | undefined;

  /**
   * @param message - What happened.
   * @param lastStatus - The last status seen, if any.
   */
  constructor(message: string, lastStatus: SceneSummaryStatus | undefined) {
    super(message);
    this.lastStatus = lastStatus && frozenCopy(lastStatus);
  }
}

/** The summarisation ended in `SUMMARIZE_FAIL`. */
export class SceneSummaryFailedError extends SceneSummaryWaitError {
  override readonly name = "SceneSummaryFailedError";
  /** The server's error details (`statusMessage`), when it gave them as text. */
  readonly statusMessage: string | null;

  /** @param lastStatus - The `SUMMARIZE_FAIL` status. */
  constructor(lastStatus: SceneSummaryStatus) {
    const details = typeof lastStatus.statusMessage === "string" ? lastStatus.statusMessage : null;
    super(
      // The server's message may end with its own full stop.
      `Scene summarisation failed: ${quote(details ?? "no details given").replace(/\.$/, "")}.`,
      lastStatus,
    );
    this.statusMessage = details;
    Object.freeze(this);
  }
}

/** The summarisation ended in `SUMMARIZE_CANCELED`. */
export class SceneSummaryCanceledError extends SceneSummaryWaitError {
  override readonly name = "SceneSummaryCanceledError";

  /** @param lastStatus - The `SUMMARIZE_CANCELED` status. */
  constructor(lastStatus: SceneSummaryStatus) {
    super("Scene summarisation was cancelled.", lastStatus);
    Object.freeze(this);
  }
}

/** The status stayed `BEFORE_SUMMARIZE` past the grace period: no summarisation was requested. */
export class SceneSummaryNotRequestedError extends SceneSummaryWaitError {
  override readonly name = "SceneSummaryNotRequestedError";

  /**
   * @param lastStatus - The `BEFORE_SUMMARIZE` status.
   * @param graceMs - How long it was given to register.
   */
  constructor(lastStatus: SceneSummaryStatus, graceMs: number) {
    super(
      `No scene summarisation was requested: the status is still BEFORE_SUMMARIZE after ${seconds(graceMs)}.`,
      lastStatus,
    );
    Object.freeze(this);
  }
}

/**
 * `summarize` requested a summarisation and the service accepted it, but the status still
 * showed the summarisation from before the request when the grace period ended: the request
 * has not registered yet. It may still: read the status later. Requesting again could start a
 * second run, or be refused as one in progress.
 */
export class SceneSummaryNotRegisteredError extends SceneSummaryWaitError {
  override readonly name = "SceneSummaryNotRegisteredError";

  /**
   * @param lastStatus - The status from before the request, still shown.
   * @param graceMs - How long it was given to register.
   */
  constructor(lastStatus: SceneSummaryStatus, graceMs: number) {
    super(
      `The request was accepted, but after ${seconds(graceMs)} the status ${shownBefore(lastStatus)}: it has not registered yet. Read the status later rather than requesting again.`,
      lastStatus,
    );
    Object.freeze(this);
  }
}

/** What a status from before a request shows, for a message. */
export function shownBefore(status: SceneSummaryStatus | undefined): string {
  const value = quote(String(status?.status));
  return status?.status === "BEFORE_SUMMARIZE"
    ? `still shows no summarisation (${value})`
    : `still shows the summarisation from before it (${value})`;
}

/**
 * `summarize` found a summarisation already in progress (`WAIT_SUMMARIZE` or `SUMMARIZING`),
 * or the request was refused because of one. Wait for it with `wait()`, or call `summarize`
 * with `{ waitForExisting: true }`.
 */
export class SceneSummaryInProgressError extends SceneSummaryWaitError {
  override readonly name = "SceneSummaryInProgressError";

  /** @param lastStatus - The status that shows the summarisation in progress, if read. */
  constructor(lastStatus: SceneSummaryStatus | undefined) {
    super(
      "A scene summarisation is already in progress" +
        (lastStatus ? ` (${quote(String(lastStatus.status))}${sceneCounts(lastStatus)})` : "") +
        ": wait for it with wait(), or pass { waitForExisting: true } to summarize().",
      lastStatus,
    );
    Object.freeze(this);
  }
}

/** A wait ran past its `maxWaitMs`. */
export class WaitTimeoutError extends SceneSummaryWaitError {
  override readonly name = "WaitTimeoutError";

  /**
   * @param timeoutMs - The limit that was reached (the wait's `maxWaitMs`).
   * @param lastStatus - The last status seen, if any.
   */
  constructor(
    readonly timeoutMs: number,
    lastStatus: SceneSummaryStatus | undefined,
  ) {
    super(
      `Gave up waiting for the scene summary after ${seconds(timeoutMs)}` +
        (lastStatus
          ? ` (last status ${quote(String(lastStatus.status))}${sceneCounts(lastStatus)}).`
          : "."),
      lastStatus,
    );
    Object.freeze(this);
  }
}
