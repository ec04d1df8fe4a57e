/**
 * The one line `ncp-mi` prints for the error that ended a run, in the CLI's own terms, made
 * from the fields the error carries (the option at fault, the limit reached, the status
 * seen), never by rewriting the library's text: its option and variable names rather than the
 * library's, seconds rather than milliseconds, and what to run next where there is something
 * to run.
 */

import { seconds } from "../duration.js";
import {
  InvalidInputError,
  MediaIntelligenceError,
  quote,
  SceneSummaryInProgressError,
  SceneSummaryNotRegisteredError,
  SceneSummaryNotRequestedError,
  sceneCounts,
  shownBefore,
  WaitTimeoutError,
} from "../errors.js";
import type { Invocation } from "./invocation.js";
import { mayBeWrongAddress, networkReason } from "./network-reason.js";
import { commandFor } from "./shell.js";

/** Where the base URL came from, for messages that ask to check it. */
export type BaseUrlSource = "--base-url" | "NCLOUD_MI_BASE_URL" | "default";

/** Where the base URL came from: `--base-url`, else the environment, else the default. */
export function baseUrlSource(
  invocation: Invocation,
  env: Record<string, string | undefined>,
): BaseUrlSource {
  if (invocation.baseUrl !== undefined) return "--base-url";
  return env.NCLOUD_MI_BASE_URL ? "NCLOUD_MI_BASE_URL" : "default";
}

/** What a message may draw on besides the error. */
export interface MessageContext {
  /** The command line, once parsed. */
  invocation?: Invocation | undefined;
  baseUrlSource: BaseUrlSource;
  /** The base URL as resolved, once it is. */
  baseUrl?: string | undefined;
  /** Whether answers are held to openapi.yaml exactly (`--strict` or `NCP_MI_STRICT=1`). */
  strict?: boolean | undefined;
}

/** The CLI's name for each id and option the library names in its errors. */
const CLI_NAMES: Readonly<Record<string, string>> = {
  workspaceName: "--workspace",
  projectId: "--project",
  assetId: "--asset",
  indexId: "--index",
  sceneSummaryId: "--summary",
  sceneIds: "--scenes",
  locale: "--locale",
  requestTimeoutMs: "--request-timeout",
  deadlineMs: "--deadline",
  retries: "--retries",
  maxResponseBytes: "--max-response-bytes",
  intervalMs: "--interval",
  maxIntervalMs: "--interval",
  maxWaitMs: "--timeout",
  notRequestedGraceMs: "--grace",
  concurrency: "--concurrency",
  maxRequestsPerSecond: "--max-rps",
  allowInsecureHttp: "--insecure-http",
  accessKey: "NCLOUD_ACCESS_KEY",
  secretKey: "NCLOUD_SECRET_KEY",
};

/** The CLI's name for a field of the library. */
function cliName(field: string, context: MessageContext): string {
  if (field === "baseUrl") {
    return context.baseUrlSource === "NCLOUD_MI_BASE_URL" ? "NCLOUD_MI_BASE_URL" : "--base-url";
  }
  return CLI_NAMES[field] ?? field;
}

/** The message for `error`, without the `ncp-mi: ` prefix. */
export function describeError(error: unknown, context: MessageContext): string {
  const { invocation } = context;
  const ids = invocation?.ids;
  if (error instanceof InvalidInputError) {
    const name = cliName(error.field, context);
    const allow =
      error.allowedBy === undefined
        ? ""
        : ` Pass ${cliName(error.allowedBy, context)} if you mean it.`;
    return `bad ${name}: ${name} ${error.reason}.${allow}`;
  }
  if (error instanceof MediaIntelligenceError) return describeRequestError(error, context);
  if (error instanceof SceneSummaryNotRegisteredError) {
    return (
      "the request was accepted, but after " +
      `${seconds(invocation?.graceMs ?? 30_000)} (--grace) the status ` +
      `${shownBefore(error.lastStatus)}: it has not registered yet. Do not request again; ` +
      `check later with ${ids ? commandFor("status", ids) : "ncp-mi status"}.`
    );
  }
  if (error instanceof SceneSummaryNotRequestedError) {
    return (
      "no scene summarisation was requested: the status is still BEFORE_SUMMARIZE after " +
      `${seconds(invocation?.graceMs ?? 30_000)} (--grace). Request one with ` +
      "'ncp-mi request', or run 'ncp-mi summarize'."
    );
  }
  if (error instanceof WaitTimeoutError) {
    const last = error.lastStatus;
    return (
      `gave up waiting after ${seconds(error.timeoutMs)} (--timeout)` +
      (last ? `; last status ${quote(String(last.status))}${sceneCounts(error.lastStatus)}` : "") +
      ". The summarisation goes on on the server; to keep waiting: " +
      (ids ? commandFor("wait", ids) : "ncp-mi wait")
    );
  }
  if (error instanceof SceneSummaryInProgressError) {
    const last = error.lastStatus;
    return (
      "a scene summarisation is already in progress" +
      (last ? ` (${quote(String(last.status))}${sceneCounts(error.lastStatus)})` : "") +
      (ids?.indexId === undefined && ids
        ? `: follow it with '${commandFor("wait", ids)}', or run summarize without --no-wait-existing to wait for it.`
        : ": it cannot be followed without its request ID (--summary); wait for it to end, or run without --index.")
    );
  }
  return error instanceof Error ? error.message : String(error);
}

