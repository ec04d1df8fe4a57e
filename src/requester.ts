/**
 * The one request core: every typed method is one operation of the table
 * (src/generated/operations.ts) sent through {@link Requester.call}, which makes attempts
 * through the signed openapi-fetch client until one succeeds, fails for good, or runs out of
 * retries. In one loop, in the manner of aws4fetch, each attempt is:
 *
 * - sent in its turn: once the client's rate limiter lets it go (rate-limiter.ts, shared by
 *   every call of the client, which also holds a retry for its backoff) and it has a
 *   connection slot (and, if the rate was cut meanwhile, once its turn has come again); only
 *   then is it signed (by the client's signing middleware), so that its timestamp is fresh
 *   however long it waited;
 * - bounded by its own time limit (`timeoutMs`, body included); the call as a whole may have a
 *   deadline (`deadlineMs`), and follows the caller's signal;
 * - judged: a body checked against openapi.yaml (lax or strict, departures reported), an
 *   error, or a gateway refusing the timestamp, after which the clock's offset is learnt and
 *   the next attempt is signed with it;
 * - retried by the policy of retry.ts, or, for a POST that may or may not have taken effect,
 *   reconciled: its outcome read back before anything is sent again.
 *
 * Only a failure to send is a network error: what a hook throws, or a bug in reading the
 * answer, fails the call as it is, and is never taken for a request that may not have arrived.
 * Every attempt is seen by the hooks and counted in the error's `attempts`.
 */
