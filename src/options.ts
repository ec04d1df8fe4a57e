/**
 * The client's options, checked and given their defaults in one place, for both factories
 * (`createMediaIntelligenceClient` and `createMediaIntelligenceApi`): a bad option fails when
 * the client is made, with a message that names it, not at the first call.
 */
import { refuseBrowser } from "./browser.js";
import {
  type Connection,
  type ConnectionOptions,
  readEnvironment,
  readVariable,
  resolveConnection,
} from "./connection.js";
import { InvalidInputError } from "./errors.js";
import type { ClientHooks } from "./hooks.js";
import { sleep as platformSleep } from "./sleep.js";
import type { FetchLike } from "./transport.js";

/** Options both factories take: where to connect, how to send, and the limits of a response. */
export interface TransportOptions extends ConnectionOptions {
  /** The `fetch` to call, as `fetch(url, init)`. Defaults to `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /** Clock for the signature's timestamp, in ms since the Unix epoch. Defaults to `Date.now`. */
  clock?: (() => number) | undefined;
  /**
   * Largest response body accepted, decompressed, in bytes. Default 64 MiB: a day-long
   * recording cut into extra-short scenes (about 9,000 scenes of 1.5 kB) fits several times.
   */
  maxResponseBytes?: number | undefined;
  /** Most requests in flight at once; the rest queue. Default 50. */
  maxConnections?: number | undefined;
  /**
   * Allows a client in a web page, where the secret key would be handed to every visitor.
   * Off by default: a web page should call a server of its own, which signs (README, "Signing
   * in a browser"). Worker runtimes are not web pages and need no opt-in.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options of the typed client's calls: retries, time limits, checks, and what to observe. */
export interface RequestOptions {
  /** Retries after a retryable failure (see retry.ts for which, by method). Default 2; 0 disables. */
  retries?: number | undefined;
  /** Delay before the first retry, doubling after each, in ms. Default 500. A floor under `Retry-After`. */
  retryDelayMs?: number | undefined;
  /**
   * Upper bound of a retry delay, in ms. Default 20,000. A `Retry-After` longer than this
   * ends the call with the error rather than retrying early.
   */
  maxRetryDelayMs?: number | undefined;
  /** Time limit of each attempt, response body included, in ms. Default 30,000. */
  requestTimeoutMs?: number | undefined;
  /** Time limit of each call as a whole, retries included, in ms. Default: none. */
  deadlineMs?: number | undefined;
  /**
   * The most requests a second this client sends, all its calls together, retries and polls
   * included; the rest wait their turn. Default: no bound until the gateway first answers
   * HTTP 429. Either way, a 429 slows every call of the client down (adaptively, as the AWS
   * SDK's adaptive retry mode does) and a `Retry-After` pauses them all; `ncp-mi summarize
   * --assets-from` uses 10.
   */
  maxRequestsPerSecond?: number | undefined;
  /**
   * Whether any departure of a success body from openapi.yaml is an `invalid-response` error.
   * Default false (lax): only a body without what the SDK acts on is refused, and the other
   * departures are reported through `hooks.onDrift`. Defaults to true when the environment
   * variable `NCP_MI_STRICT` is `1`. Tests and CI should run strict.
   */
  strictResponses?: boolean | undefined;
  /**
   * UTC offset of the server's date-times, which carry none, in minutes, from -840 to 840.
   * Checked, and otherwise unused.
   * @deprecated Since 0.2.0: reconciliation compares a run with the one before it, and reads
   *   no time, so the server's time zone no longer matters.
   */
  serverUtcOffsetMinutes?: number | undefined;
  /** Observability callbacks: `onRequest`, `onResponse`, `onRetry`, `onPoll`, `onDrift`. */
  hooks?: ClientHooks | undefined;
  /** Waits between retries and polls. Defaults to a timer; injectable for tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /**
   * A monotonic clock for durations (elapsed times, waits), in ms. Defaults to
   * `performance.now`: unlike `clock`, it does not jump when the system clock is set.
   */
  monotonicClock?: (() => number) | undefined;
  /** Random number in [0, 1) for backoff jitter. Defaults to `Math.random`. */
  random?: (() => number) | undefined;
}

/** Every option, checked, with its default. */
export interface ResolvedOptions {
  connection: Connection;
  fetch: FetchLike;
  clock: () => number;
  monotonicClock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  maxResponseBytes: number;
  maxConnections: number;
  retries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  requestTimeoutMs: number;
  deadlineMs: number | undefined;
  /** `Infinity` when not bounded. */
  maxRequestsPerSecond: number;
  strictResponses: boolean;
  hooks: ClientHooks;
}

/** The default of `maxResponseBytes`. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Checks every option and fills in the defaults, from the options, then the environment.
 *
 * @throws InvalidInputError naming the first bad option, or a missing credential.
 */
export function resolveOptions(
  options: TransportOptions & RequestOptions,
  env: Record<string, string | undefined> = readEnvironment(),
): ResolvedOptions {
  refuseBrowser(options.dangerouslyAllowBrowser);
  const strict = options.strictResponses ?? readVariable(env, "NCP_MI_STRICT") === "1";
  return {
    connection: resolveConnection(options, env),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: optionalFunction(options.clock, Date.now, "clock"),
    monotonicClock: optionalFunction(
      options.monotonicClock,
      () => performance.now(),
      "monotonicClock",
    ),
    sleep: optionalFunction(options.sleep, platformSleep, "sleep"),
    random: optionalFunction(options.random, Math.random, "random"),
    maxResponseBytes: optionalPositiveCount(
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      "maxResponseBytes",
    ),
    maxConnections: optionalPositiveCount(options.maxConnections, 50, "maxConnections"),
    retries: optionalCount(options.retries, 2, "retries"),
    retryDelayMs: optionalDuration(options.retryDelayMs, 500, "retryDelayMs"),
    maxRetryDelayMs: optionalDuration(options.maxRetryDelayMs, 20_000, "maxRetryDelayMs"),
    requestTimeoutMs: optionalDuration(options.requestTimeoutMs, 30_000, "requestTimeoutMs"),
    deadlineMs: optionalDuration(options.deadlineMs, undefined, "deadlineMs"),
    maxRequestsPerSecond: optionalRate(options.maxRequestsPerSecond, "maxRequestsPerSecond"),
    strictResponses: optionalBoolean(strict, "strictResponses"),
    hooks: checkHooks(options.hooks),
    ...checkUtcOffset(options.serverUtcOffsetMinutes),
  };
}

/** `value` if it is a whole number ≥ 0, `fallback` if undefined; else throws naming `name`. */
export function optionalCount(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(name, `must be a whole number ≥ 0, got ${String(value)}`);
  }
  return value;
}

