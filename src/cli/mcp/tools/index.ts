/**
 * The tools of `ncp-mi mcp`, declared: what the client lists of each (title, description,
 * input schema, annotations), what each adds to the service's refusals, and the handler that
 * runs it. The server (server.ts) lists and calls them from this table alone.
 *
 * The annotations say what a call does to the asset's summaries: reading them changes
 * nothing; requesting a summarisation replaces the summaries the asset has (a full one can
 * change their language), so it is destructive, and calling it again starts another, so it is
 * not idempotent; cancelling loses the work in progress, and cancelling again changes nothing
 * more. Every tool acts on the caller's own assets in one service: a closed world.
 */
import {
  type ArgumentName,
  type InputSchema,
  inputSchema,
  type ToolArguments,
} from "../arguments.js";
import type { ToolContext } from "../context.js";
import type { StatusHints } from "../messages.js";
import type { ToolResult } from "../results.js";
import { cancelSceneSummary } from "./cancel.js";
import { requestSceneSummary } from "./request.js";
import { getSceneSummaryStatus } from "./status.js";
import { getSceneSummaries } from "./summaries.js";
import { summarizeVideo } from "./summarize-video.js";

/** MCP's tool annotations, each set. */
export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** A tool: what the client lists of it, and how it runs. */
export interface ToolSpec {
  /** A few words, for people. */
  title: string;
  /** What it does and when to call it, for the model. */
  description: string;
  inputSchema: InputSchema;
  annotations: ToolAnnotations;
  /** What the tool adds to the service's answer of an HTTP status it refused with. */
  hints?: StatusHints;
  /** Runs a call whose arguments have been checked; rejects with the error that ended it. */
  run(args: ToolArguments, context: ToolContext): Promise<ToolResult>;
}

const NOT_FOUND =
  "Check workspace, project and asset: the asset must exist and its indexing must have completed.";

/** A tool's annotations. */
function annotations(
  title: string,
  hints: Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint">,
): ToolAnnotations {
  return { title, ...hints, openWorldHint: false };
}

/** A tool's spec, its title in its annotations too, and its arguments: the ids, then `optional`. */
function tool(
  spec: Omit<ToolSpec, "inputSchema" | "annotations"> & {
    arguments: readonly ArgumentName[];
    hints: StatusHints;
    effects: Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint">;
  },
): ToolSpec {
  const { arguments: optional, effects, ...rest } = spec;
  return {
    ...rest,
    inputSchema: inputSchema(optional),
    annotations: annotations(spec.title, effects),
  };
}

/** The tools, in the order they are listed. */
export const TOOLS = {
  summarize_video: tool({
    title: "Summarize a video's scenes",
    description:
      "The whole job in one call: requests a scene summarisation of the media asset (unless " +
      "one is already running: then it waits for that one instead), waits for it, sending " +
      "progress notifications, and returns the per-scene summaries as chapters (markdown by " +
      "default, or vtt, srt, json). If it has not completed after maxWaitSeconds, it answers " +
      "that it is still running (not an error): call it again with follow true to keep " +
      "waiting for that one. Each new summarisation replaces the summaries the asset had.",
    arguments: ["format", "sceneIds", "locale", "maxWaitSeconds", "follow"],
    effects: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    hints: { 404: NOT_FOUND },
    run: summarizeVideo,
  }),
  request_scene_summary: tool({
    title: "Request a scene summarisation",
    description:
      "Requests a scene summarisation of the media asset (every scene, or sceneIds only) and " +
      "returns at once; it runs on the server for minutes. Fails if one is already running. " +
      "Follow it with get_scene_summary_status, or summarize_video to wait and get the " +
      "summaries. The new summaries replace those the asset had.",
    arguments: ["sceneIds", "locale"],
    effects: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    hints: {
      400: "A partial re-analysis (sceneIds) needs a completed full one, and scenes the video has.",
      404: NOT_FOUND,
    },
    run: requestSceneSummary,
  }),
  get_scene_summary_status: tool({
    title: "Get a scene summarisation's status",
    description:
      "Reads the status of the media asset's latest scene summarisation: BEFORE_SUMMARIZE, " +
      "WAIT_SUMMARIZE, SUMMARIZING (with scenes analysed out of the total), " +
      "SUMMARIZE_COMPLETED, SUMMARIZE_FAIL (with the reason) or SUMMARIZE_CANCELED, with " +
      "what to call next. Changes nothing.",
    arguments: [],
    effects: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
    hints: { 404: NOT_FOUND },
    run: getSceneSummaryStatus,
  }),
  get_scene_summaries: tool({
    title: "Get the scene summaries",
    description:
      "Returns the per-scene summaries of the media asset's completed scene summarisation, " +
      "as markdown chapters (the default), vtt (WebVTT chapters), srt (SRT subtitles) or " +
      "json (the API's result object). Changes nothing.",
    arguments: ["format"],
    effects: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
    hints: {
      404:
        "There are no scene summaries of this asset: summarize_video requests them and waits " +
        "for them (or workspace, project or asset is wrong).",
      409:
        "The summarisation is not complete yet: summarize_video waits for it and returns " +
        "the summaries; get_scene_summary_status shows how far it is.",
    },
    run: getSceneSummaries,
  }),
  cancel_scene_summary: tool({
    title: "Cancel a scene summarisation",
    description:
      "Cancels the scene summarisation running on the media asset; the work done so far is " +
      "lost. With nothing running, says there is nothing to cancel.",
    arguments: [],
    effects: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    hints: { 404: NOT_FOUND },
    run: cancelSceneSummary,
  }),
} as const satisfies Record<string, ToolSpec>;

/** A tool's name. */
export type ToolName = keyof typeof TOOLS;

/** Whether `name` is a tool's. */
export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOLS, name);
}
