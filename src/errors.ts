/**
 * Errors, one class per concern:
 * - {@link InvalidInputError}: bad ids, options or credentials. Nothing was sent.
 * - {@link MediaIntelligenceError}: a request failed; `kind` says how.
 * - {@link SceneSummaryWaitError} and its subclasses: `waitForSceneSummary` ended without a
 *   completed summary.
 *
 * None of them carries request headers or the secret key.
 */
import type { SceneSummaryStatus } from "./types.js";

/** Bad input to the SDK: an id, an option or a missing credential. Thrown before anything is sent. */
export class InvalidInputError extends TypeError {
  override readonly name = "InvalidInputError";

  /**
   * @param field - The id or option at fault, such as `projectId` or `secretKey`.
   * @param message - What is wrong, naming the field.
   */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How a request failed:
 * - `gateway`: API Gateway answered with an error (`{ error: { errorCode, message } }`),
 *   for example a rejected signature or a rate limit.
 * - `api`: Media Intelligence answered with an error (`{ code, message }`).
 * - `network`: no response: the connection failed or was reset.
 * - `timeout`: no response within `requestTimeoutMs`.
 * - `invalid-response`: a response the client cannot read: not JSON (an HTML error page, a
 *   truncated body) or not in either documented shape.
 */
export type ErrorKind = "gateway" | "api" | "network" | "timeout" | "invalid-response";

/** What a {@link MediaIntelligenceError} is made from. */
export interface MediaIntelligenceErrorInit {
  /** How the request failed. */
  kind: ErrorKind;
  /** HTTP method. */
  method: string;
  /** Request path as sent (percent-encoded), without host or query. */
  path: string;
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** Gateway `errorCode` or Media Intelligence `code`, as a string. */
  code?: string | undefined;
  /** The server's own message. */
  serverMessage?: string | undefined;
  /** Milliseconds the server asked to wait (`Retry-After`), when it said. */
  retryAfterMs?: number | undefined;
  /** The underlying error, for `network` failures. */
  cause?: unknown;
}

/** A request to Media Intelligence failed. */
export class MediaIntelligenceError extends Error {
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
  /** Milliseconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;
  /** How many attempts were made, retries included. Set by the client's retry loop. */
  attempts = 1;

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
    this.retryAfterMs = init.retryAfterMs;
  }

  /** A plain object for logs and JSON. */
  toJSON() {
    const { name, message, kind, status, code, serverMessage, method, path, attempts } = this;
    return { name, message, kind, status, code, serverMessage, method, path, attempts };
  }
}

/** `waitForSceneSummary` ended without a completed summary. */
export class SceneSummaryWaitError extends Error {
  override readonly name: string = "SceneSummaryWaitError";

  /**
   * @param message - What happened.
   * @param lastStatus - The last status seen, if any.
   */
  constructor(
    message: string,
    readonly lastStatus: SceneSummaryStatus | undefined,
  ) {
    super(message);
  }
}

/** The summarisation ended in `SUMMARIZE_FAIL`. */
export class SceneSummaryFailedError extends SceneSummaryWaitError {
  override readonly name = "SceneSummaryFailedError";
  /** The server's error details (`statusMessage`). */
  readonly statusMessage: string | null;

  /** @param lastStatus - The `SUMMARIZE_FAIL` status. */
  constructor(lastStatus: SceneSummaryStatus) {
    super(
      // The server's message may end with its own full stop.
      `Scene summarisation failed: ${(lastStatus.statusMessage ?? "no details given").replace(/\.$/, "")}.`,
      lastStatus,
    );
    this.statusMessage = lastStatus.statusMessage;
  }
}

/** The summarisation ended in `SUMMARIZE_CANCELED`. */
export class SceneSummaryCanceledError extends SceneSummaryWaitError {
  override readonly name = "SceneSummaryCanceledError";

  /** @param lastStatus - The `SUMMARIZE_CANCELED` status. */
  constructor(lastStatus: SceneSummaryStatus) {
    super("Scene summarisation was cancelled.", lastStatus);
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
      `No scene summarisation was requested: the status is still BEFORE_SUMMARIZE after ${graceMs} ms.`,
      lastStatus,
    );
  }
}

/** `waitForSceneSummary` ran past its `timeoutMs`. */
export class WaitTimeoutError extends SceneSummaryWaitError {
  override readonly name = "WaitTimeoutError";

  /**
   * @param timeoutMs - The limit that was reached.
   * @param lastStatus - The last status seen, if any.
   */
  constructor(
    readonly timeoutMs: number,
    lastStatus: SceneSummaryStatus | undefined,
  ) {
    super(
      `Gave up waiting for the scene summary after ${timeoutMs} ms` +
        (lastStatus
          ? ` (last status ${lastStatus.status}, ${lastStatus.analyzedSceneCount}/${lastStatus.totalSceneCount} scenes).`
          : "."),
      lastStatus,
    );
  }
}