/**
 * Timers hold at most 2^31 - 1 ms (about 24.8 days); a longer one fires after 1 ms, which
 * would turn a generous timeout into an immediate one.
 */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * `value` if it is a positive number of milliseconds a timer can hold, `fallback` if
 * undefined; else throws naming `name`.
 */
export function optionalDuration<F extends number | undefined>(
  value: number | undefined,
  fallback: F,
  name: string,
): number | F {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new InvalidInputError(
      name,
      `must be a positive number of milliseconds up to ${MAX_TIMER_MS}, got ${String(value)}`,
    );
  }
  return value;
}

/** `value` if it is a whole number ≥ 1, `fallback` if undefined; else throws naming `name`. */
function optionalPositiveCount(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError(name, `must be a whole number ≥ 1, got ${String(value)}`);
  }
  return value;
}

/** The most requests a second an option may ask for: more is no bound at all. */
export const MAX_REQUESTS_PER_SECOND = 1_000_000;

/**
 * `value` if it is a positive number of requests a second (fractions allowed, such as 0.5),
 * `Infinity` if undefined; else throws naming `name`.
 */
function optionalRate(value: number | undefined, name: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value !== "number" || !(value > 0) || value > MAX_REQUESTS_PER_SECOND) {
    throw new InvalidInputError(
      name,
      `must be a positive number of requests a second up to ${MAX_REQUESTS_PER_SECOND}, got ${String(value)}`,
    );
  }
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") {
    throw new InvalidInputError(name, `must be true or false, got ${typeof value}`);
  }
  return value;
}

function optionalFunction<F>(value: F | undefined, fallback: F, name: string): F {
  if (value === undefined) return fallback;
  if (typeof value !== "function") {
    throw new InvalidInputError(name, `must be a function, got ${typeof value}`);
  }
  return value;
}

/** UTC offsets run from -12:00 to +14:00: a whole number of minutes within ±14 hours. */
function checkUtcOffset(value: number | undefined): object {
  if (value !== undefined && (!Number.isSafeInteger(value) || Math.abs(value) > 14 * 60)) {
    throw new InvalidInputError(
      "serverUtcOffsetMinutes",
      `must be a whole number of minutes from -840 to 840, got ${String(value)}`,
    );
  }
  return {};
}

function checkHooks(hooks: ClientHooks | undefined): ClientHooks {
  if (hooks === undefined) return {};
  if (typeof hooks !== "object" || hooks === null) {
    throw new InvalidInputError("hooks", `must be an object of callbacks, got ${typeof hooks}`);
  }
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook !== "function") {
      throw new InvalidInputError(`hooks.${name}`, `must be a function, got ${typeof hook}`);
    }
  }
  return hooks;
}
