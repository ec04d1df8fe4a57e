/**
 * The one line `ncp-mi` prints for the error that ended a run, in the CLI's own terms: its
 * option and variable names rather than the library's, seconds rather than milliseconds, and
 * what to do next where there is something to do.
 */
import {
  InvalidInputError,
  MediaIntelligenceError,
  quote,
  SceneSummaryInProgressError,
  SceneSummaryNotRequestedError,
  WaitTimeoutError,
} from "../errors.js";
import type { Invocation } from "./command-line.js";
import { mayBeWrongAddress, networkReason } from "./network-reason.js";

/** Where the base URL came from, for messages that ask to check it. */
export type BaseUrlSource = "--base-url" | "NCLOUD_MI_BASE_URL" | "default";

/** What a message may draw on besides the error. */
export interface MessageContext {
  /** The command line, once parsed. */
  invocation?: Invocation | undefined;
  baseUrlSource: BaseUrlSource;
  /** The base URL as resolved, once it is. */
  baseUrl?: string | undefined;
}

/** The CLI's name for each field and option the library names in its messages. */
const CLI_NAMES: Record<string, string> = {
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
  intervalMs: "--interval",
  maxIntervalMs: "--interval",
  timeoutMs: "--timeout",
  notRequestedGraceMs: "--grace",
  accessKey: "NCLOUD_ACCESS_KEY",
  secretKey: "NCLOUD_SECRET_KEY",
};

/** `ms` as seconds for people: `0.2 s`, `30 s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * `message` with the library's names replaced by the CLI's: `projectId` by `--project`,
 * `baseUrl` by where the base URL came from, `allowInsecureHttp: true` by `--insecure-http`.
 */
function inCliTerms(message: string, baseUrlSource: BaseUrlSource): string {
  const baseUrlName = baseUrlSource === "NCLOUD_MI_BASE_URL" ? "NCLOUD_MI_BASE_URL" : "--base-url";
  return (
    message
      .replace(/pass `?allowInsecureHttp: true`?/g, "pass --insecure-http")
      .replace(/\ballowInsecureHttp\b/g, "--insecure-http")
      .replace(/\bbaseUrl\b/g, baseUrlName)
      // Only camelCase words: "retries" or "locale" in a sentence are words, not option names.
      .replace(/`?\b([a-z]+[A-Z][a-zA-Z]*)\b`?/g, (word, name: string) => CLI_NAMES[name] ?? word)
  );
}

/** The CLI's name for the field an {@link InvalidInputError} is about. */
function fieldName(field: string, baseUrlSource: BaseUrlSource): string {
  if (field === "baseUrl")
    return baseUrlSource === "NCLOUD_MI_BASE_URL" ? "NCLOUD_MI_BASE_URL" : "--base-url";
  return CLI_NAMES[field] ?? field;
}

/** The message for `error`, without the `ncp-mi: ` prefix. */
export function describeError(error: unknown, context: MessageContext): string {
  const { invocation, baseUrlSource } = context;
  if (error instanceof InvalidInputError) {
    return `bad ${fieldName(error.field, baseUrlSource)}: ${inCliTerms(error.message, baseUrlSource)}`;
  }
  if (error instanceof MediaIntelligenceError) return describeRequestError(error, context);
  if (error instanceof SceneSummaryNotRequestedError) {
    return (
      "no scene summarisation was requested: the status is still BEFORE_SUMMARIZE after " +
      `${formatSeconds(invocation?.graceMs ?? 30_000)} (--grace). Request one with ` +
      "'ncp-mi request', or run 'ncp-mi summarize'."
    );
  }
  if (error instanceof WaitTimeoutError) {
    const last = error.lastStatus;
    return (
      `gave up waiting after ${formatSeconds(error.timeoutMs)} (--timeout)` +
      (last
        ? `; last status ${quote(last.status)}, ${last.analyzedSceneCount}/${last.totalSceneCount} scenes`
        : "") +
      ". The summarisation goes on on the server: run 'ncp-mi wait' to keep waiting."
    );
  }
  if (error instanceof SceneSummaryInProgressError) {
    const last = error.lastStatus;
    return (
      "a scene summarisation is already in progress" +
      (last
        ? ` (${quote(last.status)}, ${last.analyzedSceneCount}/${last.totalSceneCount} scenes)`
        : "") +
      ": follow it with 'ncp-mi wait', or run summarize without --no-wait-existing to wait for it."
    );
  }
  return inCliTerms(error instanceof Error ? error.message : String(error), baseUrlSource);
}

/** A failed request: where it went, and what the failure means. */
function describeRequestError(error: MediaIntelligenceError, context: MessageContext): string {
  const { invocation, baseUrlSource } = context;
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
        `${request}: no whole answer from ${host} within ${formatSeconds(invocation?.requestTimeoutMs ?? 30_000)} ` +
        `(--request-timeout)${attemptsNote(error)}.`
      );
    case "deadline":
      return (
        `${request}: not done within ${formatSeconds(invocation?.deadlineMs ?? 0)} (--deadline), ` +
        `retries included${attemptsNote(error)}.`
      );
    default:
      return inCliTerms(error.message, baseUrlSource) + hint(error, invocation);
  }
}

function attemptsNote(error: MediaIntelligenceError): string {
  return error.attempts > 1 ? ` (${error.attempts} attempts)` : "";
}

/** What to do about an answer from the server, where there is something. */
function hint(error: MediaIntelligenceError, invocation: Invocation | undefined): string {
  if (error.status === 409 && invocation?.command === "summaries") {
    return " The summarisation is not complete yet: run 'ncp-mi wait' first, or 'ncp-mi summarize' to request, wait and print in one go.";
  }
  if (error.status === 401 && error.kind === "gateway") {
    return " Check NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY.";
  }
  return "";
}
