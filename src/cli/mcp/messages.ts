/**
 * The message of a tool that could not do its job, in the tools' own terms: the argument at
 * fault by its name in the tool's schema, the service's answer, and which tool to call next.
 * Made from the fields the errors carry; never a key, a signature or a header, which no
 * error carries.
 */
import {
  AbortError,
  InvalidInputError,
  MediaIntelligenceError,
  MediaIntelligenceSdkError,
  quote,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryInProgressError,
  SceneSummaryNotRegisteredError,
  SceneSummaryNotRequestedError,
  sceneCounts,
} from "../../errors.js";
import { printableLine } from "../../text.js";
import type { SceneSummaryStatus } from "../../types.js";
import { ArgumentError } from "./arguments.js";
import { ToolFailure } from "./results.js";

/** What a tool adds to the service's answer of an HTTP status: what it means, what to do. */
export type StatusHints = Readonly<Partial<Record<number, string>>>;

/** The tools' name for each id and option the SDK names in its errors. */
const ARGUMENT_NAMES: Readonly<Record<string, string>> = {
  workspaceName: "workspace",
  projectId: "project",
  assetId: "asset",
  sceneIds: "sceneIds",
  locale: "locale",
};

/** What {@link describeStatus} reads of a status (or of a wait's progress). */
export type StatusCounts = Pick<
  SceneSummaryStatus,
  "status" | "analyzedSceneCount" | "totalSceneCount"
>;

/** `STATUS, analysed/total scenes`, from what a status gives. */
export function describeStatus(status: StatusCounts | undefined): string {
  if (!status) return "status unknown";
  return `${quote(String(status.status))}${sceneCounts(status)}`;
}

/** The message for `error`, the failure of a tool whose hints are `hints`. */
export function describeToolError(error: unknown, hints: StatusHints = {}): string {
  return printableLine(message(error, hints));
}

/** Whether `error` is none the tools expect: a bug of the server, whose stack is worth logging. */
export function isInternal(error: unknown): boolean {
  return !(
    error instanceof MediaIntelligenceSdkError ||
    error instanceof ArgumentError ||
    error instanceof ToolFailure
  );
}

function message(error: unknown, hints: StatusHints): string {
  if (error instanceof ArgumentError) {
    return `Bad argument: ${error.message}${/[.?]$/.test(error.message) ? "" : "."} Nothing was sent.`;
  }
  if (error instanceof InvalidInputError) {
    const name = ARGUMENT_NAMES[error.field];
    return name
      ? `Bad argument: '${name}' ${error.reason}. Nothing was sent.`
      : `${error.message} Nothing was sent.`;
  }
  if (error instanceof ToolFailure) return error.message;
  if (error instanceof SceneSummaryFailedError) {
    return (
      `The scene summarisation failed: ${quote(error.statusMessage ?? "the service gave no details").replace(/\.$/, "")}. ` +
      "Request a new one with summarize_video or request_scene_summary."
    );
  }
  if (error instanceof SceneSummaryCanceledError) {
    return (
      "The scene summarisation was cancelled (by cancel_scene_summary or elsewhere) before " +
      "it completed, so it gave no summaries. summarize_video requests a new one."
    );
  }
  if (error instanceof SceneSummaryNotRegisteredError) {
    return (
      "The summarisation was requested and accepted, but the status " +
      (error.lastStatus?.status === "BEFORE_SUMMARIZE"
        ? "still shows none"
        : "still shows the one from before the request") +
      ` (${describeStatus(error.lastStatus)}): it has not registered yet. ` +
      "Do not request again; check later with get_scene_summary_status."
    );
  }
  if (error instanceof SceneSummaryNotRequestedError) {
    return (
      "No scene summarisation was requested: the status is still BEFORE_SUMMARIZE. " +
      "summarize_video requests one and waits for it."
    );
  }
  if (error instanceof SceneSummaryInProgressError) {
    return (
      `A scene summarisation is already in progress on this asset (${describeStatus(error.lastStatus)}), ` +
      "so none was requested. summarize_video waits for it and returns its summaries; " +
      "get_scene_summary_status shows how far it is; cancel_scene_summary cancels it."
    );
  }
  if (error instanceof MediaIntelligenceError) return requestFailure(error, hints);
  if (error instanceof AbortError) return "The call was cancelled before it finished.";
  if (!isInternal(error) && error instanceof Error) return error.message;
  return (
    `Internal error of ncp-mi mcp: ${error instanceof Error ? error.message : String(error)}. ` +
    "Please report it."
  );
}

/** A request that failed: the SDK's sentence, and what to do about it. */
function requestFailure(error: MediaIntelligenceError, hints: StatusHints): string {
  if (error.kind === "gateway" && error.status === 401) {
    return (
      `${error.message} The server's keys are NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY in the ` +
      "environment the MCP client starts it with; 'ncp-mi doctor' checks them and the clock."
    );
  }
  const hint = error.status === undefined ? undefined : hints[error.status];
  return hint ? `${error.message} ${hint}` : error.message;
}
