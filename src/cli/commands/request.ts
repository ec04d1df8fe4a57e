/** `ncp-mi request`: ask for a summarisation and return at once. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatRequested, toJson } from "../output.js";
import { assetIds, indexIds } from "./shared.js";

/** Requests a summarisation and delivers what follows it: the `wait` command, or the JSON. */
export async function request(context: CommandContext): Promise<number> {
  const { invocation, client, io } = context;
  const { ids } = invocation;
  const body = {
    ...(invocation.sceneIds && { sceneIds: invocation.sceneIds }),
    ...(invocation.locale !== undefined && { locale: invocation.locale }),
  };
  const call = { signal: io.signal };
  const result = ids.indexId
    ? await client.indexSceneSummaries.request(indexIds(ids), body, call)
    : await client.sceneSummaries.request(assetIds(ids), body, call);
  await context.deliver(context.format === "json" ? toJson(result) : formatRequested(ids, result));
  return ExitCode.ok;
}
