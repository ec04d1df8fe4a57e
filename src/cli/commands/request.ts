/** `ncp-mi request`: ask for a summarisation and return at once. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatRequested, toJson } from "../output.js";
import { generationOf } from "./shared.js";

/** Requests a summarisation and delivers what follows it: the `wait` command, or the JSON. */
export async function request(context: CommandContext): Promise<number> {
  const { invocation, io } = context;
  const body = {
    ...(invocation.sceneIds && { sceneIds: invocation.sceneIds }),
    ...(invocation.locale !== undefined && { locale: invocation.locale }),
  };
  const result = await generationOf(context).request(body, { signal: io.signal });
  await context.deliver(
    context.format === "json" ? toJson(result) : formatRequested(invocation.ids, result),
  );
  return ExitCode.ok;
}
