/** `ncp-mi wait`: poll until the summarisation ends; the exit code tells how it ended. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatStatus, toJson } from "../output.js";
import { assetIds, summaryIds, waitOptions } from "./shared.js";

/** Waits with progress on stderr, then delivers the final status. */
export async function wait(context: CommandContext): Promise<number> {
  const { invocation, client, progress } = context;
  const { ids } = invocation;
  try {
    const result = ids.indexId
      ? await client.indexSceneSummaries.wait(summaryIds(ids), waitOptions(context))
      : await client.sceneSummaries.wait(assetIds(ids), waitOptions(context));
    progress.end();
    await context.deliver(context.format === "json" ? toJson(result) : formatStatus(result));
  } finally {
    progress.end();
  }
  return ExitCode.ok;
}
