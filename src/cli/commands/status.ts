/** `ncp-mi status`: the status of a summarisation, for people or as JSON. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatStatus, toJson } from "../output.js";
import { assetIds, summaryIds } from "./shared.js";

/** Reads the status and delivers it; exits 0 whatever it is. */
export async function status(context: CommandContext): Promise<number> {
  const { invocation, client, io } = context;
  const { ids } = invocation;
  const call = { signal: io.signal };
  const result = ids.indexId
    ? await client.indexSceneSummaries.status(summaryIds(ids), call)
    : await client.sceneSummaries.status(assetIds(ids), call);
  await context.deliver(context.format === "json" ? toJson(result) : formatStatus(result));
  return ExitCode.ok;
}
