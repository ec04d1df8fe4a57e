/**
 * `request_scene_summary`: asks for a summarisation and returns at once. When one is already
 * in progress, the service refuses (HTTP 409) and the tool says which one runs, from the
 * status it reads then (while it still runs).
 */
import { MediaIntelligenceError, SceneSummaryInProgressError } from "../../../errors.js";
import { isRunningStatus } from "../../../types.js";
import type { ToolArguments } from "../arguments.js";
import type { ToolContext } from "../context.js";
import { answer, type ToolResult } from "../results.js";
import { assetIds } from "./shared.js";

/** Requests a summarisation of the asset (of `sceneIds` only, when given). */
export async function requestSceneSummary(
  args: ToolArguments,
  context: ToolContext,
): Promise<ToolResult> {
  const { client, signal } = context;
  const ids = assetIds(args);
  const body = {
    ...(args.sceneIds && { sceneIds: args.sceneIds }),
    ...(args.locale !== undefined && { locale: args.locale }),
  };
  try {
    await client.sceneSummaries.request(ids, body, { signal });
  } catch (error) {
    if (!(error instanceof MediaIntelligenceError && error.status === 409)) throw error;
    const now = await client.sceneSummaries.status(ids, { signal }).catch(() => undefined);
    // The run the service saw may have ended since: its status is shown only while it runs.
    throw new SceneSummaryInProgressError(now && isRunningStatus(now.status) ? now : undefined);
  }
  const what = args.sceneIds ? `scenes ${args.sceneIds.join(", ")}` : "every scene";
  return answer(
    `Requested a scene summarisation of ${what} of asset ${args.asset}; it runs on the server. ` +
      "summarize_video waits for it and returns the summaries (it follows this one rather " +
      "than requesting another); get_scene_summary_status shows how far it is; " +
      "cancel_scene_summary cancels it.",
  );
}
