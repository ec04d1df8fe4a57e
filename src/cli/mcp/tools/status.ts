/** `get_scene_summary_status`: where the asset's summarisation stands, and what to call next. */
import { isRunningStatus } from "../../../types.js";
import { formatStatus } from "../../output.js";
import type { ToolArguments } from "../arguments.js";
import type { ToolContext } from "../context.js";
import { answer, type ToolResult } from "../results.js";
import { assetIds } from "./shared.js";

/** What to call next, by status. */
const NEXT: Readonly<Record<string, string>> = {
  BEFORE_SUMMARIZE: "Nothing has been summarised yet: summarize_video requests a summarisation.",
  SUMMARIZE_COMPLETED: "get_scene_summaries returns the summaries.",
  SUMMARIZE_FAIL: "summarize_video or request_scene_summary requests a new summarisation.",
  SUMMARIZE_CANCELED: "summarize_video or request_scene_summary requests a new summarisation.",
};
const RUNNING =
  "summarize_video waits for it and returns the summaries; cancel_scene_summary cancels it.";

/** Reads the status: a success whatever it is. */
export async function getSceneSummaryStatus(
  args: ToolArguments,
  context: ToolContext,
): Promise<ToolResult> {
  const status = await context.client.sceneSummaries.status(assetIds(args), {
    signal: context.signal,
  });
  const next = isRunningStatus(status.status) ? RUNNING : (NEXT[status.status] ?? RUNNING);
  return answer(`${formatStatus(status)}Next:       ${next}\n`);
}