/** A failed request: where it went, and what the failure means. */
function describeRequestError(error: MediaIntelligenceError, context: MessageContext): string {
  const { baseUrlSource } = context;
  const host = error.host ?? "the API host";
  const request = `${error.method} ${quote(error.path)}`;
  const check =
    baseUrlSource === "default"
      ? ""
      : ` Check ${baseUrlSource === "--base-url" ? "--base-url" : "NCLOUD_MI_BASE_URL"}.`;
  switch (error.kind) {
    case "network": {
      const protocol = context.baseUrl?.startsWith("http:") ? "http:" : "https:";
      const checkAddress = mayBeWrongAddress(error) ? check : "";
      return `${request}: ${networkReason(error, host, protocol)}${attemptsNote(error)}.${checkAddress}`;
    }
    case "timeout":
      return (
        `${request}: no whole answer from ${host} within ${seconds(error.limit ?? 0)} ` +
        `(--request-timeout)${attemptsNote(error)}.`
      );
    case "deadline":
      return (
        `${request}: not done within ${seconds(error.limit ?? 0)} (--deadline), ` +
        `retries included${attemptsNote(error)}.`
      );
    case "too-large":
      return (
        `${request}: the answer of HTTP ${error.status} is larger than ${error.limit} bytes, ` +
        "and was not read. If it is genuine, raise --max-response-bytes."
      );
    case "redirect":
      return `${error.message}${check}`;
    case "invalid-response":
      if (error.departure && context.strict) {
        return `${error.message} (strict: any departure from openapi.yaml is an error)`;
      }
      // A 404 that is neither error shape of the API came from something else at that address:
      // often a base URL whose path the request paths repeat.
      return error.status === 404 && !error.departure
        ? `${error.message}${check || " Check --base-url."} A path in the base URL is kept: requests go under it.`
        : error.message;
    default:
      return error.message + hint(error, context.invocation);
  }
}

function attemptsNote(error: MediaIntelligenceError): string {
  return error.attempts > 1 ? ` (${error.attempts} attempts)` : "";
}

/** What to run next, after an answer from the server, where there is something to run. */
function hint(error: MediaIntelligenceError, invocation: Invocation | undefined): string {
  if (error.status === 401 && error.kind === "gateway") {
    return " Check NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY; 'ncp-mi doctor' checks them and the clock.";
  }
  if (!invocation) return "";
  const { command, ids } = invocation;
  if (error.status === 409 && (command === "request" || command === "summarize")) {
    const follow =
      ids.indexId === undefined
        ? `'${commandFor("wait", ids)}'`
        : "'ncp-mi wait' with its --summary";
    const stop =
      ids.indexId === undefined
        ? `'${commandFor("cancel", ids)}'`
        : "'ncp-mi cancel' with its --summary";
    return ` A scene summarisation is already in progress: follow it with ${follow}, or cancel it with ${stop}.`;
  }
  if (
    error.status === 400 &&
    invocation.sceneIds &&
    (command === "request" || command === "summarize")
  ) {
    return " If no full analysis of the asset has completed yet, that is why: a re-analysis of some scenes (--scenes) needs one; run it without --scenes first.";
  }
  if (error.status === 409 && command === "summaries") {
    const wait =
      ids.indexId === undefined
        ? `'${commandFor("wait", ids)}'`
        : "'ncp-mi wait' with its --summary";
    return ` The summarisation is not complete yet: run ${wait} first, or 'ncp-mi summarize' to request, wait and print in one go.`;
  }
  if (error.status === 404 && command === "summaries") {
    return ` There are no scene summaries yet: run '${commandFor("summarize", ids)}', or 'ncp-mi request' and then 'ncp-mi wait'.`;
  }
  return "";
}
