/** `ncp-mi summaries`: the per-scene summaries of a completed summarisation. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatSummaries } from "../output.js";
import { generationOf } from "./shared.js";

/** Fetches the result and delivers it in the chosen format. */
export async function summaries(context: CommandContext): Promise<number> {
  const result = await generationOf(context).get({ signal: context.io.signal });
  await context.deliver(formatSummaries(result, context));
  return ExitCode.ok;
}
