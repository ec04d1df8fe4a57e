/** `ncp-mi wait`: poll until the summarisation ends; the exit code tells how it ended. */
import { SceneSummaryWaitError } from "../../errors.js";
import type { SceneSummaryStatus } from "../../types.js";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatStatus, toJson } from "../output.js";
import { generationOf, waitOptions } from "./shared.js";

/**
 * Waits with progress on stderr, then delivers the last status: the one it ended on, and also
 * when the wait failed (a failed or cancelled summarisation, `--timeout`), so that a script
 * reading `--json` gets it whatever the exit code.
 */
export async function wait(context: CommandContext): Promise<number> {
  const deliver = (status: SceneSummaryStatus) =>
    context.deliver(context.format === "json" ? toJson(status) : formatStatus(status));
  try {
    const result = await generationOf(context).wait(waitOptions(context));
    context.progress.end();
    await deliver(result);
  } catch (error) {
    context.progress.end();
    if (error instanceof SceneSummaryWaitError && error.lastStatus) await deliver(error.lastStatus);
    throw error;
  } finally {
    context.progress.end();
  }
  return ExitCode.ok;
}
