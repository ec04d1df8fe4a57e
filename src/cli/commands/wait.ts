/** `ncp-mi wait`: poll until the summarisation ends; the exit code tells how it ended. */
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatStatus, toJson } from "../output.js";
import { generationOf, waitOptions } from "./shared.js";

/** Waits with progress on stderr, then delivers the final status. */
export async function wait(context: CommandContext): Promise<number> {
  try {
    const result = await generationOf(context).wait(waitOptions(context));
    context.progress.end();
    await context.deliver(context.format === "json" ? toJson(result) : formatStatus(result));
  } finally {
    context.progress.end();
  }
  return ExitCode.ok;
}
