/** `ncp-mi summaries`: the per-scene summaries of a completed summarisation. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatSummaries } from "../output.js";
import { assetIds, indexIds } from "./shared.js";

/** Fetches the result and delivers it in the chosen format. */
export async function summaries(context: CommandContext): Promise<number> {
  const { invocation, client, io } = context;
  const { ids } = invocation;
  const call = { signal: io.signal };
  const result = ids.indexId
    ? await client.indexSceneSummaries.get(indexIds(ids), call)
    : await client.sceneSummaries.get(assetIds(ids), call);
  await context.deliver(formatSummaries(result, context));
  return ExitCode.ok;
}
