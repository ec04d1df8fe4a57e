/**
 * `cancel_scene_summary`: cancels the summarisation in progress. When the service refuses,
 * the status tells why: with nothing running, there is nothing to cancel, which is worth
 * saying in those words.
 */
import { MediaIntelligenceError } from "../../../errors.js";
import { isRunningStatus } from "../../../types.js";
import type { ToolArguments } from "../arguments.js";
import type { ToolContext } from "../context.js";
import { describeStatus } from "../messages.js";
import { answer, ToolFailure, type ToolResult } from "../results.js";
import { assetIds } from "./shared.js";

/** HTTP statuses with which the service may refuse to cancel what is not running. */
const REFUSALS = new Set([400, 404, 409]);

/** Cancels the asset's summarisation in progress. */
export async function cancelSceneSummary(
  args: ToolArguments,
  context: ToolContext,
): Promise<ToolResult> {
  const { client, signal } = context;
  const ids = assetIds(args);
  try {
    await client.sceneSummaries.cancel(ids, { signal });
  } catch (error) {
    if (!(error instanceof MediaIntelligenceError && REFUSALS.has(error.status ?? 0))) throw error;
    const current = await client.sceneSummaries.status(ids, { signal }).catch(() => undefined);
    if (current && !isRunningStatus(current.status)) {
      throw new ToolFailure(
        `Nothing to cancel: no scene summarisation is running on asset ${args.asset} ` +
          `(the status is ${describeStatus(current)}).`,
      );
    }
    throw error;
  }
  return answer(
    `Cancelled the scene summarisation of asset ${args.asset}. summarize_video or ` +
      "request_scene_summary requests a new one.",
  );
}
