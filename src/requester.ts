/**
 * The one request core: every typed method is one {@link Operation} sent through
 * {@link Requester.call}, which makes attempts through the signed openapi-fetch client until
 * one succeeds, fails for good or runs out of retries.
 *
 * Each attempt holds a connection slot (`maxConnections`), has its own time limit
 * (`timeoutMs`, body included) and is signed afresh by the middleware; the call as a whole
 * may have a deadline (`deadlineMs`). The caller's signal is followed through
 * `AbortSignal.any`, which adds no listener to it.
 */
import type { Client } from "openapi-fetch";
import { follow } from "./abort.js";
import { MediaIntelligenceError, MediaIntelligenceSdkError, seconds } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import type { ValidatedOperationId } from "./generated/validators.js";
import type { ClientHooks } from "./hooks.js";
import { createLimiter } from "./limiter.js";
import { optionalCount, optionalDuration } from "./options.js";
import { errorFromResponse, type RequestLabel, readSuccess } from "./response.js";
import { type BackoffOptions, isAmbiguous, isRetryable, networkCode, retryDelay } from "./retry.js";

/** Per-call options, accepted by every method. Each overrides the client's own. */
export interface CallOptions {
  /** Aborts the call, retries and waits included. The call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Time limit of each attempt, response body included, in ms. */
  timeoutMs?: number | undefined;
  /** Retries after a retryable failure; 0 disables. */
  retries?: number | undefined;
  /** Time limit of the whole call, retries included, in ms. Past it: a `deadline` error. */
  deadlineMs?: number | undefined;
}

/** What one attempt of an operation sends: openapi-fetch's call, given a signal. */
export type Send = (init: { signal: AbortSignal; parseAs: "text" }) => Promise<{
  data?: unknown;
  error?: unknown;
  response: Response;
}>;

/**
 * After an ambiguous failure of a POST (see retry.ts), reads back whether the POST took
 * effect. Returns the body to answer with if it did, `undefined` if it did not.
 *
 * @param sentAt - When the failed attempt started, in ms since the Unix epoch.
 */
export type Reconcile = (signal: AbortSignal, sentAt: number) => Promise<unknown | undefined>;

/** One operation call. */
export interface Operation {
  /** The spec's operationId: selects the response validator. */
  operationId: ValidatedOperationId;
  /** HTTP method. */
  method: "GET" | "POST" | "DELETE";
  /** The spec's path template. */
  path: keyof paths;
  /** Its path parameters, checked. */
  params: Record<string, string>;
  /** Sends one attempt. */
  send: Send;
  /** For a POST whose outcome the status endpoint shows. */
  reconcile?: Reconcile | undefined;
}

/** Options of {@link createRequester}, resolved by the client. */
export interface RequesterOptions extends BackoffOptions {
  /** The signed openapi-fetch client. */
  api: Client<paths>;
  /** The base URL, normalised. */
  baseUrl: string;
  /** Default retries. */
  retries: number;
  /** Default per-attempt time limit, in ms. */
  requestTimeoutMs: number;
  /** Default deadline of a call, in ms, if any. */
  deadlineMs: number | undefined;
  /** Concurrent attempts at most. */
  maxConnections: number;
  /** Whether unknown fields in a success body are an error. */
  strictResponses: boolean;
  /** Clock, in ms since the Unix epoch. */
  clock: () => number;
  /** Waits between retries. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Observability callbacks. */
  hooks: ClientHooks;
}

/** What {@link createRequester} returns. */
export interface Requester {
  /**
   * Sends `operation` with retries; resolves with its checked response body.
   *
   * @throws MediaIntelligenceError when it fails after its retries, or past its deadline.
   * @throws InvalidInputError for a bad option, before anything is sent.
   */
  call<T>(operation: Operation, options?: CallOptions): Promise<T>;
}

/** A signal that never aborts, for a reconciliation of a call without one. */
const NEVER = new AbortController().signal;

/** The abort reason of a call's own controller when its deadline passes. */
const DEADLINE = Symbol("deadline");