import type { Client } from "openapi-fetch";
import { follow } from "./abort.js";
import { seconds } from "./duration.js";
import { AbortError, MediaIntelligenceError, MediaIntelligenceSdkError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import type { ClientHooks } from "./hooks.js";
import type { Limiter } from "./limiter.js";
import {
  describeOperation,
  type OperationId,
  type PathParameters,
  type RequestBody,
  type SuccessBody,
} from "./operation.js";
import { optionalCount, optionalDuration, type ResolvedOptions } from "./options.js";
import type { Answer, RateLimiter } from "./rate-limiter.js";
import { describeRequest, errorFromResponse, type RequestLabel, readSuccess } from "./response.js";
import { isAmbiguous, isRetryable, networkCode, retryDelay } from "./retry.js";
import { type SkewedClock, signedAt } from "./skew.js";
import type { Transport } from "./transport.js";
import { checkRequestBody, type Departure } from "./validate.js";

/** Per-call options, accepted by every method. Each overrides the client's own. */
export interface CallOptions {
  /**
   * Aborts the call, retries and waits included. The call rejects with an `AbortError` whose
   * `cause` is the signal's reason.
   */
  signal?: AbortSignal | undefined;
  /** Time limit of each attempt, response body included, in ms. */
  timeoutMs?: number | undefined;
  /** Retries after a retryable failure; 0 disables. */
  retries?: number | undefined;
  /** Time limit of the whole call, retries included, in ms. Past it: a `deadline` error. */
  deadlineMs?: number | undefined;
}

/**
 * After an ambiguous failure of a POST (see retry.ts), reads back whether the POST took
 * effect: the body to answer with if it did, `undefined` if it certainly did not. It throws
 * when it cannot tell; the call then fails with the POST's error, and nothing is resent.
 */
export type Reconcile<T> = (signal: AbortSignal | undefined) => Promise<T | undefined>;

/** One call of an operation of the table. */
export interface OperationCall<Id extends OperationId> {
  /** The operationId: selects the method, the path template and the response checks. */
  id: Id;
  /** Its path parameters, checked. */
  path: PathParameters<Id>;
  /** Its JSON body, for an operation that takes one. */
  body?: RequestBody<Id> | undefined;
  /** For a POST whose outcome another operation shows. */
  reconcile?: Reconcile<SuccessBody<Id>> | undefined;
}

/** What {@link createRequester} needs. */
export interface RequesterDependencies {
  /** The signed openapi-fetch client, its transport, its clock and its connection limiter. */
  api: Client<paths>;
  transport: Transport;
  clock: SkewedClock;
  connections: Limiter;
  /** The client's options, resolved. */
  options: ResolvedOptions;
  /** The client's rate limiter: every attempt of every call waits for it. */
  rateLimiter: RateLimiter;
  /** Reports the departures of a body used all the same. */
  reportDrift: (operationId: string, departures: readonly Departure[]) => void;
}

/** What {@link createRequester} returns. */
export interface Requester {
  /**
   * Sends an operation with retries; resolves with its checked success body.
   *
   * @throws MediaIntelligenceError when it fails after its retries, or past its deadline.
   * @throws AbortError when the caller's signal aborts it.
   * @throws InvalidInputError for a bad option or a request body openapi.yaml does not allow,
   *   naming the field, before anything is sent.
   */
  call<Id extends OperationId>(
    operation: OperationCall<Id>,
    options?: CallOptions,
  ): Promise<SuccessBody<Id>>;
}

/** The abort reason of a call's own controller when its deadline passes. */
const DEADLINE = Symbol("deadline");

/** An attempt's turn in the client's rate limiter: waited for once it has a connection, told of the answer. */
interface Turn {
  admit(signal: AbortSignal | undefined): Promise<void>;
  observe(answer: Answer): void;
}

/** How one attempt ended. */
type Outcome<Id extends OperationId> =
  | { body: SuccessBody<Id> }
  | { error: MediaIntelligenceError; skewed?: boolean };

/** What one attempt of an operation sends, through openapi-fetch. */
type Send = (
  method: string,
  path: string,
  init: {
    params: { path: object };
    body?: unknown;
    parseAs: "text";
    fetch: (request: Request) => Promise<Response>;
  },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Creates the request core. */
export function createRequester(dependencies: RequesterDependencies): Requester {
  const { api, transport, clock, connections, options, reportDrift, rateLimiter } = dependencies;
  const { hooks, monotonicClock: now, strictResponses } = options;
  // openapi-fetch types each call by its literal path. Here the path is the table's path of
  // the operation `id`, so the types are the table's: one untyped entry point.
  const send = api.request as unknown as Send;
  const base = new URL(options.connection.baseUrl);
  const basePath = base.pathname === "/" ? "" : base.pathname;

  function labelOf<Id extends OperationId>(operation: OperationCall<Id>): RequestLabel {
    const { method, path } = describeOperation(operation.id);
    const parameters = operation.path as Record<string, string>;
    // The path as openapi-fetch sends it: each parameter percent-encoded.
    const sent = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(parameters[name] ?? ""),
    );
    return { method, path: basePath + sent, host: base.host };
  }

  /**
   * One attempt: it waits for a connection slot and its turn, then is signed and sent. The
   * rate limiter learns of the answer before the slot passes on, so that a 429 holds back the
   * next request in line. Throws only when the call is aborted, or for an error of the
   * caller's or of a hook.
   */
  async function attempt<Id extends OperationId>(
    operation: OperationCall<Id>,
    label: RequestLabel,
    info: { attempt: number; elapsedMs: number },
    timeoutMs: number,
    signal: AbortSignal | undefined,
    turn: Turn,
  ): Promise<Outcome<Id>> {
    const { method, path } = describeOperation(operation.id);
    let signedWith = Number.NaN;
    let sent = false;
    let sentAt = 0;
    let answer: Awaited<ReturnType<Send>>;
    let outcome: Outcome<Id> & { departures?: readonly Departure[] };
    await connections.acquire(signal);
    try {
      await turn.admit(signal);
      sentAt = now();
      try {
        answer = await send(method, path, {
          params: { path: operation.path },
          ...(operation.body === undefined ? {} : { body: operation.body }),
          parseAs: "text",
          // The call's signal goes to the transport as is (a signal given to openapi-fetch
          // would be followed by its Request, then again by fetch's), with the attempt's time
          // limit, which starts once it is sent. Without a signal of its own, the attempt
          // follows its Request's.
          fetch: (request: Request) => {
            signedWith = signedAt(request);
            sent = true;
            return transport(request, {
              signal: signal ?? request.signal,
              timeoutMs,
              holdsSlot: true,
            });
          },
        });
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (!(cause instanceof MediaIntelligenceError)) {
          // Bad input found on the way (another origin), or a failure before the request
          // reached the transport (signing: a clock that throws): nothing was sent, and
          // trying again would not help.
          if (cause instanceof MediaIntelligenceSdkError || !sent) throw cause;
          return { error: networkError(label, cause) };
        }
        // The transport's own errors: a timeout, a redirect, a body too large.
        if (cause.status !== undefined) turn.observe({ status: cause.status });
        return { error: cause };
      }
      outcome = judge(operation, answer, label, signedWith);
      const failure = "error" in outcome ? outcome.error : undefined;
      turn.observe({ status: answer.response.status, retryAfterMs: failure?.retryAfterMs });
    } finally {
      connections.release();
    }
    hooks.onResponse?.({
      operationId: operation.id,
      ...label,
      ...info,
      status: answer.response.status,
      durationMs: now() - sentAt,
    });
    if (outcome.departures) reportDrift(operation.id, outcome.departures);
    return outcome;
  }

  /** What an answer means: the body checked against the spec, or the error it is. */
  function judge<Id extends OperationId>(
    operation: OperationCall<Id>,
    { data, error, response }: Awaited<ReturnType<Send>>,
    label: RequestLabel,
    signedWith: number,
  ): Outcome<Id> & { departures?: readonly Departure[] } {
    if (response.ok) {
      const read = readSuccess(operation.id, String(data ?? ""), response, label, strictResponses);
      return "error" in read ? read : { body: read.body, departures: read.departures };
    }
    const failure = errorFromResponse(error, response, label, options.clock());
    return { error: failure, skewed: clock.learn(response, signedWith) };
  }

  async function call<Id extends OperationId>(
    operation: OperationCall<Id>,
    callOptions: CallOptions = {},
  ): Promise<SuccessBody<Id>> {
    const retries = optionalCount(callOptions.retries, options.retries, "retries");
    const timeoutMs = optionalDuration(
      callOptions.timeoutMs,
      options.requestTimeoutMs,
      "timeoutMs",
    );
    const deadlineMs = optionalDuration(callOptions.deadlineMs, options.deadlineMs, "deadlineMs");
    checkRequestBody(operation.id, operation.body);
    const callerSignal = callOptions.signal;
    if (callerSignal?.aborted) throw AbortError.from(callerSignal);
    const label = labelOf(operation);
    const { method } = label;

    // Attempts and sleeps listen to the call's own signal, which follows the caller's (one
    // listener however many calls share it) and aborts at the deadline. A call with neither
    // needs no signal of its own.
    const follower = callerSignal || deadlineMs !== undefined ? follow(callerSignal) : undefined;
    const signal = follower?.signal;
    const deadline =
      deadlineMs === undefined
        ? undefined
        : setTimeout(() => follower?.abort(DEADLINE), deadlineMs);
    const started = now();
    let attempts = 0;
    let lastError: MediaIntelligenceError | undefined;
    let resigned = false;
    // Whether an attempt of a reconciled POST has failed ambiguously.
    let ambiguous = false;
    // The backoff before the next attempt, which waits for it in the rate limiter's queue.
    let delayMs = 0;
    try {
      for (;;) {
        attempts++;
        let ticket = await rateLimiter.acquire(signal, delayMs);
        const turn: Turn = {
          admit: async (attemptSignal) => {
            ticket = await rateLimiter.admit(ticket, attemptSignal);
          },
          observe: (answer) => rateLimiter.observe(ticket, answer),
        };
        const info = { attempt: attempts, elapsedMs: now() - started };
        hooks.onRequest?.({ operationId: operation.id, ...label, ...info });
        const outcome = await attempt(operation, label, info, timeoutMs, signal, turn);
        if ("body" in outcome) return outcome.body;
        const error = outcome.error.withAttempts(attempts);
        lastError = error;
        if (outcome.skewed && !resigned) {
          // The gateway refused the timestamp and the clock has learnt its offset: the next
          // attempt is signed with it, at once. Once per call: a second refusal is final.
          resigned = true;
          delayMs = 0;
          retried(hooks, operation.id, label, attempts, 0, "clock-skew", error, now() - started);
          continue;
        }
        let retryable = isRetryable(error, method);
        // After an ambiguous attempt, a refusal of the resend (a 409 "in progress" to a request,
        // a 400 or 404 "nothing to cancel" to a cancel) is most likely that attempt, which
        // took effect late: it is read back too.
        const lateRefusal = ambiguous && isRefusal(error);
        if (operation.reconcile && !retryable && (isAmbiguous(error) || lateRefusal)) {
          ambiguous = true;
          let accepted: SuccessBody<Id> | undefined;
          try {
            accepted = await operation.reconcile(signal);
          } catch {
            if (signal?.aborted) throw signal.reason;
            throw error; // The outcome cannot be read back: resending blindly could repeat it.
          }
          if (accepted !== undefined) return accepted;
          retryable = !lateRefusal;
        }
        if (!retryable || attempts > retries) throw error;
        delayMs = retryDelay(error, attempts - 1, options);
        if (delayMs > options.maxRetryDelayMs) throw error;
        const reason =
          error.kind === "network" ? (networkCode(error.cause) ?? "network") : error.kind;
        retried(hooks, operation.id, label, attempts, delayMs, reason, error, now() - started);
      }
    } catch (error) {
      if (callerSignal?.aborted) throw AbortError.from(callerSignal);
      if (signal?.aborted && signal.reason === DEADLINE) {
        throw deadlineError(label, deadlineMs ?? 0, attempts, lastError);
      }
      throw error;
    } finally {
      follower?.release();
      clearTimeout(deadline);
    }
  }

  return { call };
}

/** Whether the server refused the request as it stands: a 4xx other than a rate limit. */
function isRefusal(error: MediaIntelligenceError): boolean {
  const { status } = error;
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}

function retried(
  hooks: ClientHooks,
  operationId: string,
  label: RequestLabel,
  attempt: number,
  delayMs: number,
  reason: string,
  error: MediaIntelligenceError,
  elapsedMs: number,
): void {
  hooks.onRetry?.({
    operationId,
    ...label,
    attempt,
    delayMs,
    reason,
    status: error.status,
    elapsedMs,
  });
}

function deadlineError(
  label: RequestLabel,
  deadlineMs: number,
  attempts: number,
  lastError: MediaIntelligenceError | undefined,
): MediaIntelligenceError {
  const { status, code, serverMessage } = lastError ?? {};
  return new MediaIntelligenceError(
    `${describeRequest(label)} on ${label.host} did not finish within its deadline of ${seconds(deadlineMs)} (${attempts} attempt${attempts === 1 ? "" : "s"}${lastError ? `; the last failure: ${lastError.message}` : ""}).`,
    {
      kind: "deadline",
      ...label,
      attempts,
      status,
      code,
      serverMessage,
      limit: deadlineMs,
      cause: lastError,
    },
  );
}

function networkError(label: RequestLabel, cause: unknown): MediaIntelligenceError {
  // undici reports "fetch failed" and puts the reason (ECONNRESET, ECONNREFUSED…) in `cause`.
  const reason = (cause as { cause?: { message?: string } })?.cause;
  const code = networkCode(cause);
  const detail =
    code ?? reason?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return new MediaIntelligenceError(
    `${describeRequest(label)} on ${label.host} failed: network error (${detail}).`,
    { kind: "network", ...label, cause },
  );
}
