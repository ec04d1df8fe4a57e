/** `ncp-mi status`: the status of a summarisation, for people or as JSON. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatStatus, toJson } from "../output.js";
import { generationOf } from "./shared.js";

/** Reads the status and delivers it; exits 0 whatever it is. */
export async function status(context: CommandContext): Promise<number> {
  const result = await generationOf(context).status({ signal: context.io.signal });
  await context.deliver(context.format === "json" ? toJson(result) : formatStatus(result));
  return ExitCode.ok;
}