/** Creates the request core. */
export function createRequester(options: RequesterOptions): Requester {
  const { clock, sleep, hooks, strictResponses } = options;
  const limiter = createLimiter(options.maxConnections);
  const base = new URL(options.baseUrl);
  const basePath = base.pathname === "/" ? "" : base.pathname;

  function labelOf(operation: Operation): RequestLabel {
    // The path as openapi-fetch sends it: each parameter percent-encoded.
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(operation.params[name] ?? ""),
    );
    return { method: operation.method, path: basePath + path, host: base.host };
  }

  /** One attempt. Throws only when the call is aborted, or for an error of the caller's. */
  async function attempt(
    operation: Operation,
    labelOf: () => RequestLabel,
    timeoutMs: number,
    callSignal: AbortSignal | undefined,
  ): Promise<{ body: unknown } | { error: MediaIntelligenceError }> {
    await limiter.acquire(callSignal);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      const signal = callSignal ? AbortSignal.any([callSignal, timeout.signal]) : timeout.signal;
      const { data, error, response } = await operation.send({ signal, parseAs: "text" });
      if (response.ok) {
        return readSuccess(
          String(data ?? ""),
          response,
          labelOf,
          operation.operationId,
          strictResponses,
        );
      }
      return { error: errorFromResponse(error, response, labelOf(), clock()) };
    } catch (cause) {
      if (callSignal?.aborted) throw callSignal.reason;
      const label = labelOf();
      if (cause instanceof MediaIntelligenceError) return { error: cause };
      // Bad input found on the way (a path parameter, another origin): nothing was sent.
      if (cause instanceof MediaIntelligenceSdkError) throw cause;
      if (timeout.signal.aborted) {
        return {
          error: new MediaIntelligenceError(
            `${label.method} ${label.path} on ${label.host} timed out after ${seconds(timeoutMs)} (the time limit of each attempt).`,
            { kind: "timeout", ...label },
          ),
        };
      }
      return { error: networkError(label, cause) };
    } finally {
      clearTimeout(timer);
      limiter.release();
    }
  }

  async function call<T>(operation: Operation, callOptions: CallOptions = {}): Promise<T> {
    const retries = optionalCount(callOptions.retries, options.retries, "retries");
    const timeoutMs = optionalDuration(
      callOptions.timeoutMs,
      options.requestTimeoutMs,
      "timeoutMs",
    );
    const deadlineMs =
      callOptions.deadlineMs === undefined
        ? options.deadlineMs
        : optionalDuration(callOptions.deadlineMs, 0, "deadlineMs");
    // Built when something needs it (a hook, an error), not on every call.
    let cachedLabel: RequestLabel | undefined;
    const label = () => {
      cachedLabel ??= labelOf(operation);
      return cachedLabel;
    };
    const callerSignal = callOptions.signal;
    callerSignal?.throwIfAborted();

    // Attempts and sleeps listen to the call's own signal, which follows the caller's (one
    // listener however many calls share it) and aborts at the deadline. A call with neither
    // needs no signal of its own.
    const follower = callerSignal || deadlineMs !== undefined ? follow(callerSignal) : undefined;
    const signal = follower?.signal;
    const deadline =
      deadlineMs === undefined
        ? undefined
        : setTimeout(() => follower?.abort(DEADLINE), deadlineMs);
    const started = clock();
    let attempts = 0;
    let lastError: MediaIntelligenceError | undefined;
    // When the first ambiguous attempt of a reconciled POST started.
    let ambiguousSince: number | undefined;
    try {
      for (;;) {
        attempts++;
        const sentAt = clock();
        if (hooks.onRequest) {
          hooks.onRequest({ ...label(), attempt: attempts, elapsedMs: sentAt - started });
        }
        const outcome = await attempt(operation, label, timeoutMs, signal);
        if ("body" in outcome) return outcome.body as T;
        const error = outcome.error.withAttempts(attempts);
        lastError = error;
        let retryable = isRetryable(error, operation.method);
        // After an ambiguous attempt, a 409 to the resend is most likely that attempt, which
        // registered late: it is read back too, against the first ambiguous attempt's time.
        const lateConflict = ambiguousSince !== undefined && error.status === 409;
        if (operation.reconcile && !retryable && (isAmbiguous(error) || lateConflict)) {
          ambiguousSince ??= sentAt;
          let accepted: unknown;
          try {
            accepted = await operation.reconcile(signal ?? NEVER, ambiguousSince);
          } catch {
            if (signal?.aborted) throw signal.reason;
            throw error; // The outcome cannot be read back: resending blindly could repeat it.
          }
          if (accepted !== undefined) return accepted as T;
          retryable = !lateConflict;
        }
        if (!retryable || attempts > retries) throw error;
        const delayMs = retryDelay(error, attempts - 1, options);
        if (delayMs > options.maxRetryDelayMs) throw error;
        hooks.onRetry?.({
          ...label(),
          attempt: attempts,
          delayMs,
          reason: error.kind === "network" ? (networkCode(error.cause) ?? "network") : error.kind,
          status: error.status,
          elapsedMs: clock() - started,
        });
        await sleep(delayMs, signal);
      }
    } catch (error) {
      if (signal?.aborted && signal.reason === DEADLINE) {
        const { method, path, host } = label();
        const { status, code, serverMessage } = lastError ?? {};
        throw new MediaIntelligenceError(
          `${method} ${path} on ${host} did not finish within its deadline of ${seconds(deadlineMs ?? 0)} (${attempts} attempt${attempts === 1 ? "" : "s"}${lastError ? `; the last failure: ${lastError.message}` : ""}).`,
          {
            kind: "deadline",
            method,
            path,
            host,
            attempts,
            status,
            code,
            serverMessage,
            cause: lastError,
          },
        );
      }
      throw error;
    } finally {
      follower?.release();
      clearTimeout(deadline);
    }
  }

  return { call };
}

function networkError(label: RequestLabel, cause: unknown): MediaIntelligenceError {
  // undici reports "fetch failed" and puts the reason (ECONNRESET, ECONNREFUSED…) in `cause`.
  const reason = (cause as { cause?: { message?: string } })?.cause;
  const code = networkCode(cause);
  const detail =
    code ?? reason?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return new MediaIntelligenceError(
    `${label.method} ${label.path} on ${label.host} failed: network error (${detail}).`,
    { kind: "network", ...label, cause },
  );
}
