/** `get_scene_summaries`: the summaries of the asset's completed summarisation, in a format. */
import type { ToolArguments } from "../arguments.js";
import type { ToolContext } from "../context.js";
import { answer, type ToolResult } from "../results.js";
import { assetIds, formatSummaries } from "./shared.js";

/** Gets the summaries; before completion the service refuses (HTTP 409). */
export async function getSceneSummaries(
  args: ToolArguments,
  context: ToolContext,
): Promise<ToolResult> {
  const result = await context.client.sceneSummaries.get(assetIds(args), {
    signal: context.signal,
  });
  return answer(formatSummaries(result, args.format ?? "markdown", args.asset));
}
