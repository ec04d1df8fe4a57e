/**
 * `summarize_video`: the whole job in one call. Requests a summarisation of the asset unless
 * one is running (then follows that one), waits for it while sending progress, and returns
 * the summaries. A wait that outlasts `maxWaitSeconds` is not a failure: the tool answers that
 * the summarisation is still running. Called again with `follow`, it only waits for the one
 * requested (never requesting another, even if that one has ended since).
 */

import { seconds } from "../../../duration.js";
import { WaitTimeoutError } from "../../../errors.js";
import { DEFAULT_MAX_WAIT_SECONDS, type ToolArguments } from "../arguments.js";
import type { ToolContext } from "../context.js";
import { describeStatus } from "../messages.js";
import { answer, ToolFailure, type ToolResult } from "../results.js";
import { assetIds, formatSummaries } from "./shared.js";

/** Requests (or follows), waits and returns the summaries, or says that it still runs. */
export async function summarizeVideo(
  args: ToolArguments,
  context: ToolContext,
): Promise<ToolResult> {
  const { client, signal, polling, onProgress, log } = context;
  const maxWaitMs = Math.round((args.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS) * 1000);
  let followed = false;
  try {
    if (args.follow) {
      const ids = assetIds(args);
      const now = await client.sceneSummaries.status(ids, { signal });
      if (now.status === "BEFORE_SUMMARIZE") {
        throw new ToolFailure(
          `No scene summarisation was requested on asset ${args.asset}, so there is none to ` +
            "follow: call summarize_video without follow to request one.",
        );
      }
      await client.sceneSummaries.wait(ids, { ...polling, maxWaitMs, signal, onProgress });
      const result = await client.sceneSummaries.get(ids, { signal });
      return answer(formatSummaries(result, args.format ?? "markdown", args.asset));
    }
    const result = await client.sceneSummaries.summarize(assetIds(args), {
      ...polling,
      maxWaitMs,
      signal,
      onProgress,
      waitForExisting: true,
      ...(args.sceneIds && { sceneIds: args.sceneIds }),
      ...(args.locale !== undefined && { locale: args.locale }),
      onRequested: () =>
        log(`summarize_video: requested a scene summarisation of asset ${args.asset}.`),
      onExisting: () => {
        followed = true;
        log(`summarize_video: following the scene summarisation running on asset ${args.asset}.`);
      },
    });
    const summaries = formatSummaries(result, args.format ?? "markdown", args.asset);
    return followed
      ? answer(
          summaries,
          "A scene summarisation was already running on this asset, so none was requested: " +
            "these are its summaries" +
            (args.sceneIds || args.locale !== undefined
              ? " (sceneIds and locale were not applied)."
              : "."),
        )
      : answer(summaries);
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    return answer(
      `Still running after ${seconds(maxWaitMs)} (${describeStatus(error.lastStatus)}): the scene ` +
        "summarisation goes on on the server. Call summarize_video again with the same " +
        "workspace, project and asset and follow true to keep waiting for it (without follow, " +
        "a call made once it has ended would request a new one), or get_scene_summary_status " +
        "to see how far it is.",
    );
  }
}
